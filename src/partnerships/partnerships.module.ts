import { Module } from '@nestjs/common';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MembershipHooks } from './membership-hooks';
import { PartnershipsController } from './partnerships.controller';
import { PartnershipsService } from './partnerships.service';

@Module({
  controllers: [PartnershipsController, InvitationsController],
  providers: [PartnershipsService, InvitationsService, MembershipHooks],
  exports: [PartnershipsService, InvitationsService, MembershipHooks],
})
export class PartnershipsModule {}

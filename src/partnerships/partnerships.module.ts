import { Module } from '@nestjs/common';
import { MembershipHooks } from './membership-hooks';
import { PartnershipsController } from './partnerships.controller';
import { PartnershipsService } from './partnerships.service';

@Module({
  controllers: [PartnershipsController],
  providers: [PartnershipsService, MembershipHooks],
  exports: [PartnershipsService, MembershipHooks],
})
export class PartnershipsModule {}

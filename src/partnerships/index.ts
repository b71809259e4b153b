export { MembershipHooks } from './membership-hooks';
export { Partnership } from './partnership.entity';
export { PartnershipMember } from './partnership-member.entity';
export { PartnershipsModule } from './partnerships.module';
export { PartnershipsService } from './partnerships.service';
export { stallEscalationThresholds } from './stall-settings.query';
export {
  AddMemberDto,
  CreatePartnershipDto,
  LeaveDto,
  PartnershipsQuery,
  UpdatePartnershipDto,
} from './dto/partnership.dto';
export type { PartnershipView } from './dto/partnership.dto';
export { InvitationsService } from './invitations.service';
export { PartnershipInvitation } from './partnership-invitation.entity';
export {
  AcceptInvitationDto,
  DeclineInvitationDto,
  type InvitationView,
} from './dto/invitation.dto';
export { memberRows, partnershipRows } from './partnership-relations';

export { MembershipHooks } from './membership-hooks';
export { Partnership } from './partnership.entity';
export { PartnershipMember } from './partnership-member.entity';
export { PartnershipsModule } from './partnerships.module';

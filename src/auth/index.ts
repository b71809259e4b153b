export { ROLES, ROLE_LABEL_PL } from './roles';
export type { Role } from './roles';
export { systemActor } from './actor';
export type { Actor } from './actor';
export {
  decide,
  FINANCE_DOCUMENT_KINDS,
  FINANCE_EVENT_ACTIONS,
  financeEventView,
  hasRole,
  isActiveMember,
  keepsTenderBooks,
  policySql,
} from './access-policy';
export type { FinanceEventLike, TenderFacts } from './access-policy';
export { AccessPolicyService } from './access-policy.service';
export { CurrentActor, Public } from './auth.decorators';
export { hashPassword } from './passwords';
export { RoleMembership } from './role-membership.entity';
export { User } from './user.entity';
export { escapeLike } from './users.service';
export { AuthModule } from './auth.module';
export { AuthService } from './auth.service';
export type { AuthenticatedRequest } from './auth.decorators';
export { UsersService } from './users.service';
export { MIN_PASSWORD_LENGTH } from './passwords';
export { ChangePasswordDto } from './dto/auth.dto';
export { CreateUserDto, MembershipInput, UpdateUserDto, UsersQuery } from './dto/users.dto';
export type { UserView } from './dto/auth.dto';
export { roleRows, userRows } from './identity-relations';
export { writeEmailPreferences } from './email-preferences';
export { CredentialHooks } from './credential-hooks';
export type { CredentialRevocation } from './credential-hooks';

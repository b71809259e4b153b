import type { Role } from './roles';

export interface ActorMembership {
  organisationId: string;
  role: Role;
}

/** Who is calling, resolved once per request from the access token and the database. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  admin: boolean;
  memberships: ActorMembership[];
  requestId: string;
  ip?: string;
}

/** For work done by the system itself (worker, seed, CLI). */
export const systemActor = (requestId = 'system'): Actor => ({
  userId: '00000000-0000-0000-0000-000000000000',
  email: 'system',
  displayName: 'System',
  admin: true,
  memberships: [],
  requestId,
});

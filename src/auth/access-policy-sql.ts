import type { Role } from './roles';

/**
 * The SQL forms of the rules of `access-policy.ts`, for list queries: the same decisions,
 * evaluated by PostgreSQL over many rows. Arguments are SQL (aliases, parameters), never user
 * input. `actorOrg(column)` is the SQL saying that the organisation in `column` is one of the
 * actor's (e.g. `${column} = ANY($1)`).
 */
export const policySql = {
  /** `isActiveMember` for the `partnership_members` row `m` on the date `on`. */
  activeMember: (m: string, on: string): string =>
    `${m}.joined_on <= ${on} AND (${m}.left_on IS NULL OR ${m}.left_on >= ${on})`,

  /**
   * The partnerships the actor may see (a `SELECT` of their ids): those its organisations lead or
   * have ever been members of — a former member keeps read access to the history it took part in.
   */
  seenPartnerships: (actorOrg: (column: string) => string): string =>
    `SELECT sp.id FROM partnerships sp WHERE ${actorOrg('sp.leader_organisation_id')}
     UNION SELECT sm.partnership_id FROM partnership_members sm WHERE ${actorOrg('sm.organisation_id')}`,

  /**
   * `tender.view` (non-admin) for the `tenders` row `t`, `today` the date of current membership,
   * expressed through the partnerships the actor may see: the tender's partnership is one of them
   * (an indexed semi-join that narrows the rows first), and then the leader's people see it, and
   * from COLLECTING_SHARES on the partnership's current members and the organisations holding a
   * share in it. Exact, because a tender's leader is its partnership's leader (copied at creation,
   * never changed) and a share is only ever declared for a current member of the partnership,
   * whose membership row stays (memberships end with `left_on`, rows are never deleted).
   */
  tenderVisible: (t: string, actorOrg: (column: string) => string, today: string): string =>
    `(${t}.partnership_id IN (${policySql.seenPartnerships(actorOrg)})
      AND (${actorOrg(`${t}.leader_organisation_id`)} OR (${t}.status <> 'DRAFT' AND (
        ${t}.partnership_id IN (SELECT m.partnership_id FROM partnership_members m
                                 WHERE ${actorOrg('m.organisation_id')} AND ${policySql.activeMember('m', today)})
        OR EXISTS (SELECT 1 FROM shares s WHERE s.tender_id = ${t}.id AND ${actorOrg('s.organisation_id')})))))`,

  /**
   * `finance.view` (non-admin) of the partner in `organisation` for the `tenders` row `t`:
   * `actorRole(column, roles)` is the SQL saying that the actor holds one of `roles` in the
   * organisation in `column`. (A finance record is only ever made for a party of the tender, so
   * the rule's "is a partner" holds for every row this is applied to.)
   */
  financeVisible: (
    t: string,
    organisation: string,
    actorRole: (column: string, roles: Role[]) => string,
  ): string =>
    `(${actorRole(`${t}.leader_organisation_id`, ['PROCUREMENT_OFFICER', 'TREASURER'])} OR ${actorRole(organisation, ['TREASURER', 'HEAD', 'COORDINATOR'])})`,
};

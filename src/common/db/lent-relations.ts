/**
 * Relations a higher module lends to a lower one: the hook of `TenderHooks` and `MembershipHooks`
 * in SQL form, for a lower module's statement that must read a later module's table and stay one
 * statement (issue #9: no SQL on another module's tables; issue #16: a constant number of
 * statements per request). The owner writes the relation next to its table and lends it when its
 * public face loads; the borrower composes it (`FROM ${borrowRelation('contracts')} c`). A relation
 * borrowed and never lent is a wiring fault and throws, naming the module that must be loaded.
 */
export interface LentRelationColumns {
  /** finance: contracts (id, tender_id, lot_id, organisation_id, contractor_name, signed_on, amount_net, amount_gross, cancelled_at). */
  contracts: 'finance';
  /**
   * responsibilities: every version of every task of the responsibility matrix (task_id, version,
   * tender_id, organisation_id, person_user_id, title, due_on, status, lot_number, created_at).
   */
  taskVersions: 'responsibilities';
  /**
   * A partner's finance records that audit events refer to, and the partner (id text,
   * organisation_id, tender_id): schedule lends the payments' deadlines, documents the partners'
   * finance documents. Borrowed as the union of all lent.
   */
  financeRecords: 'schedule' | 'documents';
}

export type LentRelationName = keyof LentRelationColumns;

const lent = new Map<LentRelationName, Map<string, string>>();

/** Lends `sql` (a parenthesised SELECT with the columns documented above) under `name`. */
export function lendRelation<N extends LentRelationName>(
  name: N,
  owner: LentRelationColumns[N],
  sql: string,
): void {
  const byOwner = lent.get(name) ?? new Map<string, string>();
  byOwner.set(owner, sql);
  lent.set(name, byOwner);
}

/** The relation lent under `name`: one owner's, or the `UNION ALL` of all owners' for a list. */
export function borrowRelation(name: LentRelationName): string {
  const byOwner = lent.get(name);
  if (!byOwner || byOwner.size === 0)
    throw new Error(
      `No module has lent the relation "${name}": load the module that owns it (see LentRelationColumns)`,
    );
  const parts = [...byOwner.values()];
  return parts.length === 1 ? parts[0] : `(${parts.join(' UNION ALL ')})`;
}

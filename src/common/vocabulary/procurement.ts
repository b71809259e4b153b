/**
 * The procurement terms every module speaks (the API, the rules, the schedule, the documents):
 * one list of values each, with the union type derived from it. Polish labels stay with the
 * pages and documents that print them.
 */

/** Which rules of the Pzp govern a procedure, decided by its total net value (DOMAIN.md "Thresholds"). */
export const REGIMES = ['OUTSIDE_ACT', 'NATIONAL', 'EU'] as const;
export type Regime = (typeof REGIMES)[number];

/** The procedure run by the leader: tryb podstawowy (art. 275), przetarg nieograniczony, ograniczony. */
export const PROCEDURES = ['BASIC', 'OPEN', 'RESTRICTED'] as const;
export type Procedure = (typeof PROCEDURES)[number];

/** Dostawy, usługi, roboty budowlane (art. 7 Pzp). */
export const SUBJECT_KINDS = ['SUPPLIES', 'SERVICES', 'WORKS'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * (a) each partner signs and pays its own contract; (b) the leader signs one contract and the
 * partners transfer their part as pomoc finansowa (dotacja celowa).
 */
export const SETTLEMENT_MODELS = ['SEPARATE_CONTRACTS', 'LEADER_CONTRACT'] as const;
export type SettlementModel = (typeof SETTLEMENT_MODELS)[number];

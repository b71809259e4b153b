import type { FieldViolation } from '../errors';

/**
 * Dates of facts are checked against the facts they depend on, not against the calendar alone:
 * a contract is signed on or after the award, an invoice on or after the contract, a payment on
 * or after the invoice it pays; nothing that has happened is dated after today; what is due is
 * due today or later. A past fact entered late (a payment made yesterday, recorded today) stays
 * possible: the bounds are other facts, and "today" only bounds from above.
 */
export interface DateBound {
  /** The bounding date (YYYY-MM-DD); null when the fact it stands for is not known. */
  on: string | null;
  /** The rule the field breaks when it falls outside: `notBeforeAward`, `notInFuture`, … */
  rule: string;
  /** What the bound is, for the message: "the award of lot 1". */
  what: string;
}

export interface DateBounds {
  earliest?: DateBound[];
  latest?: DateBound[];
}

/** The first bound `value` breaks as a field violation, or null. ISO dates compare as strings. */
export function dateViolation(
  field: string,
  value: string,
  bounds: DateBounds,
): FieldViolation | null {
  for (const b of bounds.earliest ?? []) {
    if (b.on !== null && value < b.on) {
      return {
        field,
        rule: b.rule,
        message: `${field} (${value}) may not be before ${b.what} (${b.on})`,
      };
    }
  }
  for (const b of bounds.latest ?? []) {
    if (b.on !== null && value > b.on) {
      return {
        field,
        rule: b.rule,
        message: `${field} (${value}) may not be after ${b.what} (${b.on})`,
      };
    }
  }
  return null;
}

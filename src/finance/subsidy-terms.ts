/**
 * When the unused part of a targeted subsidy (dotacja celowa) must be returned to the donor's
 * budget (pure; ustawa o finansach publicznych, art. 251):
 *  - a subsidy to be used within a term shorter than the budget year: within 15 days from the day
 *    the agreement names as the end of the term of use (ust. 2);
 *  - a subsidy used until the end of the budget year (term of use ending on 31 December): by
 *    31 January of the following year (ust. 1).
 * The days are counted as in Kodeks cywilny art. 111 § 2 (the day of the event is not counted), and
 * a last day falling on a Saturday or a statutory day off moves to the next working day (Ordynacja
 * podatkowa art. 12 § 5, applied to budget receivables through ufp art. 60 and 67).
 */
import { addCalendarDays, isDayOff, nextWorkingDay } from '../common/polish-calendar';

export const RETURN_DAYS = 15;

export interface ReturnDeadline {
  /** The last day to return unused funds. */
  returnDueOn: string;
  /** Before any shift off a day off. */
  nominal: string;
  basis: string;
}

export function subsidyReturnDeadline(useUntil: string): ReturnDeadline {
  const yearEnd = useUntil.slice(5) === '12-31';
  const nominal = yearEnd
    ? `${Number(useUntil.slice(0, 4)) + 1}-01-31`
    : addCalendarDays(useUntil, RETURN_DAYS);
  const returnDueOn = isDayOff(nominal) ? nextWorkingDay(nominal) : nominal;
  const basis = yearEnd
    ? 'art. 251 ust. 1 ufp (do 31 stycznia następnego roku)'
    : 'art. 251 ust. 2 ufp (15 dni od dnia określonego w umowie); art. 111 § 2 KC';
  return {
    returnDueOn,
    nominal,
    basis: returnDueOn === nominal ? basis : `${basis}; art. 12 § 5 Ordynacji podatkowej`,
  };
}

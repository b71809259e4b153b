/**
 * The one place where web pages format values for people: dates "1 grudnia 2026 r.", amounts
 * "1 234 567,89 zł" (the service's one spelling, shared with documents and e-mails), amounts in
 * words, and Polish plural forms (Intl.PluralRules). Pure functions; views call them as helpers.
 */
import { formatPln, parseAmount } from '../common/money';
import { amountInWordsPl, formatDatePl, formatDateTimePl } from '../documents';
import { lotTitleWithoutNumber } from '../common/vocabulary';

const PLURAL = new Intl.PluralRules('pl-PL');

/** Forms for 1, for 2–4 (22–24, …) and for 5+ (12–14, 25, …): ['dzień', 'dni', 'dni']. */
export type PluralForms = readonly [one: string, few: string, many: string];

/** "1 zadanie", "3 zadania", "5 zadań", "22 zadania", "1,5 godziny" (fractions take "other"). */
export function plural(n: number, forms: PluralForms): string {
  const category = PLURAL.select(n);
  const form =
    category === 'one'
      ? forms[0]
      : category === 'few'
        ? forms[1]
        : category === 'many'
          ? forms[2]
          : forms[1];
  return `${String(n).replace('.', ',')} ${form}`;
}

export const FORMS = {
  day: ['dzień', 'dni', 'dni'],
  workingDay: ['dzień roboczy', 'dni robocze', 'dni roboczych'],
  hour: ['godzina', 'godziny', 'godzin'],
  minute: ['minuta', 'minuty', 'minut'],
  task: ['zadanie', 'zadania', 'zadań'],
  tender: ['postępowanie', 'postępowania', 'postępowań'],
  notification: ['powiadomienie', 'powiadomienia', 'powiadomień'],
  document: ['dokument', 'dokumenty', 'dokumentów'],
  share: ['udział', 'udziały', 'udziałów'],
  page: ['strona', 'strony', 'stron'],
  deadline: ['termin', 'terminy', 'terminów'],
  hourAccusative: ['godzinę', 'godziny', 'godzin'],
  minuteAccusative: ['minutę', 'minuty', 'minut'],
} as const satisfies Record<string, PluralForms>;

/** An API amount string ("1234567.89") as "1 234 567,89 zł". */
export function pln(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  if (typeof amount === 'number') return formatPln(amount);
  // Balances are signed ("-1234.50": the partner owes); the API's amounts are not.
  return amount.startsWith('-')
    ? formatPln(-parseAmount(amount.slice(1)))
    : formatPln(parseAmount(amount));
}

/** "jeden milion dwieście … złotych 89/100". */
export function plnWords(amount: string): string {
  return amountInWordsPl(parseAmount(amount));
}

export function dateLong(value: string | Date | null | undefined): string {
  return value ? formatDatePl(value) : '—';
}

export function dateTime(value: string | Date | null | undefined): string {
  return value ? formatDateTimePl(value) : '—';
}

/** "godz. 14:05" in Europe/Warsaw, for "Sesja wygaśnie o …". */
const TIME_OF_DAY = new Intl.DateTimeFormat('pl-PL', {
  timeZone: 'Europe/Warsaw',
  hour: '2-digit',
  minute: '2-digit',
});

export function timeOfDay(value: Date): string {
  return TIME_OF_DAY.format(value);
}

/** How long something has waited: "od 3 dni", "od 5 godzin", "od 1 minuty", "od chwili". */
export function waited(since: string | Date, now: Date = new Date()): string {
  const minutes = Math.floor((now.getTime() - new Date(since).getTime()) / 60000);
  if (minutes < 1) return 'od chwili';
  if (minutes < 60) return `od ${genitive(minutes, ['minuty', 'minut'])}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `od ${genitive(hours, ['godziny', 'godzin'])}`;
  return `od ${genitive(Math.floor(hours / 24), ['dnia', 'dni'])}`;
}

/** After "od" Polish takes the genitive: 1 dnia / minuty, otherwise dni / minut. */
function genitive(n: number, forms: readonly [one: string, other: string]): string {
  return `${n} ${n === 1 ? forms[0] : forms[1]}`;
}

/** Seconds → "3 minuty", "1 godzina 5 minut" for the sign-in limiter's wait. */
export function duration(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 60) return plural(minutes, FORMS.minute);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? plural(h, FORMS.hour) : `${plural(h, FORMS.hour)} ${plural(m, FORMS.minute)}`;
}

/**
 * A lot named once: "Część 2: drogi w gminach południowych". Officers often start the title with
 * the lot's own number ("Część 2: …"); that prefix is not repeated. `inline` starts lower-case.
 */
export function lotName(number: number, title: string | null | undefined, inline = false): string {
  const word = inline ? 'część' : 'Część';
  const rest = lotTitleWithoutNumber(number, title);
  return rest ? `${word} ${number}: ${rest}` : `${word} ${number}`;
}

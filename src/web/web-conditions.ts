/**
 * The conditions that block a tender's transition, in Polish. The services state them once (the
 * lifecycle, documents, procedure and finance guards; the API answers 422 with the same text);
 * the officer's page lists them before the button, so this table says each of them in Polish.
 * An unknown condition is still shown — marked as English text — never hidden.
 */
import { dateLong } from './web-format';

export interface ConditionPl {
  text: string;
  /** The service's own wording when no Polish sentence is known for it. */
  english?: string;
}

const DEADLINE = /^(.+) \(([A-Z_]+)\) due (\d{2}\.\d{2}\.\d{4}) (\d{2}:\d{2}) Europe\/Warsaw$/;

/** "Składanie ofert (OFFERS) due 25.01.2027 12:00 Europe/Warsaw" → "„Składanie ofert” (25.01.2027, godz. 12:00)". */
function deadlinePl(described: string): string {
  const m = DEADLINE.exec(described.trim());
  return m ? `„${m[1]}” (${m[3]}, godz. ${m[4]})` : described;
}

const day = (iso: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? dateLong(iso) : iso);

const RULES: [RegExp, (...m: string[]) => string][] = [
  [/^the tender needs at least one lot$/, () => 'Postępowanie musi mieć co najmniej jedną część.'],
  [
    /^at least one lot needs proposed shares$/,
    () => 'Co najmniej jedna część musi mieć zaproponowane udziały partnerów.',
  ],
  [
    /^shares must come from at least 2 organisations \(joint procurement\); now (\d+)$/,
    (n) =>
      `Udziały muszą pochodzić od co najmniej dwóch jednostek (zamówienie wspólne, art. 38 Pzp); teraz jednostek: ${n}.`,
  ],
  [
    /^(\d+) share\(s\) are not CONFIRMED yet$/,
    (n) =>
      `Niepotwierdzone udziały: ${n}. Każdy udział potwierdzają kolejno koordynator, skarbnik (kontrasygnata) i kierownik jednostki.`,
  ],
  [/^lot\(s\) (.+) have no shares$/, (l) => `Części bez udziałów partnerów: ${l}.`],
  [
    /^a reason \(at least 5 characters\) is required to cancel$/,
    () => 'Podaj powód unieważnienia (co najmniej 5 znaków).',
  ],
  [
    /^(?:[A-Z_]+: )?a READY joint procurement agreement/,
    () =>
      'Przed ogłoszeniem musi być gotowe porozumienie partnerstwa o wspólnym udzieleniu zamówienia. Zleć jego przygotowanie w dokumentach postępowania i poczekaj, aż będzie gotowe.',
  ],
  [
    /^(?:[A-Z_]+: )?the READY agreement was rendered from a different set of shares/,
    () =>
      'Gotowe porozumienie przygotowano z innych udziałów niż obecne, a porozumienie musi odpowiadać aktualnym udziałom. Zleć nową wersję porozumienia i poczekaj, aż będzie gotowa.',
  ],
  [
    /^(?:[A-Z_]+: )?the READY agreement's annex of tasks was rendered from a different responsibility matrix/,
    () =>
      'Załącznik „Podział zadań i odpowiedzialności” gotowego porozumienia sporządzono według innego podziału zadań niż obecny (zadanie dodano, zmieniono jego termin lub odpowiedzialnego albo od niego odstąpiono). Zleć nową wersję porozumienia i poczekaj, aż będzie gotowa.',
  ],
  [
    /^(?:[A-Z_]+: )?the READY agreement prints CPV codes or their Polish names that changed/,
    () =>
      'Gotowe porozumienie podaje inne kody CPV lub inne ich nazwy niż postępowanie. Zleć nową wersję porozumienia i poczekaj, aż będzie gotowa.',
  ],
  [
    /^the Polish name of CPV code\(s\) (.+) is missing/,
    (codes) =>
      `Podaj nazwę w języku polskim każdego kodu CPV postępowania (brakuje jej dla: ${codes}) na stronie „Nazwy kodów CPV” (odnośnik przy przedmiocie zamówienia na stronie postępowania); porozumienie podaje kody CPV z ich polskimi nazwami.`,
  ],
  [
    /^the contract notice must be recorded first/,
    () => 'Najpierw zapisz ogłoszenie o zamówieniu (numer w BZP lub TED i czas publikacji).',
  ],
  [
    /^an applied schedule is needed \(.* with publishedOn (.+)\)$/,
    (d) =>
      d === 'the notice day'
        ? 'Zastosuj harmonogram liczony od dnia publikacji ogłoszenia.'
        : `Zastosuj harmonogram liczony od dnia publikacji ogłoszenia (${day(d)}).`,
  ],
  [
    /^the schedule counts from (\S+) but the notice was published on (\S+): apply the schedule from \S+$/,
    (from, on) =>
      `Harmonogram liczy terminy od ${day(from)}, a ogłoszenie opublikowano ${day(on)}: zastosuj harmonogram od ${day(on)}.`,
  ],
  [
    /^(.+) is already past: move it or apply the schedule again$/,
    (d) => `Termin ${deadlinePl(d)} już minął: przesuń go albo zastosuj harmonogram ponownie.`,
  ],
  [
    /^lot (\d+) has no evaluation criteria/,
    (n) => `Część ${n} nie ma kryteriów oceny ofert (art. 239 Pzp).`,
  ],
  [
    /^lot (\d+) has criteria that cannot be used$/,
    (n) => `Kryteriów oceny ofert części ${n} nie można zastosować: sprawdź ich wagi i opis.`,
  ],
  [
    /^the schedule has no offers deadline \(OFFERS\)$/,
    () => 'Harmonogram nie ma terminu składania ofert.',
  ],
  [
    /^offers cannot be opened before the (.+)$/,
    (d) => `Ofert nie można otworzyć przed upływem terminu ${deadlinePl(d)}.`,
  ],
  [
    /^lot (\d+) needs the amount planned for financing, made public before the opening/,
    (n) =>
      `Część ${n}: przed otwarciem ofert udostępnij kwotę, jaką zamierzasz przeznaczyć na sfinansowanie zamówienia (art. 222 ust. 4 Pzp).`,
  ],
  [/^the tender committee must be appointed/, () => 'Powołaj komisję przetargową.'],
  [
    /^art\. 56 statements are missing: (.+)$/,
    (names) => `Brakuje oświadczeń, o których mowa w art. 56 Pzp: ${names}.`,
  ],
  [
    /^the head stated a conflict of interest/,
    () =>
      'Kierownik zamawiającego zgłosił konflikt interesów: powierz jego czynności innej osobie (art. 53 ust. 2 Pzp) i zapisz jej oświadczenie.',
  ],
  [
    /^the committee has (\d+) member\(s\) without a conflict of interest; it needs at least 3/,
    (n) =>
      `Członkowie komisji bez konfliktu interesów: ${n}; potrzeba co najmniej trzech (art. 55 ust. 2 Pzp).`,
  ],
  [
    /^lot (\d+): the head has not approved the committee’s recommendation yet$/,
    (n) => `Część ${n}: kierownik zamawiającego nie zatwierdził jeszcze rekomendacji komisji.`,
  ],
  [
    /^lot (\d+) is neither awarded .* nor cancelled$/,
    (n) =>
      `Część ${n}: nie wybrano jeszcze oferty (ocena, rekomendacja komisji, zatwierdzenie kierownika) ani nie unieważniono części.`,
  ],
  [
    /^every lot is cancelled: cancel the tender instead/,
    () => 'Wszystkie części unieważniono: unieważnij całe postępowanie (art. 255 Pzp).',
  ],
  [
    /^no contract before the (.+)$/,
    (d) => `Umowy nie można zawrzeć przed upływem terminu ${deadlinePl(d)}.`,
  ],
  [
    /^a contract of lot (\d+) is dated (\S+), before the standstill end (\S+)$/,
    (n, signed, end) =>
      `Umowa w części ${n} ma datę ${day(signed)}, wcześniejszą niż koniec terminu zawieszenia (${day(end)}).`,
  ],
  [
    /^lot (\d+) has a pending appeal to KIO/,
    (n) =>
      `Część ${n}: odwołanie do KIO czeka na rozstrzygnięcie; do tego czasu nie można zawrzeć umowy (art. 577 Pzp).`,
  ],
  [/^lot (\d+) needs the contracts of (.+)$/, (n, who) => `Część ${n}: brakuje umów: ${who}.`],
  [/^lot (\d+) needs the leader's contract$/, (n) => `Część ${n}: brakuje umowy lidera.`],
  [/^(\d+) payment\(s\) are not paid$/, (n) => `Niezapłacone płatności: ${n}.`],
  [/^(\d+) subsidy\(ies\) are not settled$/, (n) => `Nierozliczone dotacje: ${n}.`],
];

export function conditionPl(message: string): ConditionPl {
  for (const [re, say] of RULES) {
    const m = re.exec(message);
    if (m) return { text: say(...m.slice(1)) };
  }
  return { text: 'Niespełniony warunek (opis w systemie):', english: message };
}

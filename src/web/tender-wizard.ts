/**
 * "Nowe postępowanie": the wizard's draft (kept with the web session between steps), what each
 * step's form puts into it, and the draft as the API's own input (CreateTenderDto, then one
 * CreateShareDto per amount). No rule is decided here: the DTO classes and the services decide;
 * this file only says each rule in Polish on the field it concerns.
 */
import { todayInWarsaw } from '../common/dates';
import { DomainError, type FieldViolation } from '../common/errors';
import { formatAmount, grossFromNet, parseAmount } from '../common/money';
import { computeRegime } from '../tenders';
import { additionalNamesFromForm } from './cpv-names-form';
import {
  amountInput,
  errorsPl,
  instantInput,
  intInput,
  type FieldTable,
  type Form,
} from './procedure-forms';
import type { FieldErrorView } from './web-pages.service';
import { REGIME_PL } from './web-words';

export const WIZARD_STEPS = [
  { key: 'podstawy', label: 'Dane podstawowe' },
  { key: 'czesci', label: 'Części zamówienia' },
  { key: 'udzialy', label: 'Udziały partnerów' },
  { key: 'sprawdz', label: 'Sprawdź i utwórz' },
] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number]['key'];

export interface DraftLot {
  number: string;
  title: string;
  vatRate: string;
}

export interface TenderDraft {
  partnershipId: string;
  reference: string;
  title: string;
  subjectKind: string;
  procedure: string;
  settlementModel: string;
  cpvMain: string;
  /** Codes separated by spaces or commas, as typed or picked from the search. */
  cpvAdditional: string;
  /** The Polish name of the main code, as typed. */
  cpvMainName: string;
  /** The Polish name of each additional code, code → name as typed. */
  cpvAdditionalNames: Record<string, string>;
  shareDeadlineDay: string;
  shareDeadlineTime: string;
  plannedStartOn: string;
  lots: DraftLot[];
  /** `${lot index}:${organisation id}` → the net amount as typed ("250 000,00"). */
  shares: Record<string, string>;
  /** The steps whose answers were accepted (the check page needs all three). */
  done: WizardStep[];
}

export function emptyDraft(partnershipId = ''): TenderDraft {
  return {
    partnershipId,
    reference: '',
    title: '',
    subjectKind: 'WORKS',
    procedure: 'BASIC',
    settlementModel: 'SEPARATE_CONTRACTS',
    cpvMain: '',
    cpvAdditional: '',
    cpvMainName: '',
    cpvAdditionalNames: {},
    shareDeadlineDay: '',
    shareDeadlineTime: '15:00',
    plannedStartOn: '',
    lots: [{ number: '1', title: '', vatRate: '23' }],
    shares: {},
    done: [],
  };
}

/** The stored draft, tolerant of older shapes: anything missing takes the empty draft's value. */
export function readDraft(stored: Record<string, unknown> | null): TenderDraft | null {
  if (!stored) return null;
  return { ...emptyDraft(), ...(stored as Partial<TenderDraft>) };
}

const field = (form: Form, name: string): string => (form[name] ?? '').trim();

export const cpvCodes = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);

/** The basics step's form into the draft (as typed; the DTO checks it). */
export function basicsFromForm(draft: TenderDraft, form: Form): TenderDraft {
  const next: TenderDraft = { ...draft };
  for (const name of [
    'partnershipId',
    'reference',
    'title',
    'subjectKind',
    'procedure',
    'settlementModel',
    'cpvMain',
    'cpvAdditional',
    'cpvMainName',
    'shareDeadlineDay',
    'shareDeadlineTime',
    'plannedStartOn',
  ] as const)
    if (form[name] !== undefined) next[name] = field(form, name);
  // A code picked from the search results: as the main code, or added to the additional ones.
  if (form.wybierzGlowny) next.cpvMain = field(form, 'wybierzGlowny');
  if (form.wybierzDodatkowy) {
    const codes = cpvCodes(next.cpvAdditional);
    const code = field(form, 'wybierzDodatkowy');
    if (!codes.includes(code)) codes.push(code);
    next.cpvAdditional = codes.join(' ');
  }
  next.cpvAdditionalNames = additionalNamesFromForm(
    cpvCodes(next.cpvAdditional),
    form,
    draft.cpvAdditionalNames,
  );
  return next;
}

/** The lots step: rows as typed; `dodaj` adds an empty row, `usun-N` removes row N. */
export function lotsFromForm(
  draft: TenderDraft,
  body: Record<string, string | string[] | undefined>,
): TenderDraft {
  const one = (name: string): string => {
    const v = body[name];
    return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
  };
  const numbers: string[] = [];
  for (let i = 0; body[`numer-${i}`] !== undefined && i < 100; i++) numbers.push(one(`numer-${i}`));
  let lots: DraftLot[] = numbers.map((n, i) => ({
    number: n,
    title: one(`tytul-${i}`),
    vatRate: one(`vat-${i}`),
  }));
  const action = typeof body.akcja === 'string' ? body.akcja : '';
  if (action === 'dodaj') {
    const highest = Math.max(0, ...lots.map((l) => Number.parseInt(l.number, 10) || 0));
    lots.push({ number: String(highest + 1), title: '', vatRate: lots.at(-1)?.vatRate ?? '23' });
  }
  const removed = /^usun-(\d+)$/.exec(action);
  if (removed && lots.length > 1) lots = lots.filter((_, i) => i !== Number(removed[1]));
  // Amounts follow their lot when a row above is removed.
  const shares: Record<string, string> = {};
  const keep = numbers.map((_, i) => i).filter((i) => !(removed && Number(removed[1]) === i));
  keep.forEach((oldIndex, newIndex) => {
    for (const [key, amount] of Object.entries(draft.shares)) {
      const [lot, org] = key.split(':');
      if (Number(lot) === oldIndex) shares[`${newIndex}:${org}`] = amount;
    }
  });
  return { ...draft, lots, shares: removed ? shares : draft.shares };
}

/** The shares step: every `kwota-<lot>-<organisation>` input (empty = no share). */
export function sharesFromForm(draft: TenderDraft, form: Form): TenderDraft {
  const shares: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    const m = /^kwota-(\d+)-([0-9a-f-]{36})$/.exec(name);
    if (m && value !== undefined && value.trim() !== '') shares[`${m[1]}:${m[2]}`] = value.trim();
  }
  return { ...draft, shares };
}

/** The draft as CreateTenderDto input (lots included); the DTO validates it. */
export function tenderInput(draft: TenderDraft, withLots: boolean): Record<string, unknown> {
  const shareDeadline = draft.shareDeadlineDay
    ? instantInput(draft.shareDeadlineDay, draft.shareDeadlineTime) || draft.shareDeadlineDay
    : undefined;
  return {
    partnershipId: draft.partnershipId,
    reference: draft.reference,
    title: draft.title,
    subjectKind: draft.subjectKind,
    procedure: draft.procedure,
    settlementModel: draft.settlementModel,
    cpvMain: draft.cpvMain,
    cpvAdditional: cpvCodes(draft.cpvAdditional),
    // Always given, so an empty name is refused: the wizard asks for the Polish name of every code.
    cpvMainName: draft.cpvMainName,
    cpvAdditionalNames: cpvCodes(draft.cpvAdditional).map((c) => draft.cpvAdditionalNames[c] ?? ''),
    ...(shareDeadline ? { shareDeadline } : {}),
    ...(draft.plannedStartOn ? { plannedStartOn: draft.plannedStartOn } : {}),
    ...(withLots
      ? {
          lots: draft.lots.map((l) => ({
            number: intInput(l.number),
            title: l.title,
            vatRate: intInput(l.vatRate),
          })),
        }
      : {}),
  };
}

/** One share's input per amount entered: CreateShareDto without the lot's id (known after create). */
export function shareInputs(
  draft: TenderDraft,
): { lotIndex: number; organisationId: string; amountNet: string; key: string }[] {
  return Object.entries(draft.shares)
    .map(([key, amount]) => {
      const [lot, organisationId] = key.split(':');
      return { lotIndex: Number(lot), organisationId, amountNet: amountInput(amount), key };
    })
    .filter((s) => s.lotIndex < draft.lots.length)
    .sort((a, b) => a.lotIndex - b.lotIndex);
}

const grosz = (amount: string): number | null => {
  try {
    const v = parseAmount(amount);
    return v > 0 ? v : null;
  } catch {
    return null;
  }
};

/** Net and gross per lot and in total of the amounts that read as amounts (the others are errors). */
export function draftTotals(draft: TenderDraft): {
  lots: { net: string; gross: string }[];
  net: string;
  gross: string;
  netGrosz: number;
} {
  const perLot = draft.lots.map(() => ({ net: 0, gross: 0 }));
  for (const s of shareInputs(draft)) {
    const v = grosz(s.amountNet);
    const rate = Number.parseInt(draft.lots[s.lotIndex].vatRate, 10);
    if (v === null) continue;
    perLot[s.lotIndex].net += v;
    perLot[s.lotIndex].gross += grossFromNet(v, Number.isInteger(rate) ? rate : 0);
  }
  const net = perLot.reduce((a, l) => a + l.net, 0);
  const gross = perLot.reduce((a, l) => a + l.gross, 0);
  return {
    lots: perLot.map((l) => ({ net: formatAmount(l.net), gross: formatAmount(l.gross) })),
    net: formatAmount(net),
    gross: formatAmount(gross),
    netGrosz: net,
  };
}

const DATE = 'Wpisz datę w postaci RRRR-MM-DD, np. 2027-01-11.';

/** CreateTenderDto's fields (and the services' refusals) → the basics form's inputs. */
export const BASICS_FIELDS: FieldTable = {
  partnershipId: {
    id: 'partnershipId',
    label: 'Partnerstwo',
    message: 'Wybierz partnerstwo, którego liderem jest Twoja jednostka.',
  },
  reference: {
    id: 'reference',
    label: 'Znak sprawy',
    message:
      'Wpisz znak sprawy (od 3 do 60 znaków: litery, cyfry, kropki, kreski, ukośniki i spacje), np. ZP.271.12.2026.',
    rules: {
      uniquePerLeader: 'Ten znak sprawy jest już użyty w innym postępowaniu lidera; wpisz inny.',
    },
  },
  title: {
    id: 'title',
    label: 'Nazwa zamówienia',
    message: 'Wpisz nazwę zamówienia (od 5 do 500 znaków).',
  },
  subjectKind: {
    id: 'subjectKind',
    label: 'Rodzaj zamówienia',
    message: 'Wybierz rodzaj zamówienia: dostawy, usługi lub roboty budowlane.',
  },
  procedure: { id: 'procedure', label: 'Tryb', message: 'Wybierz tryb udzielenia zamówienia.' },
  settlementModel: {
    id: 'settlementModel',
    label: 'Sposób rozliczenia',
    message: 'Wybierz sposób rozliczenia między partnerami.',
  },
  cpvMain: {
    id: 'cpvMain',
    label: 'Główny kod CPV',
    message:
      'Wpisz kod ze Wspólnego Słownika Zamówień (CPV 2008) w postaci 12345678-9 albo wyszukaj go poniżej.',
  },
  cpvAdditional: {
    id: 'cpvAdditional',
    label: 'Dodatkowe kody CPV',
    message:
      'Każdy dodatkowy kod musi być kodem CPV 2008 w postaci 12345678-9 (najwyżej 20 kodów, rozdzielonych spacjami).',
  },
  shareDeadline: {
    id: 'shareDeadlineDay',
    label: 'Termin potwierdzenia udziałów',
    message: 'Wpisz dzień (RRRR-MM-DD) i godzinę (GG:MM), do których partnerzy potwierdzą udziały.',
    rules: {
      notInPast: 'Termin potwierdzenia udziałów nie może przypadać w przeszłości.',
      notAfterPlannedStart:
        'Partnerzy muszą potwierdzić udziały przed planowanym wszczęciem postępowania.',
    },
  },
  plannedStartOn: {
    id: 'plannedStartOn',
    label: 'Planowane wszczęcie',
    message: DATE,
    rules: {
      notBeforeShareDeadline:
        'Planowane wszczęcie nie może przypadać przed terminem potwierdzenia udziałów.',
    },
  },
};

/** Lot rows: `lots[i].field` → the row's input. */
export function lotFields(count: number): FieldTable {
  const table: FieldTable = {
    lots: {
      id: 'numer-0',
      label: 'Części',
      message: 'Podaj co najmniej jedną część (najwyżej 100).',
    },
  };
  for (let i = 0; i < count; i++) {
    const row = `Część w wierszu ${i + 1}`;
    table[`lots[${i}].number`] = {
      id: `numer-${i}`,
      label: `${row}: numer`,
      message: 'Wpisz numer części: liczbę całkowitą od 1 do 999.',
      rules: { unique: 'Numery części nie mogą się powtarzać; nadaj tej części inny numer.' },
    };
    table[`lots[${i}].title`] = {
      id: `tytul-${i}`,
      label: `${row}: nazwa`,
      message: 'Wpisz nazwę części (od 3 do 300 znaków).',
    };
    table[`lots[${i}].vatRate`] = {
      id: `vat-${i}`,
      label: `${row}: stawka VAT`,
      message: 'Wybierz stawkę VAT: 0, 5, 8 albo 23%.',
    };
  }
  return table;
}

export const SHARE_AMOUNT_RULE =
  'Wpisz kwotę netto większą od zera, z groszami po przecinku, np. 250 000,00 (albo zostaw pole puste: bez udziału).';

/** The steps answered after `step` was submitted (ok: its answers were accepted). */
export function marked(draft: TenderDraft, step: WizardStep, ok: boolean): WizardStep[] {
  const order = WIZARD_STEPS.map((s) => s.key);
  const at = order.indexOf(step);
  // A changed step invalidates the check of the steps after it until they are submitted again.
  const kept = draft.done.filter((d) => order.indexOf(d) < at);
  const earlierDone = order.slice(0, at).every((d) => kept.includes(d));
  return ok && earlierDone ? [...kept, step] : kept;
}

/** A lot number given twice, as the violation the lots table says in Polish. */
export function duplicateNumbers(draft: TenderDraft): FieldViolation[] {
  const seen = new Set<string>();
  const out: FieldViolation[] = [];
  draft.lots.forEach((l, i) => {
    if (seen.has(l.number))
      out.push({ field: `lots[${i}].number`, rule: 'unique', message: 'used twice' });
    seen.add(l.number);
  });
  return out;
}

/** The name of a share's amount input: `kwota-<lot index>-<organisation>`. */
export const SHARE_INPUT = 'kwota-';

/** The refused amounts on their inputs, the lot named. */
export function sharesPl(draft: TenderDraft, violations: FieldViolation[]): FieldErrorView[] {
  return violations
    .filter((v) => v.field.startsWith(SHARE_INPUT))
    .map((v) => ({
      field: v.field,
      label: `Część ${draft.lots[Number(v.field.slice(SHARE_INPUT.length).split('-')[0])].number}`,
      message: SHARE_AMOUNT_RULE,
    }));
}

/** The regime of the value under the thresholds of the planned start (today when not given). */
export function regimeOf(draft: TenderDraft, netGrosz: number) {
  try {
    const d = computeRegime(
      netGrosz,
      draft.subjectKind as 'WORKS',
      draft.plannedStartOn || todayInWarsaw(),
    );
    return {
      label: REGIME_PL[d.regime] ?? d.regime,
      code: d.regime,
      threshold: formatAmount(d.thresholdNet),
      national: formatAmount(d.nationalThresholdNet),
      eu: formatAmount(d.euThresholdNet),
      validFrom: d.thresholdsValidFrom,
      basis: d.basis,
      on: draft.plannedStartOn || todayInWarsaw(),
    };
  } catch {
    return null;
  }
}

/** The service's refusal of the answers (taken reference, dates) on the check page. */
export function wizardRefusal(err: unknown, draft: TenderDraft): FieldErrorView[] | null {
  if (!(err instanceof DomainError) || ![400, 409, 422].includes(err.status)) return null;
  const violations = err.errors ?? (err.details?.errors as FieldViolation[] | undefined) ?? [];
  const errors = [
    ...errorsPl(violations, BASICS_FIELDS),
    ...errorsPl(violations, lotFields(draft.lots.length)),
  ];
  if (errors.length > 0) return errors;
  // A share refused by the service (nothing was written: the tender and shares are one transaction).
  const first = shareInputs(draft)[0];
  if (!first) return null;
  return [
    {
      field: `kwota-${first.lotIndex}-${first.organisationId}`,
      label: 'Udziały partnerów',
      message:
        'Nie można zaproponować udziałów (np. organizacja nie jest już członkiem partnerstwa lub ma już udział w tej części). Popraw udziały i spróbuj ponownie.',
    },
  ];
}

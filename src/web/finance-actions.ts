import type { Actor } from '../auth';
import {
  AmendContractDto,
  ContractsService,
  CorrectionReasonDto,
  CreateContractDto,
  CreateInvoiceDto,
  CreatePaymentDto,
  CorrectInvoiceDto,
  InvoiceCorrectionsService,
  InvoicesService,
  MarkPaidDto,
  PaymentCorrectionsService,
  PaymentsService,
  SettleSubsidyDto,
  SubsidiesService,
} from '../finance';
import { pln } from './web-format';

/**
 * The finance forms of the web application, one entry per form: its fields (named as the API's
 * DTO fields, so a violation points at its field), the DTO that checks them, and the service call
 * that records it. Every entry goes through a review page before it is saved.
 */
export type FieldKind = 'text' | 'date' | 'amount' | 'textarea' | 'select';
export type OptionList = 'lots' | 'partners' | 'invoices' | 'subsidies';

export interface FinanceField {
  name: string;
  kind: FieldKind;
  options?: OptionList;
  optional?: boolean;
  hint?: string;
}

export type RecordKind = 'contract' | 'invoice' | 'payment';

export interface FinanceServices {
  contracts: ContractsService;
  invoices: InvoicesService;
  corrections: InvoiceCorrectionsService;
  payments: PaymentsService;
  paymentCorrections: PaymentCorrectionsService;
  subsidies: SubsidiesService;
}

export interface FinanceAction {
  title: string;
  /** The button of the review page: the commitment in the first person. */
  confirm: string;
  done: string;
  record?: RecordKind;
  /** Only under this settlement model. */
  model?: 'LEADER_CONTRACT' | 'SEPARATE_CONTRACTS';
  fields: FinanceField[];
  dto: new () => object;
  /** Form values (trimmed, amounts with a dot) → the DTO's plain input. */
  input(form: Record<string, string>): Record<string, unknown>;
  run(
    s: FinanceServices,
    actor: Actor,
    tenderId: string,
    recordId: string,
    dto: object,
  ): Promise<unknown>;
}

const AMOUNT_HINT = 'W złotych z groszami, np. 1234,56.';
const DATE_HINT = 'W postaci RRRR-MM-DD.';
const VAT_REASON: FinanceField = {
  name: 'vatExemptionReason',
  kind: 'text',
  optional: true,
  hint: 'Tylko gdy VAT nie wynika ze stawki części (zwolnienie, odwrotne obciążenie).',
};
const REASON: FinanceField = {
  name: 'reason',
  kind: 'textarea',
  hint: 'Co najmniej 5 znaków; uzasadnienie zostaje w zapisie na stałe.',
};

const opt = (v: string | undefined): string | undefined => (v ? v : undefined);
const version = (v: string | undefined): number | undefined =>
  v && /^\d+$/.test(v) ? Number(v) : undefined;
const pick = (form: Record<string, string>, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, opt(form[n])]));

function payment(
  kind: 'ADVANCE' | 'SUBSIDY' | 'REFUND' | 'INVOICE_PAYMENT',
  over: Pick<FinanceAction, 'title' | 'confirm' | 'done' | 'fields'> & {
    model?: FinanceAction['model'];
  },
): FinanceAction {
  return {
    ...over,
    dto: CreatePaymentDto,
    input: (f) => ({
      ...pick(
        f,
        over.fields.map((x) => x.name),
      ),
      kind,
    }),
    run: (s, actor, tenderId, _id, dto) =>
      s.payments.createPayment(actor, tenderId, dto as CreatePaymentDto),
  };
}

const PAYMENT_BASE: FinanceField[] = [
  { name: 'organisationId', kind: 'select', options: 'partners' },
  { name: 'amount', kind: 'amount', hint: AMOUNT_HINT },
  { name: 'dueOn', kind: 'date', hint: 'Nie wcześniej niż dzisiaj; RRRR-MM-DD.' },
];
const DESCRIPTION: FinanceField = { name: 'description', kind: 'text', optional: true };

export const FINANCE_ACTIONS: Record<string, FinanceAction> = {
  umowa: {
    title: 'Zapisz umowę z wykonawcą',
    confirm: 'Zapisuję umowę',
    done: 'Zapisano umowę.',
    fields: [
      { name: 'lotId', kind: 'select', options: 'lots' },
      {
        name: 'organisationId',
        kind: 'select',
        options: 'partners',
        hint: 'Przy odrębnych umowach: partner, który podpisuje umowę. Przy umowie lidera zostaw puste.',
        optional: true,
      },
      { name: 'contractorName', kind: 'text' },
      { name: 'contractorNip', kind: 'text', hint: '10 cyfr, np. 8567346215.' },
      { name: 'amountNet', kind: 'amount', hint: AMOUNT_HINT },
      { name: 'amountGross', kind: 'amount', hint: AMOUNT_HINT },
      { name: 'signedOn', kind: 'date', hint: DATE_HINT },
      VAT_REASON,
    ],
    dto: CreateContractDto,
    input: (f) =>
      pick(f, [
        'lotId',
        'organisationId',
        'contractorName',
        'contractorNip',
        'amountNet',
        'amountGross',
        'signedOn',
        'vatExemptionReason',
      ]),
    run: (s, actor, tenderId, _id, dto) =>
      s.contracts.createContract(actor, tenderId, dto as CreateContractDto),
  },
  aneks: {
    title: 'Zapisz aneks do umowy',
    confirm: 'Zapisuję aneks',
    done: 'Zapisano aneks do umowy; kwoty sprzed aneksu pozostają w historii umowy.',
    record: 'contract',
    fields: [
      { name: 'signedOn', kind: 'date', hint: 'Dzień podpisania aneksu; RRRR-MM-DD.' },
      { name: 'amountNet', kind: 'amount', hint: 'Kwota umowy po aneksie. ' + AMOUNT_HINT },
      { name: 'amountGross', kind: 'amount', hint: AMOUNT_HINT },
      VAT_REASON,
      REASON,
    ],
    dto: AmendContractDto,
    input: (f) => pick(f, ['signedOn', 'amountNet', 'amountGross', 'vatExemptionReason', 'reason']),
    run: (s, actor, _t, id, dto) => s.contracts.amendContract(actor, id, dto as AmendContractDto),
  },
  'anuluj-umowe': {
    title: 'Anuluj umowę zapisaną omyłkowo',
    confirm: 'Anuluję umowę',
    done: 'Umowę oznaczono jako anulowaną; pozostaje w zapisie.',
    record: 'contract',
    fields: [REASON],
    dto: CorrectionReasonDto,
    input: (f) => pick(f, ['reason']),
    run: (s, actor, _t, id, dto) =>
      s.contracts.cancelContract(actor, id, dto as CorrectionReasonDto),
  },
  faktura: {
    title: 'Zapisz fakturę wykonawcy',
    confirm: 'Zapisuję fakturę z tym podziałem',
    done: 'Zapisano fakturę i jej podział między partnerów.',
    fields: [
      { name: 'lotId', kind: 'select', options: 'lots' },
      {
        name: 'organisationId',
        kind: 'select',
        options: 'partners',
        optional: true,
        hint: 'Przy odrębnych umowach: partner, na którego wystawiono fakturę. Przy umowie lidera zostaw puste.',
      },
      { name: 'number', kind: 'text' },
      { name: 'contractorNip', kind: 'text', hint: '10 cyfr, np. 8567346215.' },
      { name: 'issuedOn', kind: 'date', hint: DATE_HINT },
      { name: 'dueOn', kind: 'date', hint: DATE_HINT },
      { name: 'net', kind: 'amount', hint: AMOUNT_HINT },
      { name: 'vat', kind: 'amount', hint: AMOUNT_HINT },
      { name: 'gross', kind: 'amount', hint: 'Suma netto i VAT. ' + AMOUNT_HINT },
      VAT_REASON,
    ],
    dto: CreateInvoiceDto,
    input: (f) =>
      pick(f, [
        'lotId',
        'organisationId',
        'number',
        'contractorNip',
        'issuedOn',
        'dueOn',
        'net',
        'vat',
        'gross',
        'vatExemptionReason',
      ]),
    run: (s, actor, tenderId, _id, dto) =>
      s.invoices.createInvoice(actor, tenderId, dto as CreateInvoiceDto),
  },
  'anuluj-fakture': {
    title: 'Anuluj fakturę zapisaną omyłkowo',
    confirm: 'Anuluję fakturę',
    done: 'Fakturę oznaczono jako anulowaną; jej zaplanowane płatności odwołano.',
    record: 'invoice',
    fields: [REASON],
    dto: CorrectionReasonDto,
    input: (f) => pick(f, ['reason']),
    run: (s, actor, _t, id, dto) => s.invoices.cancelInvoice(actor, id, dto as CorrectionReasonDto),
  },
  korekta: {
    title: 'Zapisz fakturę korygującą',
    confirm: 'Zapisuję fakturę korygującą z tym podziałem',
    done: 'Zapisano fakturę korygującą; faktura skorygowana pozostaje w zapisie z adnotacją o korekcie.',
    record: 'invoice',
    fields: [
      { name: 'number', kind: 'text', hint: 'Numer faktury korygującej nadany przez wykonawcę.' },
      {
        name: 'issuedOn',
        kind: 'date',
        hint: 'Nie wcześniej niż faktura korygowana, nie później niż dzisiaj; RRRR-MM-DD.',
      },
      {
        name: 'dueOn',
        kind: 'date',
        optional: true,
        hint: 'Gdy puste: termin płatności faktury korygowanej. RRRR-MM-DD.',
      },
      { name: 'net', kind: 'amount', hint: 'Kwota netto po korekcie. ' + AMOUNT_HINT },
      { name: 'vat', kind: 'amount', hint: 'Kwota VAT po korekcie. ' + AMOUNT_HINT },
      { name: 'gross', kind: 'amount', hint: 'Kwota brutto po korekcie: netto + VAT.' },
      VAT_REASON,
      REASON,
    ],
    dto: CorrectInvoiceDto,
    input: (f) => ({
      ...pick(f, ['number', 'issuedOn', 'dueOn', 'net', 'vat', 'gross', 'vatExemptionReason', 'reason']),
      version: version(f.version),
    }),
    run: (s, actor, _t, id, dto) =>
      s.corrections.correctInvoice(actor, id, dto as CorrectInvoiceDto),
  },
  zaliczka: payment('ADVANCE', {
    title: 'Zaplanuj zaliczkę partnera',
    confirm: 'Planuję zaliczkę',
    done: 'Zaplanowano zaliczkę; skarbnik partnera dostanie przypomnienia przed terminem.',
    model: 'LEADER_CONTRACT',
    fields: [...PAYMENT_BASE, DESCRIPTION],
  }),
  dotacja: payment('SUBSIDY', {
    title: 'Zaplanuj dotację celową partnera',
    confirm: 'Planuję dotację',
    done: 'Zaplanowano dotację; termin zwrotu niewykorzystanej części obliczono z terminu wykorzystania.',
    model: 'LEADER_CONTRACT',
    fields: [
      ...PAYMENT_BASE,
      {
        name: 'resolutionNumber',
        kind: 'text',
        hint: 'Uchwała rady partnera o udzieleniu pomocy, np. XV/123/2027.',
      },
      { name: 'agreementSignedOn', kind: 'date', hint: DATE_HINT },
      {
        name: 'useUntil',
        kind: 'date',
        hint: 'Ostatni dzień wykorzystania; zwrot – w ciągu 15 dni po nim (art. 251 ustawy o finansach publicznych).',
      },
      { name: 'settlementDueOn', kind: 'date', hint: DATE_HINT },
      DESCRIPTION,
    ],
  }),
  zwrot: payment('REFUND', {
    title: 'Zaplanuj zwrot dla partnera',
    confirm: 'Planuję zwrot',
    done: 'Zaplanowano zwrot dla partnera.',
    model: 'LEADER_CONTRACT',
    fields: [
      ...PAYMENT_BASE,
      { name: 'subsidyId', kind: 'select', options: 'subsidies', optional: true },
      DESCRIPTION,
    ],
  }),
  'zaplata-faktury': payment('INVOICE_PAYMENT', {
    title: 'Zaplanuj zapłatę faktury',
    confirm: 'Planuję zapłatę faktury',
    done: 'Zaplanowano zapłatę faktury.',
    fields: [
      { name: 'invoiceId', kind: 'select', options: 'invoices' },
      ...PAYMENT_BASE,
      DESCRIPTION,
    ],
  }),
  zaplacono: {
    title: 'Zapisz zapłatę',
    confirm: 'Potwierdzam zapłatę',
    done: 'Zapisano zapłatę; termin płatności oznaczono jako wykonany.',
    record: 'payment',
    fields: [
      { name: 'paidOn', kind: 'date', hint: 'Dzień obciążenia rachunku; RRRR-MM-DD.' },
      { name: 'reference', kind: 'text', hint: 'Numer z wyciągu bankowego, np. WB/2027/05/0042.' },
    ],
    dto: MarkPaidDto,
    input: (f) => ({ ...pick(f, ['paidOn', 'reference']), version: version(f.version) }),
    run: (s, actor, _t, id, dto) => s.payments.markPaid(actor, id, dto as MarkPaidDto),
  },
  'anuluj-platnosc': {
    title: 'Odwołaj zaplanowaną płatność',
    confirm: 'Odwołuję płatność',
    done: 'Płatność odwołano; przypomnienia ustały, zapis pozostaje jako anulowany.',
    record: 'payment',
    fields: [REASON],
    dto: CorrectionReasonDto,
    input: (f) => ({ ...pick(f, ['reason']), version: version(f.version) }),
    run: (s, actor, _t, id, dto) =>
      s.paymentCorrections.cancelPayment(actor, id, dto as CorrectionReasonDto),
  },
  storno: {
    title: 'Wycofaj zapłatę zapisaną omyłkowo (storno)',
    confirm: 'Wycofuję zapłatę',
    done: 'Zapłatę wycofano (storno); płatność znów czeka na zapłatę, poprzedni zapis pozostaje w historii.',
    record: 'payment',
    fields: [REASON],
    dto: CorrectionReasonDto,
    input: (f) => ({ ...pick(f, ['reason']), version: version(f.version) }),
    run: (s, actor, _t, id, dto) =>
      s.paymentCorrections.reversePayment(actor, id, dto as CorrectionReasonDto),
  },
  'rozlicz-dotacje': {
    title: 'Rozlicz dotację celową',
    confirm: 'Rozliczam dotację',
    done: 'Rozliczono dotację; niewykorzystaną część zaplanowano jako zwrot dla partnera.',
    record: 'payment',
    model: 'LEADER_CONTRACT',
    fields: [
      {
        name: 'usedAmount',
        kind: 'amount',
        hint: 'Ile lider wykorzystał z dotacji. ' + AMOUNT_HINT,
      },
      { name: 'settledOn', kind: 'date', hint: DATE_HINT },
    ],
    dto: SettleSubsidyDto,
    input: (f) => ({ ...pick(f, ['usedAmount', 'settledOn']), version: version(f.version) }),
    run: (s, actor, _t, id, dto) => s.subsidies.settleSubsidy(actor, id, dto as SettleSubsidyDto),
  },
};

/** "1 234,56" or "1234.56" → "1234.56": what a clerk types, read as the API's amount. */
export function amountInput(value: string): string {
  const compact = value.replace(/[\s\u00a0]/g, '').replace(/zł$/i, '');
  return /^\d+(,\d{1,2})?$/.test(compact) ? compact.replace(',', '.') : compact;
}

/** A value as the review page says it. */
export function reviewValue(
  field: FinanceField,
  value: string,
  options: Map<string, string>,
): string {
  if (!value) return 'nie podano';
  if (field.kind === 'amount') return /^\d+(\.\d{1,2})?$/.test(value) ? pln(value) : value;
  if (field.kind === 'select') return options.get(value) ?? value;
  return value;
}

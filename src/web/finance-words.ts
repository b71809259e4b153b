import type { FieldViolation } from '../common/errors';

/**
 * Polish wording of the finance pages: field labels, the rules the API names (`field`, `rule`)
 * and the services' refusal codes. The rules themselves stay in the DTOs and services.
 */
export const FINANCE_LABEL: Record<string, string> = {
  lotId: 'Część zamówienia',
  organisationId: 'Partner',
  contractorName: 'Wykonawca (nazwa)',
  contractorNip: 'NIP wykonawcy',
  amountNet: 'Kwota netto',
  amountGross: 'Kwota brutto',
  signedOn: 'Data zawarcia',
  vatExemptionReason: 'Podstawa innej kwoty VAT',
  number: 'Numer faktury',
  issuedOn: 'Data wystawienia',
  dueOn: 'Termin płatności',
  net: 'Kwota netto',
  vat: 'Kwota VAT',
  gross: 'Kwota brutto',
  amount: 'Kwota',
  description: 'Opis',
  invoiceId: 'Faktura',
  subsidyId: 'Dotacja',
  resolutionNumber: 'Numer uchwały rady',
  agreementSignedOn: 'Data zawarcia umowy o dotację',
  useUntil: 'Termin wykorzystania dotacji',
  settlementDueOn: 'Termin rozliczenia dotacji',
  paidOn: 'Data zapłaty',
  reference: 'Numer referencyjny przelewu',
  usedAmount: 'Kwota wykorzystana',
  settledOn: 'Data rozliczenia',
  reason: 'Uzasadnienie',
  version: 'Wersja zapisu',
  kind: 'Rodzaj płatności',
};

const RULE_PL: Record<string, string> = {
  isDefined: 'Uzupełnij to pole.',
  isAmount: 'Wpisz kwotę w złotych z groszami, np. 1234,56.',
  amountMax: 'Kwota nie może przekraczać 999 999 999 999,99 zł.',
  amountPositive: 'Kwota musi być większa od zera.',
  isIsoDate: 'Wpisz prawdziwą datę w postaci RRRR-MM-DD, np. 2027-03-15.',
  isNip: 'Wpisz NIP: 10 cyfr z poprawną cyfrą kontrolną, np. 8567346215.',
  isUuid: 'Wybierz pozycję z listy.',
  isIn: 'Wybierz pozycję z listy.',
  lotOfTender: 'Wybierz część tego postępowania.',
  participant: 'Wybierz partnera tego postępowania.',
  minLength: 'Wpisz co najmniej 5 znaków: napisz, dlaczego.',
  maxLength: 'Tekst jest za długi.',
  isString: 'Uzupełnij to pole.',
  netPlusVat: 'Kwota brutto musi być równa sumie kwoty netto i VAT.',
  atLeastNet: 'Kwota brutto nie może być mniejsza niż kwota netto.',
  notBeforeIssuedOn: 'Termin płatności nie może przypadać przed datą wystawienia faktury.',
  notInFuture: 'Data nie może być późniejsza niż dzisiaj.',
  notInPast: 'Termin nie może być wcześniejszy niż dzisiaj.',
  notBeforeAward: 'Umowy nie zawiera się przed wyborem wykonawcy w tej części.',
  notBeforeContract: 'Data nie może być wcześniejsza niż dzień zawarcia umowy.',
  notBeforeInvoice: 'Zapłata nie może być wcześniejsza niż wystawienie faktury.',
  notBeforeCorrectedInvoice:
    'Faktura korygująca nie może być wystawiona przed fakturą, którą koryguje.',
  notBelowScheduled:
    'Po korekcie faktura byłaby niższa niż jej zapłaty zapisane i zaplanowane: najpierw odwołaj zaplanowaną płatność.',
  notBeforeTender: 'Data nie może być wcześniejsza niż wszczęcie postępowania.',
  vatFollowsLotRate:
    'Kwota VAT nie odpowiada stawce VAT tej części. Jeśli różnica jest zamierzona (zwolnienie, odwrotne obciążenie), podaj jej podstawę w polu „Podstawa innej kwoty VAT”.',
  noPendingAppeal:
    'W tej części toczy się postępowanie odwoławcze przed KIO: umowy nie można jeszcze zawrzeć.',
  afterStandstill: 'Umowy nie zawiera się przed upływem terminu zawieszenia (standstill).',
  resolutionNumberFormat:
    'Wpisz numer uchwały rady: sesja cyframi rzymskimi / numer / rok, np. XV/123/2026.',
  resolutionNumberYear:
    'Rok uchwały nie może być późniejszy niż bieżący ani wcześniejszy niż 1990.',
  tenderParticipant: 'Wybierz lidera albo partnera tego postępowania.',
  isInt: 'Formularz jest nieaktualny: odśwież stronę.',
  min: 'Formularz jest nieaktualny: odśwież stronę.',
};

/** A refusal code of the finance services: the field it concerns and the Polish sentence. */
const CODE_PL: Record<string, [string, string]> = {
  CONTRACTS_EXCEED_AWARD: [
    'amountNet',
    'Umowy tej części przekroczyłyby kwotę netto wybranej oferty.',
  ],
  CONTRACT_EXISTS: ['lotId', 'Umowa dla tej części i tej strony jest już zapisana.'],
  CONTRACTOR_NOT_AWARDED: [
    'contractorNip',
    'Ten wykonawca nie został wybrany w tej części: NIP różni się od NIP wybranej oferty.',
  ],
  LOT_NOT_AWARDED: ['lotId', 'W tej części nie wybrano jeszcze wykonawcy.'],
  LOT_APPEAL_PENDING: [
    'lotId',
    'W tej części toczy się postępowanie odwoławcze przed KIO: umowy nie można jeszcze zawrzeć.',
  ],
  CONTRACT_BEFORE_STANDSTILL: [
    'signedOn',
    'Umowy nie zawiera się przed upływem terminu zawieszenia (standstill).',
  ],
  NO_CONFIRMED_SHARE: ['organisationId', 'Ten partner nie ma potwierdzonego udziału w tej części.'],
  LEADER_SIGNS_THE_CONTRACT: [
    'organisationId',
    'Przy umowie zawieranej przez lidera umowę podpisuje lider: nie wybieraj partnera.',
  ],
  AMENDMENT_BELOW_INVOICED: [
    'amountNet',
    'Po aneksie umowa byłaby niższa niż suma zapisanych już faktur.',
  ],
  CONTRACT_CANCELLED: ['reason', 'Ta umowa jest już anulowana.'],
  CONTRACT_HAS_INVOICES: ['reason', 'Umowa ma zapisane faktury: najpierw anuluj faktury.'],
  INVOICE_EXCEEDS_CONTRACT: ['net', 'Faktury tej umowy przekroczyłyby jej kwotę.'],
  NO_CONTRACT: ['lotId', 'Dla tej części nie zapisano umowy z adresatem faktury.'],
  INVOICE_CONTRACTOR_MISMATCH: [
    'contractorNip',
    'NIP wystawcy faktury różni się od NIP wykonawcy z umowy tej części.',
  ],
  INVOICE_DUPLICATE: ['number', 'Faktura o tym numerze od tego wykonawcy jest już zapisana.'],
  INVOICE_ADDRESSED_TO_LEADER: [
    'organisationId',
    'Przy umowie lidera faktury są wystawiane na lidera i dzielone według udziałów: nie wybieraj partnera.',
  ],
  NO_CONFIRMED_SHARES: [
    'lotId',
    'Ta część nie ma potwierdzonych udziałów, według których można podzielić fakturę.',
  ],
  INVOICE_HAS_PAYMENTS: ['reason', 'Faktura ma zapisane zapłaty: najpierw wycofaj je (storno).'],
  INVOICE_CANCELLED: ['reason', 'Ta faktura jest już anulowana.'],
  INVOICE_CORRECTED: [
    'reason',
    'Faktury skorygowanej ani korygującej się nie anuluje: zapisz fakturę korygującą.',
  ],
  INVOICE_VERSION_CONFLICT: [
    'version',
    'W międzyczasie ktoś zmienił tę fakturę. Wróć do listy i sprawdź jej obecny stan.',
  ],
  PAYMENT_KIND_NOT_IN_MODEL: [
    'organisationId',
    'Przy odrębnych umowach nie ma zaliczek, dotacji ani zwrotów: każdy partner płaci wykonawcy sam.',
  ],
  PAYMENT_BETWEEN_LEADER_AND_ITSELF: [
    'organisationId',
    'Lider nie przekazuje zaliczki ani dotacji samemu sobie: wybierz partnera.',
  ],
  PAYMENT_EXCEEDS_INVOICE: ['amount', 'Zapłaty tej faktury przekroczyłyby jej kwotę brutto.'],
  PAYMENT_NOT_BY_ADDRESSEE: ['organisationId', 'Fakturę płaci jej adresat: wybierz go.'],
  SUBSIDY_NOT_SETTLED: ['subsidyId', 'Zwrot dotyczy dotacji, która nie jest jeszcze rozliczona.'],
  REFUND_EXCEEDS_UNUSED: ['amount', 'Zwrot przekroczyłby niewykorzystaną część dotacji.'],
  PAYMENT_ALREADY_PAID: ['paidOn', 'Ta płatność jest już zapisana jako zapłacona.'],
  PAYMENT_CANCELLED: ['reason', 'Ta płatność jest anulowana.'],
  PAYMENT_NOT_PAID: [
    'reason',
    'Ta płatność nie jest zapisana jako zapłacona: nie ma czego wycofać.',
  ],
  PAYMENT_VERSION_CONFLICT: [
    'version',
    'W międzyczasie ktoś zmienił tę płatność. Wróć do listy i sprawdź jej obecny stan.',
  ],
  SUBSIDY_ALREADY_SETTLED: ['usedAmount', 'Ta dotacja jest już rozliczona.'],
  NOT_A_SUBSIDY: ['usedAmount', 'Rozlicza się tylko dotację celową.'],
  SUBSIDY_NOT_RECEIVED: [
    'usedAmount',
    'Dotację rozlicza się po jej otrzymaniu (zapisz najpierw wpłatę).',
  ],
  USED_EXCEEDS_SUBSIDY: ['usedAmount', 'Kwota wykorzystana nie może przekraczać kwoty dotacji.'],
  TENDER_NOT_IN_FINANCE_STATUS: [
    '',
    'Umowy, faktury i płatności zapisuje się po wyborze wykonawcy, do zawarcia wszystkich umów (etapy: wybór wykonawcy, umowy zawarte).',
  ],
};

export interface FinanceFieldError {
  field: string;
  label: string;
  message: string;
}

/** One violation from a DTO or a service, said in Polish and linked to its field. */
export function financeFieldError(v: FieldViolation, fallbackField: string): FinanceFieldError {
  const field = FINANCE_LABEL[v.field] ? v.field : fallbackField;
  return {
    field,
    label: FINANCE_LABEL[field] ?? field,
    message: RULE_PL[v.rule] ?? 'Popraw to pole.',
  };
}

/** A refusal code as a field error (the field the code concerns, or the form's first field). */
export function financeCodeError(code: string, fields: string[]): FinanceFieldError | null {
  const known = CODE_PL[code];
  if (!known) return null;
  const field = fields.includes(known[0]) ? known[0] : fields[0];
  return { field, label: FINANCE_LABEL[field] ?? field, message: known[1] };
}

export const PAYMENT_STATUS_PL: Record<string, string> = {
  DUE: 'do zapłaty',
  OVERDUE: 'po terminie',
  PAID: 'zapłacona',
  CANCELLED: 'anulowana',
};

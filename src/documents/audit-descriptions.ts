import { formatPln, parseAmount } from '../common/money';
import { DOCUMENT_FILE_LABEL, DOCUMENT_KINDS, type DocumentKind } from './document-kinds';

/**
 * Polish wording of audit events for the procedure record (PROTOCOL). Pure: the caller loads the
 * events and the organisation names. Events that are not acts of the procedure (downloads) give
 * null and are left out of the record.
 */
export interface AuditFact {
  action: string;
  data: Record<string, unknown>;
  /** Name of the organisation the event concerns (the partner of a share, the leader…). */
  organisationName: string | null;
}

const STEP_PL: Record<string, string> = {
  COORDINATOR: 'Akceptacja udziału {org} przez koordynatora',
  TREASURER: 'Kontrasygnata skarbnika {org}',
  HEAD: 'Potwierdzenie udziału {org} przez kierownika jednostki',
};

const APPEAL_PL: Record<string, string> = {
  DISMISSED: 'oddalone',
  UPHELD: 'uwzględnione',
  WITHDRAWN: 'wycofane',
  DISCONTINUED: 'postępowanie odwoławcze umorzone',
};

const FIELD_PL: Record<string, string> = {
  reference: 'znak sprawy',
  title: 'nazwa zamówienia',
  description: 'opis',
  subjectKind: 'rodzaj zamówienia',
  cpvMain: 'główny kod CPV',
  cpvAdditional: 'dodatkowe kody CPV',
  procedure: 'tryb',
  settlementModel: 'model rozliczeń',
  shareDeadline: 'termin potwierdzenia udziałów',
  plannedStartOn: 'planowany termin wszczęcia',
  regime: 'próg i przepisy',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
/** A lot number or similar scalar as text; `fallback` for anything else. */
const scalar = (v: unknown, fallback: string): string =>
  typeof v === 'number' ? String(v) : (str(v) ?? fallback);

/** "1234.56" (API amount) → "1 234,56 zł"; anything else as given. */
function amount(v: unknown): string {
  const s = str(v);
  if (s === null) return '';
  try {
    return formatPln(parseAmount(s));
  } catch {
    return s;
  }
}

function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

function documentLabel(data: Record<string, unknown>): string {
  const kind = str(data.kind);
  const label = DOCUMENT_KINDS.includes(kind as DocumentKind)
    ? DOCUMENT_FILE_LABEL[kind as DocumentKind].toLocaleLowerCase('pl-PL')
    : (kind ?? 'dokument');
  const version = num(data.version);
  const forOrg = str(data.organisationName);
  return `${label}${forOrg ? ` – ${forOrg}` : ''}${version !== null ? ` (wersja ${version})` : ''}`;
}

function transition(data: Record<string, unknown>): string {
  const to = str(data.to) ?? '';
  const from = str(data.from);
  switch (to) {
    case 'COLLECTING_SHARES':
      return from === 'READY'
        ? `Ponowne zbieranie udziałów${str(data.reason) ? ` (${str(data.reason)})` : ''}`
        : 'Wezwanie Partnerów do potwierdzenia udziałów';
    case 'READY':
      return 'Potwierdzenie wszystkich udziałów – postępowanie gotowe do wszczęcia';
    case 'PUBLISHED':
      return `Wszczęcie postępowania – publikacja ogłoszenia o zamówieniu${str(data.publishedOn) ? ` (${str(data.publishedOn)})` : ''}`;
    case 'OFFERS_OPENED':
      return 'Otwarcie ofert';
    case 'AWARDED': {
      const awards = Array.isArray(data.awards) ? data.awards.map(record) : [];
      const list = awards
        .map(
          (a) =>
            `część ${scalar(a.lot, '?')}: ${str(a.contractorName) ?? '?'}, ${amount(a.amountNet)} netto`,
        )
        .join('; ');
      return `Wybór najkorzystniejszych ofert${list ? ` – ${list}` : ''}`;
    }
    case 'CONTRACTED':
      return 'Zawarcie umów w sprawie zamówienia';
    case 'SETTLED':
      return 'Rozliczenie zamówienia';
    case 'CANCELLED':
      return `Unieważnienie postępowania${str(data.reason) ? `: ${str(data.reason)}` : ''}`;
    default:
      return `Zmiana stanu postępowania${to ? ` na ${to}` : ''}`;
  }
}

/** Fields of an event's data that hold the time of the act itself, per action (first found wins). */
const ACT_TIME_FIELDS: Record<string, string[]> = {
  'procedure.notice_recorded': ['publishedAt', 'publishedOn'],
  'procedure.offer_recorded': ['receivedAt'],
  'procedure.committee_appointed': ['orderDate'],
  'procedure.statement_recorded': ['statementOn'],
  'procedure.appeal_recorded': ['filedOn'],
  'procedure.appeal_decided': ['decidedOn'],
  'procedure.offer_validity_extended': ['requestedOn'],
  'contract.recorded': ['signedOn'],
};

/**
 * When the act an event records took place, as the chronology prints it: the time recorded with
 * the act (the notice's publication, an offer's receipt, the day of a statement or a contract, the
 * schedule clock's time of a transition or a decision), else when the event was written. ISO 8601
 * or YYYY-MM-DD.
 */
export function actTimeOf(
  action: string,
  data: Record<string, unknown>,
  occurredAt: string,
): string {
  for (const field of [...(ACT_TIME_FIELDS[action] ?? []), 'at']) {
    const value = str(data[field]);
    if (value && !Number.isNaN(Date.parse(value))) return value;
  }
  return occurredAt;
}

export function describeAuditEvent(event: AuditFact): string | null {
  const d = event.data;
  const org = event.organisationName ?? 'Partnera';
  switch (event.action) {
    case 'tender.created':
      return `Utworzenie postępowania i nadanie znaku sprawy${str(d.reference) ? ` ${str(d.reference)}` : ''}`;
    case 'tender.updated': {
      const fields = Object.keys(d).map((k) => FIELD_PL[k] ?? k);
      return `Zmiana danych postępowania${fields.length ? `: ${fields.join(', ')}` : ''}`;
    }
    case 'tender.transitioned':
      return transition(d);
    case 'tender.partner_withdrawn':
      return `Wystąpienie ${org} z postępowania – udziały wycofane`;
    case 'lot.added':
      return `Wyodrębnienie części ${scalar(d.number, '')}${str(d.title) ? `: ${str(d.title)}` : ''}`;
    case 'share.proposed':
    case 'share.declared':
      return `Zgłoszenie udziału ${org} w części ${scalar(d.lot, '?')}: ${amount(d.amountNet)} netto`;
    case 'share.amount_changed': {
      const change = record(d.amountNet);
      return `Zmiana kwoty udziału ${org}: ${amount(change.from)} → ${amount(change.to)} netto; wcześniejsze zatwierdzenia unieważnione`;
    }
    case 'share.approved': {
      const template = STEP_PL[str(d.step) ?? ''] ?? 'Zatwierdzenie udziału {org}';
      const classification = str(d.budgetClassification);
      return (
        template.replace('{org}', org) +
        (classification ? ` (klasyfikacja budżetowa ${classification})` : '')
      );
    }
    case 'share.withdrawn':
      return `Wycofanie udziału ${org} (${amount(d.amountNet)} netto)${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'share.change_requested':
      return `Zwrot udziału ${org} do poprawy${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'deadline.created':
      return `Wyznaczenie terminu${str(d.title) ? `: ${str(d.title)}` : ''}`;
    case 'deadline.changed':
    case 'deadline.moved':
      return `Zmiana terminu${str(d.title) ? `: ${str(d.title)}` : ''}`;
    case 'deadline.done':
      return `Wykonanie czynności w terminie${str(d.title) ? `: ${str(d.title)}` : ''}`;
    case 'deadline.cancelled':
      return `Odwołanie terminu${str(d.title) ? `: ${str(d.title)}` : ''}`;
    case 'document.requested':
      return `Zlecenie sporządzenia dokumentu: ${documentLabel(d)}`;
    case 'document.rendered':
      return `Sporządzenie dokumentu: ${documentLabel(d)}${str(d.sha256) ? `, SHA-256 ${str(d.sha256)?.slice(0, 16)}…` : ''}`;
    case 'document.failed':
      return `Nieudana próba sporządzenia dokumentu: ${documentLabel(d)}`;
    case 'schedule.applied':
      return `Przyjęcie harmonogramu postępowania liczonego od dnia publikacji ogłoszenia${str(d.publishedOn) ? ` (${str(d.publishedOn)})` : ''}`;
    case 'procedure.notice_recorded':
      return `${d.type === 'RESULT_NOTICE' ? 'Publikacja ogłoszenia o wyniku postępowania' : 'Publikacja ogłoszenia o zamówieniu'}${d.medium === 'TED' ? ' w Dzienniku Urzędowym Unii Europejskiej' : ' w Biuletynie Zamówień Publicznych'}${str(d.number) ? `, nr ${str(d.number)}` : ''}`;
    case 'procedure.criteria_set':
      return `${d.previous ? 'Zmiana' : 'Ustalenie'} kryteriów oceny ofert w części ${scalar(d.lot, '?')}`;
    case 'procedure.planned_amount_recorded':
      return `Podanie kwoty przeznaczonej na sfinansowanie części ${scalar(d.lot, '?')}: ${amount(d.amountGross)} brutto (art. 222 ust. 4 ustawy Pzp)`;
    case 'procedure.committee_appointed':
      return `Powołanie komisji przetargowej${str(d.orderNumber) ? ` zarządzeniem nr ${str(d.orderNumber)}` : ''}`;
    case 'procedure.statement_recorded':
      return `Złożenie oświadczenia z art. 56 ustawy Pzp: ${str(d.name) ?? '?'}${d.conflict === true ? ' – istnieją okoliczności z art. 56 ust. 2, wyłączenie z czynności' : ' – brak okoliczności z art. 56 ust. 2'}`;
    case 'procedure.offer_recorded':
      return `Oferta nr ${scalar(d.number, '?')} w części ${scalar(d.lot, '?')}: ${str(d.contractorName) ?? '?'}, cena ${amount(d.priceGross)} brutto`;
    case 'procedure.offer_rejected':
      return `Odrzucenie oferty nr ${scalar(d.number, '?')} w części ${scalar(d.lot, '?')} (${str(d.contractorName) ?? '?'}) na podstawie ${str(d.basis) ?? 'art. 226 ust. 1'} ustawy Pzp`;
    case 'procedure.award_recommended':
      return `Rekomendacja komisji przetargowej: wybór oferty nr ${scalar(d.number, '?')} w części ${scalar(d.lot, '?')} (${str(d.contractorName) ?? '?'})`;
    case 'procedure.award_approved':
      return `Zatwierdzenie przez kierownika zamawiającego wyboru najkorzystniejszej oferty w części ${scalar(d.lot, '?')}: ${str(d.contractorName) ?? '?'}, ${amount(d.amountGross)} brutto`;
    case 'procedure.lot_cancelled':
      return `Unieważnienie postępowania w części ${scalar(d.lot, '?')} na podstawie ${str(d.basis) ?? 'art. 255'} ustawy Pzp${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'procedure.appeal_recorded':
      return `Wniesienie odwołania do Krajowej Izby Odwoławczej w części ${scalar(d.lot, '?')} przez ${str(d.appellant) ?? '?'}`;
    case 'procedure.offer_validity_extended':
      return `Przedłużenie terminu związania ofertą do dnia ${str(d.validUntil) ?? '?'} za zgodą wykonawców (wniosek z dnia ${str(d.requestedOn) ?? '?'}, ${str(d.basis) ?? 'art. 220 ust. 3'} ustawy Pzp)`;
    case 'procedure.appeal_decided':
      return `Rozstrzygnięcie odwołania ${str(d.appellant) ?? ''} w części ${scalar(d.lot, '?')}: ${APPEAL_PL[str(d.status) ?? ''] ?? 'rozstrzygnięte'}`;
    case 'deadline.missed':
      return `Upływ terminu bez wykonania czynności${str(d.title) ? `: ${str(d.title)}` : ''}`;
    case 'share.confirmed':
      return `Potwierdzenie udziału ${org}`;
    case 'shares.collection_started':
      return 'Wezwanie Partnerów do potwierdzenia udziałów';
    case 'tender.value_estimated':
      return 'Ustalenie wartości zamówienia';
    case 'contract.recorded':
      return `Zawarcie umowy w sprawie zamówienia${str(d.contractorName) ? ` z wykonawcą ${str(d.contractorName)}` : ''}${d.lot !== undefined ? ` (część ${scalar(d.lot, '?')})` : ''}`;
    case 'invoice.recorded':
      return `Przyjęcie faktury wykonawcy${str(d.number) ? ` nr ${str(d.number)}` : ''}`;
    case 'payment.scheduled':
      return 'Wyznaczenie płatności';
    case 'payment.paid':
      return 'Dokonanie płatności';
    case 'subsidy.settled':
      return 'Rozliczenie dotacji celowej';
    case 'subsidy.settlement_cancelled':
      return `Anulowanie omyłkowo zarejestrowanego rozliczenia dotacji celowej${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'contract.amended':
      return `Zawarcie aneksu do umowy${d.lot !== undefined ? ` (część ${scalar(d.lot, '?')})` : ''}${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'contract.cancelled':
      return `Anulowanie omyłkowo zarejestrowanej umowy${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'invoice.cancelled':
      return `Anulowanie omyłkowo zarejestrowanej faktury${str(d.number) ? ` nr ${str(d.number)}` : ''}${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'invoice.corrected':
      return `Przyjęcie faktury korygującej${str(d.number) ? ` nr ${str(d.number)}` : ''}${str(d.corrects) ? ` do faktury nr ${str(d.corrects)}` : ''}${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'payment.cancelled':
      return `Odwołanie zaplanowanej płatności${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'payment.reversed':
      return `Storno zarejestrowanej zapłaty${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    // Downloads, and the partners' discussion (comment threads), are in the trail, not acts.
    case 'document.downloaded':
    case 'document.bundle_downloaded':
    case 'comment.posted':
    case 'comment.corrected':
    case 'comment.withdrawn':
      return null;
    default:
      // A new kind of event still reads as Polish; its code stays in the audit log, not here.
      return 'Czynność zapisana w rejestrze zdarzeń systemu';
  }
}

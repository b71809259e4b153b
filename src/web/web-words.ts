/**
 * The words of the web pages: statuses, roles, steps and refusals in Polish, in one place. Codes
 * come from the services; a code without an entry falls back to a neutral sentence, never English.
 */
import { ROLE_LABEL_PL, type Role } from '../auth';
import { DOCUMENT_FILE_LABEL } from '../documents';
import type { NotificationKind } from '../common/vocabulary';
import { KIND_LABEL_PL } from '../schedule';

export const TENDER_STATUS_PL: Record<string, string> = {
  DRAFT: 'Projekt',
  COLLECTING_SHARES: 'Zbieranie udziałów',
  READY: 'Gotowe do ogłoszenia',
  PUBLISHED: 'Ogłoszone',
  OFFERS_OPENED: 'Oferty otwarte',
  AWARDED: 'Wybrano wykonawcę',
  CONTRACTED: 'Umowa zawarta',
  SETTLED: 'Rozliczone',
  CANCELLED: 'Unieważnione',
};

export const SHARE_STATUS_PL: Record<string, string> = {
  PROPOSED: 'Czeka na akceptację koordynatora',
  COORDINATOR_ACCEPTED: 'Czeka na kontrasygnatę skarbnika',
  COUNTERSIGNED: 'Czeka na podpis kierownika jednostki',
  CONFIRMED: 'Potwierdzony',
  CHANGE_REQUESTED: 'Poproszono o zmianę',
  WITHDRAWN: 'Wycofany',
};

/** Steps of the partner's decision chain, as the step indicator names them. */
export const STEP_PL: Record<string, string> = {
  COORDINATOR: 'Akceptacja koordynatora',
  TREASURER: 'Kontrasygnata skarbnika',
  HEAD: 'Podpis kierownika jednostki',
};

/** What the button of each step says on the confirmation page. */
export const STEP_ACTION_PL: Record<string, string> = {
  COORDINATOR: 'Akceptuję udział',
  TREASURER: 'Składam kontrasygnatę',
  HEAD: 'Podpisuję potwierdzenie udziału',
};

/** What was recorded, for the success message. */
export const STEP_DONE_PL: Record<string, string> = {
  COORDINATOR: 'Zaakceptowano udział. Teraz czeka na kontrasygnatę skarbnika.',
  TREASURER: 'Złożono kontrasygnatę. Teraz udział czeka na podpis kierownika jednostki.',
  HEAD: 'Podpisano. Udział jest potwierdzony; lider partnerstwa został powiadomiony.',
};

export const ROLE_PL: Record<string, string> = {
  ...ROLE_LABEL_PL,
  HEAD: 'kierownik jednostki (wójt, burmistrz, starosta)',
} satisfies Record<Role, string>;

export const SUBJECT_KIND_PL: Record<string, string> = {
  SUPPLIES: 'dostawy',
  SERVICES: 'usługi',
  WORKS: 'roboty budowlane',
};

export const PROCEDURE_PL: Record<string, string> = {
  BASIC: 'tryb podstawowy',
  OPEN: 'przetarg nieograniczony',
  RESTRICTED: 'przetarg ograniczony',
};

export const REGIME_PL: Record<string, string> = {
  OUTSIDE_ACT: 'poniżej progu stosowania ustawy (art. 2 ust. 1 pkt 1 Pzp)',
  NATIONAL: 'poniżej progów unijnych (procedura krajowa)',
  EU: 'od progów unijnych (procedura unijna)',
};

export const SETTLEMENT_MODEL_PL: Record<string, string> = {
  SEPARATE_CONTRACTS: 'odrębne umowy każdego partnera',
  LEADER_CONTRACT: 'jedna umowa lidera, refakturowanie na partnerów',
};

export const DOCUMENT_KIND_PL: Record<string, string> = { ...DOCUMENT_FILE_LABEL };

export const DOCUMENT_STATUS_PL: Record<string, string> = {
  QUEUED: 'W kolejce',
  RENDERING: 'W przygotowaniu',
  READY: 'Gotowy',
  FAILED: 'Błąd przygotowania',
};

export const DEADLINE_KIND_PL: Record<string, string> = { ...KIND_LABEL_PL };

export const DEADLINE_STATUS_PL: Record<string, string> = {
  OPEN: 'otwarty',
  DONE: 'dotrzymany',
  MISSED: 'przekroczony',
  CANCELLED: 'odwołany',
};

/** Audit actions shown in a tender's history. */
/** The officer's button for each transition, and what it means, in the words of the office. */
export const TRANSITION_PL: Record<string, { action: string; effect: string }> = {
  COLLECTING_SHARES: {
    action: 'Rozpocznij zbieranie udziałów',
    effect:
      'Koordynatorzy partnerów dostaną powiadomienie; każdy udział potwierdzają kolejno koordynator, skarbnik (kontrasygnata) i kierownik jednostki.',
  },
  READY: {
    action: 'Zamknij zbieranie udziałów',
    effect:
      'Postępowanie będzie gotowe do ogłoszenia; udziały można jeszcze zmienić, wracając do zbierania.',
  },
  PUBLISHED: {
    action: 'Ogłoś postępowanie',
    effect:
      'Od dnia publikacji ogłoszenia biegną terminy, a reżim (progi) ustala się według wartości z tego dnia. Udziałów nie można już zmieniać.',
  },
  OFFERS_OPENED: {
    action: 'Otwórz oferty',
    effect: 'Oferty zostaną otwarte; zaczyna się badanie i ocena ofert.',
  },
  AWARDED: {
    action: 'Zapisz wybór wykonawców',
    effect:
      'Partnerzy dostaną informację o wyborze; biegnie termin zawieszenia przed zawarciem umów.',
  },
  CONTRACTED: {
    action: 'Zapisz zawarcie umów',
    effect: 'Umowy są zawarte; zaczyna się realizacja i rozliczenie.',
  },
  SETTLED: {
    action: 'Zamknij rozliczenie',
    effect: 'Postępowanie zostanie rozliczone i zamknięte.',
  },
  CANCELLED: {
    action: 'Unieważnij postępowanie',
    effect:
      'Postępowanie zostanie unieważnione (art. 255 lub 256 Pzp) z podanym powodem; partnerzy dostaną powiadomienie. Tego nie można cofnąć.',
  },
};

/** Kinds of notification as the Ustawienia page names them (what the e-mail is about). */
export const NOTIFICATION_KIND_PL: Record<NotificationKind, string> = {
  'share.awaiting_step': 'Udział czeka na moją decyzję (akceptacja, kontrasygnata, podpis)',
  'share.change_requested': 'Partner prosi o zmianę udziału',
  'share.confirmed': 'Udział został potwierdzony',
  'share.stalled': 'Udział mojej gminy czeka na decyzję dłużej, niż ustaliło partnerstwo',
  'tender.ready': 'Wszystkie udziały potwierdzone – postępowanie gotowe do ogłoszenia',
  'tender.published': 'Ogłoszono postępowanie',
  'tender.awarded': 'Wybrano wykonawców',
  'tender.cancelled': 'Unieważniono postępowanie',
  'procedure.lot_cancelled': 'Unieważniono część zamówienia',
  'deadline.reminder': 'Przypomnienie o zbliżającym się terminie',
  'deadline.missed': 'Termin minął bez wymaganych czynności',
  'digest.weekly':
    'Cotygodniowy przegląd spraw czekających na decyzję mojej jednostki (dla koordynatorów)',
  'comment.mention': 'Ktoś wspomniał o mnie w komentarzu (@wzmianka)',
};

export const AUDIT_ACTION_PL: Record<string, string> = {
  'tender.created': 'Utworzono postępowanie',
  'tender.updated': 'Zmieniono dane postępowania',
  'tender.transitioned': 'Zmieniono etap postępowania',
  'tender.lot_added': 'Dodano część zamówienia',
  'tender.partner_withdrawn': 'Partner wycofał się z postępowania',
  'share.proposed': 'Zaproponowano udział',
  'share.declared': 'Partner zgłosił zapotrzebowanie',
  'share.amount_changed': 'Zmieniono kwotę udziału',
  'share.withdrawn': 'Wycofano udział partnera',
  'share.approved': 'Zatwierdzono krok udziału',
  'share.change_requested': 'Poproszono o zmianę udziału',
  'digest.sent': 'Wysłano cotygodniowy przegląd spraw czekających na decyzję',
  'share.stall_escalated': 'Powiadomiono kierownika partnera o decyzji czekającej za długo',
  'project_sheet.created': 'Zapisano fiszkę projektu',
  'project_sheet.interest_declared': 'Partner zgłosił wstępne zainteresowanie projektem',
  'project_sheet.interest_changed': 'Partner zmienił zgłoszone zainteresowanie projektem',
  'project_sheet.interest_withdrawn': 'Partner wycofał zainteresowanie projektem',
  'project_sheet.converted': 'Utworzono postępowanie z fiszki projektu',
  'comment.posted': 'Dodano komentarz',
  'comment.corrected': 'Poprawiono komentarz',
  'comment.withdrawn': 'Wycofano komentarz',
  'task.set_applied': 'Zastosowano zestaw zadań',
  'task.created': 'Dodano zadanie do podziału zadań',
  'task.changed': 'Zmieniono termin lub odpowiedzialnego za zadanie',
  'task.done': 'Oznaczono zadanie jako wykonane',
  'task.waived': 'Odstąpiono od zadania',
  'document.requested': 'Zlecono przygotowanie dokumentu',
  'document.downloaded': 'Pobrano dokument',
  'document.rendered': 'Dokument gotowy',
  'document.failed': 'Nie udało się przygotować dokumentu',
  'document.bundle_downloaded': 'Pobrano paczkę dokumentów',
  'shares.collection_started': 'Rozpoczęto zbieranie udziałów',
  'tender.value_estimated': 'Ustalono wartość zamówienia',
  'schedule.applied': 'Przyjęto harmonogram postępowania',
  'deadline.created': 'Wyznaczono termin',
  'deadline.done': 'Termin dotrzymany',
  'deadline.missed': 'Termin przekroczony',
  'deadline.cancelled': 'Odwołano termin',
  'deadline.moved': 'Przesunięto termin',
  'deadline.updated': 'Zmieniono termin',
  'contract.recorded': 'Zarejestrowano umowę',
  'invoice.recorded': 'Zarejestrowano fakturę',
  'payment.scheduled': 'Zaplanowano płatność',
  'payment.paid': 'Zarejestrowano zapłatę',
  'subsidy.settled': 'Rozliczono dotację',
  'subsidy.settlement_cancelled': 'Anulowano omyłkowe rozliczenie dotacji',
  'contract.amended': 'Zawarto aneks do umowy',
  'contract.cancelled': 'Anulowano umowę wprowadzoną omyłkowo',
  'invoice.cancelled': 'Anulowano fakturę wprowadzoną omyłkowo',
  'invoice.corrected': 'Zapisano fakturę korygującą',
  'payment.cancelled': 'Odwołano zaplanowaną płatność',
  'payment.reversed': 'Wycofano zapłatę (storno)',
  'procedure.notice_recorded': 'Zapisano ogłoszenie',
  'procedure.criteria_set': 'Ustalono kryteria oceny ofert',
  'procedure.planned_amount_recorded': 'Udostępniono kwotę na sfinansowanie zamówienia',
  'procedure.committee_appointed': 'Powołano komisję przetargową',
  'procedure.statement_recorded': 'Zapisano oświadczenie z art. 56 Pzp',
  'procedure.offer_validity_extended': 'Przedłużono termin związania ofertą',
  'procedure.offer_recorded': 'Zapisano ofertę',
  'procedure.offer_rejected': 'Odrzucono ofertę',
  'procedure.award_recommended': 'Komisja zarekomendowała wybór oferty',
  'procedure.award_approved': 'Kierownik zamawiającego zatwierdził wybór oferty',
  'procedure.lot_cancelled': 'Unieważniono postępowanie w części',
  'procedure.appeal_recorded': 'Zapisano odwołanie do KIO',
  'procedure.appeal_decided': 'Zapisano rozstrzygnięcie odwołania',
};

/** Polish sentences for the services' refusal codes (the API keeps its English messages). */
export const ERROR_PL: Record<string, string> = {
  SHARE_VERSION_CONFLICT:
    'W międzyczasie ktoś inny zmienił ten udział. Poniżej widać jego obecny stan; sprawdź go i zdecyduj ponownie.',
  SHARE_ILLEGAL_TRANSITION: 'Ten udział nie czeka teraz na żaden krok, który można wykonać.',
  SHARE_STEP_ROLE_REQUIRED:
    'Udział czeka na osobę o innej roli w Twojej jednostce; nie możesz wykonać tego kroku.',
  SHARE_SEPARATION_OF_DUTIES:
    'Rozdział obowiązków: wykonałeś(-aś) już inny krok tego udziału, więc kolejny musi wykonać inna osoba.',
  FORBIDDEN: 'Nie masz uprawnień do tej czynności.',
  DOCUMENT_NOT_READY: 'Dokument nie jest jeszcze gotowy. Spróbuj za chwilę.',
  DOCUMENT_DATA_MISSING: 'Brakuje danych, które dokument musi zawierać.',
  AGREEMENT_NOT_READY: 'Najpierw musi być gotowe porozumienie partnerstwa.',
  SETTLEMENT_NOT_AVAILABLE: 'Zestawienie rozliczeń jest dostępne od wyboru wykonawcy.',
  CSRF_INVALID:
    'Formularz wygasł lub został wysłany spoza aplikacji. Wróć do strony, odśwież ją i wyślij formularz ponownie.',
};

export function errorPl(code: string): string {
  return ERROR_PL[code] ?? 'Nie udało się wykonać tej czynności.';
}

/** Groups of "Moje zadania", in the order the page shows them. */
export const TASK_GROUPS = [
  {
    key: 'INVITATIONS',
    title: 'Zaproszenia do partnerstwa',
    hint: 'Zaproszenia do partnerstwa czekające na decyzję Twojej jednostki',
  },
  {
    key: 'SHEETS',
    title: 'Fiszki projektów',
    hint: 'Fiszki projektów czekające na zgłoszenie zainteresowania Twojej jednostki',
  },
  {
    key: 'COORDINATOR',
    title: 'Do akceptacji',
    hint: 'Udziały czekające na akceptację koordynatora',
  },
  {
    key: 'TREASURER',
    title: 'Do kontrasygnaty',
    hint: 'Udziały czekające na kontrasygnatę skarbnika',
  },
  { key: 'HEAD', title: 'Do podpisu', hint: 'Udziały czekające na podpis kierownika jednostki' },
  { key: 'CHANGE', title: 'Prośby o zmianę', hint: 'Partnerzy proszą o zmianę swoich udziałów' },
  {
    key: 'READY',
    title: 'Gotowe do ogłoszenia',
    hint: 'Postępowania z kompletem potwierdzonych udziałów',
  },
  {
    key: 'MATRIX',
    title: 'Zadania w postępowaniach',
    hint: 'Zadania z podziału zadań i odpowiedzialności, za które odpowiada Twoja jednostka',
  },
  {
    key: 'DOCUMENTS',
    title: 'Gotowe dokumenty',
    hint: 'Dokumenty przygotowane w ostatnich 7 dniach',
  },
  { key: 'DEADLINES', title: 'Terminy w tym tygodniu', hint: 'Terminy w najbliższych 7 dniach' },
] as const;
export type TaskGroupKey = (typeof TASK_GROUPS)[number]['key'];

/* The procedure (notice, committee, offers, evaluation, outcome per lot). */

export const MEMBER_FUNCTION_PL: Record<string, string> = {
  HEAD: 'Kierownik zamawiającego',
  CHAIR: 'Przewodniczący komisji',
  SECRETARY: 'Sekretarz komisji',
  MEMBER: 'Członek komisji',
};

export const NOTICE_TYPE_PL: Record<string, string> = {
  CONTRACT_NOTICE: 'Ogłoszenie o zamówieniu',
  RESULT_NOTICE: 'Ogłoszenie o wyniku postępowania',
};

export const NOTICE_MEDIUM_PL: Record<string, string> = {
  BZP: 'Biuletyn Zamówień Publicznych (BZP)',
  TED: 'Dziennik Urzędowy Unii Europejskiej (TED)',
};

export const OFFER_STATUS_PL: Record<string, string> = {
  VALID: 'Oferta ważna',
  REJECTED: 'Oferta odrzucona',
};

export const LOT_OUTCOME_PL: Record<string, string> = {
  PENDING: 'Ocena ofert w toku',
  RECOMMENDED: 'Komisja zarekomendowała ofertę; czeka na zatwierdzenie kierownika',
  AWARDED: 'Wybrano ofertę najkorzystniejszą',
  CANCELLED: 'Część unieważniona',
};

export const APPEAL_STATUS_PL: Record<string, string> = {
  PENDING: 'Czeka na rozstrzygnięcie KIO',
  DISMISSED: 'Izba oddaliła odwołanie',
  UPHELD: 'Izba uwzględniła odwołanie',
  WITHDRAWN: 'Odwołanie wycofano',
  DISCONTINUED: 'Postępowanie odwoławcze umorzono',
};

/** Art. 226 ust. 1 Pzp: the grounds of rejecting an offer, shortened for a list. */
export const REJECTION_POINT_PL: Record<number, string> = {
  1: 'złożona po terminie składania ofert',
  2: 'złożona przez wykonawcę wykluczonego, niespełniającego warunków udziału lub bez wymaganych oświadczeń i środków dowodowych',
  3: 'niezgodna z przepisami ustawy',
  4: 'nieważna na podstawie odrębnych przepisów',
  5: 'jej treść jest niezgodna z warunkami zamówienia',
  6: 'niesporządzona lub nieprzekazana zgodnie z wymaganiami technicznymi i organizacyjnymi',
  7: 'złożona w warunkach czynu nieuczciwej konkurencji',
  8: 'zawiera rażąco niską cenę lub koszt',
  9: 'złożona przez wykonawcę niezaproszonego do składania ofert',
  10: 'zawiera błędy w obliczeniu ceny lub kosztu',
  11: 'wykonawca zakwestionował poprawienie omyłki (art. 223 ust. 2 pkt 3)',
  12: 'wykonawca nie zgodził się na przedłużenie terminu związania ofertą',
  13: 'wykonawca nie zgodził się na wybór oferty po upływie terminu związania ofertą',
  14: 'wykonawca nie wniósł wadium lub wniósł je nieprawidłowo',
  15: 'oferta wariantowa, której zamawiający nie przewidywał',
  16: 'jej przyjęcie naruszałoby bezpieczeństwo publiczne lub istotny interes bezpieczeństwa państwa',
  17: 'obejmuje urządzenia lub oprogramowanie wskazane w rekomendacji (art. 33 ust. 4 ustawy o krajowym systemie cyberbezpieczeństwa)',
  18: 'złożona bez wymaganej wizji lokalnej lub sprawdzenia dokumentów u zamawiającego',
};

/** Art. 255 Pzp: the grounds of cancelling the procedure (here: in one lot), shortened. */
export const CANCEL_POINT_PL: Record<number, string> = {
  1: 'nie złożono żadnej oferty',
  2: 'wszystkie złożone oferty podlegały odrzuceniu',
  3: 'cena najkorzystniejszej oferty przewyższa kwotę przeznaczoną na sfinansowanie zamówienia',
  4: 'złożono oferty dodatkowe o takiej samej cenie lub koszcie',
  5: 'istotna zmiana okoliczności: prowadzenie postępowania nie leży w interesie publicznym',
  6: 'niemożliwa do usunięcia wada postępowania',
  7: 'wykonawca nie wniósł zabezpieczenia lub uchylił się od zawarcia umowy',
};

/** The procedure's refusals that are not about one field, as the pages say them. */
export const PROCEDURE_ERROR_PL: Record<string, string> = {
  PROCEDURE_STEP_NOT_ALLOWED: 'Na tym etapie postępowania tej czynności nie można wykonać.',
  PROCEDURE_VERSION_CONFLICT:
    'W międzyczasie ktoś inny zmienił dane tej części postępowania. Poniżej jest ich aktualny stan; sprawdź go i spróbuj ponownie.',
  NOTICE_EXISTS: 'Ogłoszenie o zamówieniu jest już zapisane.',
  COMMITTEE_EXISTS: 'Komisja przetargowa jest już powołana.',
  STATEMENT_EXISTS: 'Oświadczenie tej osoby jest już zapisane.',
  OFFER_ALREADY_REJECTED: 'Ta oferta jest już odrzucona.',
  LOT_ALREADY_DECIDED: 'W tej części już wybrano ofertę albo ją unieważniono.',
  LOT_NOT_RECOMMENDED: 'Komisja nie zarekomendowała jeszcze oferty w tej części.',
  APPEAL_DECIDED: 'Rozstrzygnięcie tego odwołania jest już zapisane.',
  OFFER_VALIDITY_ALREADY_EXTENDED:
    'Termin związania ofertą przedłużono już raz; ustawa pozwala na jedno przedłużenie.',
};

/* Invitations to join a partnership. */

export const INVITATION_STATUS_PL: Record<string, string> = {
  PENDING: 'czeka na odpowiedź',
  ACCEPTED: 'przyjęte',
  DECLINED: 'odrzucone',
  WITHDRAWN: 'wycofane przez lidera',
};

export const INVITATION_ACCEPTOR_PL: Record<string, string> = {
  HEAD: 'kierownik zaproszonej jednostki (wójt, burmistrz, starosta)',
  HEAD_OR_OFFICER: 'kierownik zaproszonej jednostki albo jej specjalista ds. zamówień publicznych',
};

export const INVITATION_FORM = {
  reason: {
    label: 'Powód odrzucenia',
    rules: {
      minLength: 'Napisz, dlaczego jednostka odrzuca zaproszenie (co najmniej 5 znaków).',
      maxLength: 'Powód może mieć najwyżej 2000 znaków.',
    },
    otherwise: 'Napisz, dlaczego jednostka odrzuca zaproszenie.',
  },
};

import type {
  ApprovalDecision,
  ApprovalStep,
  CostSharingMethod,
  DeadlineKind,
  DocumentKind,
  OrganisationKind,
  PaymentKindSnapshot,
  ProcedureKind,
  Regime,
  SettlementModel,
  ShareStatus,
  SubjectKind,
} from './snapshot.types';

/*
 * Polish wording of the code enums (DOMAIN.md glossary). Typed as Record<Union, string> so a new
 * enum value fails the type check here instead of printing a code name in a legal document.
 */

export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
  AGREEMENT: 'Porozumienie o wspólnym przeprowadzeniu postępowania',
  POWER_OF_ATTORNEY: 'Pełnomocnictwo',
  SHARE_CONFIRMATION: 'Potwierdzenie udziału',
  COST_SPLIT: 'Podział kosztów',
  PROTOCOL: 'Protokół postępowania',
  SETTLEMENT: 'Zestawienie rozliczeń Partnera',
};

export const ORGANISATION_KIND_LABEL: Record<OrganisationKind, string> = {
  GMINA_MIEJSKA: 'gmina miejska',
  GMINA_WIEJSKA: 'gmina wiejska',
  GMINA_MIEJSKO_WIEJSKA: 'gmina miejsko-wiejska',
  MIASTO_NA_PRAWACH_POWIATU: 'miasto na prawach powiatu',
  POWIAT: 'powiat',
  WOJEWODZTWO: 'województwo',
  ZWIAZEK: 'związek jednostek samorządu terytorialnego',
  STOWARZYSZENIE: 'stowarzyszenie',
  LGD: 'lokalna grupa działania',
};

/** Default title of the treasurer when the snapshot does not name it. */
export const TREASURER_TITLE: Record<OrganisationKind, string> = {
  GMINA_MIEJSKA: 'Skarbnik Miasta',
  GMINA_WIEJSKA: 'Skarbnik Gminy',
  GMINA_MIEJSKO_WIEJSKA: 'Skarbnik Gminy',
  MIASTO_NA_PRAWACH_POWIATU: 'Skarbnik Miasta',
  POWIAT: 'Skarbnik Powiatu',
  WOJEWODZTWO: 'Skarbnik Województwa',
  ZWIAZEK: 'Główny Księgowy',
  STOWARZYSZENIE: 'Główny Księgowy',
  LGD: 'Główny Księgowy',
};

export const SUBJECT_KIND_LABEL: Record<SubjectKind, string> = {
  SUPPLIES: 'dostawy',
  SERVICES: 'usługi',
  WORKS: 'roboty budowlane',
};

export const PROCEDURE_LABEL: Record<ProcedureKind, string> = {
  BASIC: 'tryb podstawowy',
  OPEN: 'przetarg nieograniczony',
  RESTRICTED: 'przetarg ograniczony',
};

/**
 * The procedure with its legal basis, as the agreement and the power of attorney name it. BASIC is
 * the variant without negotiation (art. 275 pkt 1): the evaluation recorded here has no
 * negotiation round.
 */
export const PROCEDURE_MODE: Record<ProcedureKind, string> = {
  BASIC: 'w trybie podstawowym bez negocjacji, o którym mowa w art. 275 pkt 1 ustawy Pzp',
  OPEN: 'w trybie przetargu nieograniczonego, o którym mowa w art. 132 ustawy Pzp',
  RESTRICTED: 'w trybie przetargu ograniczonego, o którym mowa w art. 140 ustawy Pzp',
};

export const REGIME_LABEL: Record<Regime, string> = {
  OUTSIDE_ACT:
    'wartość mniejsza niż próg krajowy – zamówienie, do którego nie stosuje się przepisów ustawy Pzp',
  NATIONAL: 'wartość mniejsza niż progi unijne – zamówienie klasyczne o wartości krajowej',
  EU: 'wartość równa lub przekraczająca progi unijne – zamówienie klasyczne o wartości unijnej',
};

export const REGIME_SHORT_LABEL: Record<Regime, string> = {
  OUTSIDE_ACT: 'poniżej progu krajowego',
  NATIONAL: 'krajowy (poniżej progów unijnych)',
  EU: 'unijny (równy lub powyżej progów unijnych)',
};

export const SETTLEMENT_MODEL_LABEL: Record<SettlementModel, string> = {
  SEPARATE_CONTRACTS: 'odrębne umowy zawierane z wykonawcą przez każdą ze Stron',
  LEADER_CONTRACT: 'umowa zawierana przez Lidera, finansowana pomocą finansową Partnerów',
};

export const COST_SHARING_LABEL: Record<CostSharingMethod, string> = {
  PROPORTIONAL: 'proporcjonalnie do wartości netto udziałów',
  EQUAL: 'w częściach równych',
  LEADER_BEARS: 'w całości przez Lidera',
};

export const SHARE_STATUS_LABEL: Record<ShareStatus, string> = {
  PROPOSED: 'zgłoszony',
  COORDINATOR_ACCEPTED: 'zaakceptowany przez koordynatora',
  COUNTERSIGNED: 'kontrasygnowany przez skarbnika',
  CONFIRMED: 'potwierdzony',
  CHANGE_REQUESTED: 'zwrócony do poprawy',
  WITHDRAWN: 'wycofany',
};

export const APPROVAL_STEP_LABEL: Record<ApprovalStep, string> = {
  COORDINATOR: 'akceptacja koordynatora',
  TREASURER: 'kontrasygnata skarbnika',
  HEAD: 'podpis kierownika jednostki',
};

export const APPROVAL_DECISION_LABEL: Record<ApprovalDecision, string> = {
  APPROVE: 'zatwierdzono',
  REQUEST_CHANGE: 'zwrócono do poprawy',
};

export const DEADLINE_KIND_LABEL: Record<DeadlineKind, string> = {
  SHARE_CONFIRMATION: 'potwierdzenie udziałów przez Partnerów',
  AGREEMENT_SIGNING: 'podpisanie porozumienia',
  NOTICE_PUBLICATION: 'publikacja ogłoszenia o zamówieniu',
  QUESTIONS_CUTOFF: 'termin na wnioski o wyjaśnienie treści SWZ',
  ANSWERS_DUE: 'termin udzielenia wyjaśnień treści SWZ',
  OFFERS: 'termin składania ofert',
  OPENING: 'otwarcie ofert',
  STANDSTILL_END: 'koniec terminu zawieszającego na zawarcie umowy',
  CONTRACT_SIGNING: 'zawarcie umowy',
  OFFER_VALIDITY: 'termin związania ofertą',
  PAYMENT: 'termin płatności',
  CUSTOM: 'termin',
};

/** Payment kinds as a settlement statement names them (glossary: DOMAIN.md). */
export const PAYMENT_KIND_LABEL: Record<PaymentKindSnapshot, string> = {
  ADVANCE: 'zaliczka',
  SUBSIDY: 'dotacja celowa (pomoc finansowa)',
  REFUND: 'zwrot',
  INVOICE_PAYMENT: 'zapłata faktury',
};

import type { ProcedureRecordSnapshot } from './protocol-view';
import type {
  AgreementSnapshot,
  ApprovalSnapshot,
  AuditEventSnapshot,
  CostSplitSnapshot,
  DocumentKind,
  DocumentSnapshotBase,
  OrganisationSnapshot,
  PowerOfAttorneySnapshot,
  ProtocolSnapshot,
  SettlementModel,
  SettlementSnapshot,
  SettlementStatementSnapshot,
  ShareConfirmationSnapshot,
  ShareSnapshot,
  SnapshotByKind,
} from './snapshot.types';

/*
 * Demo snapshot of the partnership "Razem Blisko Krakowa" (DOMAIN.md). Organisation names and
 * office addresses are real; people are invented, and NIP/REGON are DEMO numbers that only pass
 * the checksums (944… / 991…). For specs and e2e only; never imported by production code.
 */

export const DEMO_ORG = {
  SKAWINA: '00000000-0000-4000-8000-000000000101',
  CZERNICHOW: '00000000-0000-4000-8000-000000000102',
  LISZKI: '00000000-0000-4000-8000-000000000103',
  MOGILANY: '00000000-0000-4000-8000-000000000104',
  SWIATNIKI: '00000000-0000-4000-8000-000000000105',
  POWIAT: '00000000-0000-4000-8000-000000000106',
} as const;

export const DEMO_GENERATED_AT = '2026-11-26T08:00:00.000Z';

const ORGANISATIONS: OrganisationSnapshot[] = [
  {
    id: DEMO_ORG.SKAWINA,
    name: 'Gmina Skawina',
    kind: 'GMINA_MIEJSKO_WIEJSKA',
    nip: '9440000026',
    regon: '991000018',
    teryt: '1206123',
    address: { street: 'Rynek 1', postalCode: '32-050', city: 'Skawina' },
    headTitle: 'Burmistrz Miasta i Gminy Skawina',
    headName: 'Tomasz Malinowski',
    treasurerName: 'Renata Górecka',
    contact: { name: 'Anna Nowak', email: 'zamowienia@skawina.example' },
    treasurerTitle: 'Skarbnik Gminy Skawina',
  },
  {
    id: DEMO_ORG.CZERNICHOW,
    name: 'Gmina Czernichów',
    kind: 'GMINA_WIEJSKA',
    nip: '9440000032',
    regon: '991000024',
    teryt: '1206022',
    address: { street: 'ul. Gminna 1', postalCode: '32-070', city: 'Czernichów' },
    headTitle: 'Wójt Gminy Czernichów',
    headName: 'Marek Kwiatkowski',
    treasurerName: 'Dorota Pawlik',
    contact: { name: 'Paweł Zając', email: 'p.zajac@czernichow.example' },
    treasurerTitle: 'Skarbnik Gminy Czernichów',
  },
  {
    id: DEMO_ORG.LISZKI,
    name: 'Gmina Liszki',
    kind: 'GMINA_WIEJSKA',
    nip: '9440000049',
    regon: '991000030',
    teryt: '1206082',
    address: { street: 'Liszki 105', postalCode: '32-060', city: 'Liszki' },
    headTitle: 'Wójt Gminy Liszki',
    headName: 'Agnieszka Zielińska',
    treasurerName: 'Janusz Wróbel',
    contact: { name: 'Ewa Lis', email: 'e.lis@liszki.example' },
    treasurerTitle: 'Skarbnik Gminy Liszki',
  },
  {
    id: DEMO_ORG.MOGILANY,
    name: 'Gmina Mogilany',
    kind: 'GMINA_WIEJSKA',
    nip: '9440000055',
    regon: '991000047',
    teryt: '1206102',
    address: { street: 'ul. Rynek 2', postalCode: '32-031', city: 'Mogilany' },
    headTitle: 'Wójt Gminy Mogilany',
    headName: 'Piotr Jabłoński',
    treasurerName: 'Elżbieta Kaczmarczyk',
    contact: { name: 'Marta Kowal', email: 'm.kowal@mogilany.example' },
    treasurerTitle: 'Skarbnik Gminy Mogilany',
  },
  {
    id: DEMO_ORG.SWIATNIKI,
    name: 'Gmina Świątniki Górne',
    kind: 'GMINA_MIEJSKO_WIEJSKA',
    nip: '9440000061',
    regon: '991000053',
    teryt: '1206153',
    address: { street: 'ul. Bruchnalskiego 36', postalCode: '32-040', city: 'Świątniki Górne' },
    headTitle: 'Burmistrz Miasta i Gminy Świątniki Górne',
    headName: 'Łukasz Dębski',
    treasurerName: 'Halina Żak',
    treasurerTitle: 'Skarbnik Gminy Świątniki Górne',
  },
  {
    id: DEMO_ORG.POWIAT,
    name: 'Powiat Krakowski',
    kind: 'POWIAT',
    nip: '9440000078',
    regon: '991000060',
    teryt: '1206',
    address: { street: 'al. Juliusza Słowackiego 20', postalCode: '30-037', city: 'Kraków' },
    headTitle: 'Starosta Krakowski',
    headName: 'Wojciech Pająk',
    additionalRepresentatives: [{ title: 'Wicestarosta Krakowski', name: 'Bożena Nowicka' }],
    representingBody: 'Zarząd Powiatu w Krakowie',
    treasurerName: 'Krystyna Bąk',
    contact: { name: 'Adam Sowa', email: 'a.sowa@powiat.krakow.example' },
    treasurerTitle: 'Skarbnik Powiatu Krakowskiego',
  },
];

const orgById = new Map(ORGANISATIONS.map((o) => [o.id, o]));

/** Gross at 23% VAT, rounded half up to the grosz, in integers. */
function gross23(net: number): number {
  return net + Math.round((net * 23) / 100);
}

function standardTrail(orgId: string, net: number, day: number): ApprovalSnapshot[] {
  const org = orgById.get(orgId);
  if (!org) throw new Error(`unknown demo organisation ${orgId}`);
  const at = (d: number, hour: number): string =>
    `2026-11-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15:00.000Z`;
  return [
    {
      step: 'COORDINATOR',
      decision: 'APPROVE',
      userName: 'Marta Lis',
      role: `koordynator gminny – ${org.name}`,
      decidedAt: at(day, 8),
      amountNet: net,
      void: false,
    },
    {
      step: 'TREASURER',
      decision: 'APPROVE',
      userName: org.treasurerName,
      role: org.treasurerTitle ?? 'Skarbnik',
      decidedAt: at(day + 1, 10),
      amountNet: net,
      void: false,
    },
    {
      step: 'HEAD',
      decision: 'APPROVE',
      userName: org.headName,
      role: org.headTitle,
      decidedAt: at(day + 2, 12),
      amountNet: net,
      void: false,
    },
  ];
}

interface ShareSeed {
  orgId: string;
  net: number;
  scope: string;
  classification: string;
  wpf: string;
}

function share(seed: ShareSeed, day: number): ShareSnapshot {
  return {
    organisationId: seed.orgId,
    scope: seed.scope,
    amountNet: seed.net,
    vatRate: 23,
    amountGross: gross23(seed.net),
    budgetClassification: seed.classification,
    wpfReference: seed.wpf,
    status: 'CONFIRMED',
    approvals: standardTrail(seed.orgId, seed.net, day),
  };
}

const LOT1: ShareSeed[] = [
  {
    orgId: DEMO_ORG.SKAWINA,
    net: 218460000,
    scope: 'oświetlenie uliczne – 2 145 punktów świetlnych, ok. 3 410 MWh',
    classification: '900 / 90015 / 4260',
    wpf: 'WPF 2026–2029, zał. nr 2, poz. 1.3.2.14',
  },
  {
    orgId: DEMO_ORG.CZERNICHOW,
    net: 51234050,
    scope: 'oświetlenie uliczne – 612 punktów świetlnych, ok. 800 MWh',
    classification: '900 / 90015 / 4260',
    wpf: 'WPF 2026–2029, zał. nr 2, poz. 1.3.2.5',
  },
  {
    orgId: DEMO_ORG.LISZKI,
    net: 46890000,
    scope: 'oświetlenie uliczne – 574 punkty świetlne, ok. 730 MWh',
    classification: '900 / 90015 / 4260',
    wpf: 'WPF 2026–2029, zał. nr 2, poz. 1.3.2.7',
  },
  {
    orgId: DEMO_ORG.MOGILANY,
    net: 43721575,
    scope: 'oświetlenie uliczne – 538 punktów świetlnych, ok. 680 MWh',
    classification: '900 / 90015 / 4260',
    wpf: 'WPF 2026–2029, zał. nr 2, poz. 1.3.2.3',
  },
  {
    orgId: DEMO_ORG.SWIATNIKI,
    net: 29876020,
    scope: 'oświetlenie uliczne – 402 punkty świetlne, ok. 465 MWh',
    classification: '900 / 90015 / 4260',
    wpf: 'WPF 2026–2029, zał. nr 2, poz. 1.3.2.9',
  },
];

const LOT2: ShareSeed[] = [
  {
    orgId: DEMO_ORG.SKAWINA,
    net: 312648000,
    scope: 'budynki urzędu, szkół i obiektów sportowych – 86 punktów poboru, ok. 4 880 MWh',
    classification: '750 / 75023 / 4260',
    wpf: 'WPF 2026–2029, zał. nr 2, poz. 1.3.2.15',
  },
  {
    orgId: DEMO_ORG.CZERNICHOW,
    net: 38412000,
    scope: 'budynki gminne i oczyszczalnie – 24 punkty poboru, ok. 600 MWh',
    classification: '750 / 75023 / 4260',
    wpf: 'WPF 2026–2029, zał. nr 2, poz. 1.3.2.6',
  },
  {
    orgId: DEMO_ORG.LISZKI,
    net: 35291840,
    scope: 'budynki gminne, w tym hala sportowa w Liszkach – 22 punkty poboru, ok. 550 MWh',
    classification: '750 / 75023 / 4260',
    wpf: 'WPF 2026–2029, zał. nr 2, poz. 1.3.2.8',
  },
  {
    orgId: DEMO_ORG.MOGILANY,
    net: 40125000,
    scope: 'budynki gminne i stacje uzdatniania wody – 27 punktów poboru, ok. 625 MWh',
    classification: '750 / 75023 / 4260',
    wpf: 'WPF 2026–2029, zał. nr 2, poz. 1.3.2.4',
  },
  {
    orgId: DEMO_ORG.SWIATNIKI,
    net: 27643090,
    scope: 'budynki urzędu i szkół – 18 punktów poboru, ok. 430 MWh',
    classification: '750 / 75023 / 4260',
    wpf: 'WPF 2026–2029, zał. nr 2, poz. 1.3.2.10',
  },
  {
    orgId: DEMO_ORG.POWIAT,
    net: 184260000,
    scope: 'starostwo, szkoły ponadpodstawowe i domy pomocy społecznej – 41 punktów poboru',
    classification: '750 / 75020 / 4260',
    wpf: 'WPF Powiatu 2026–2029, zał. nr 2, poz. 1.3.2.2',
  },
];

/** Liszki's building share went through a correction: the first approvals are void. */
function liszkiCorrectedTrail(net: number): ApprovalSnapshot[] {
  const earlierNet = 34100000;
  return [
    {
      step: 'COORDINATOR',
      decision: 'APPROVE',
      userName: 'Marta Lis',
      role: 'koordynator gminny – Gmina Liszki',
      decidedAt: '2026-11-03T09:40:00.000Z',
      amountNet: earlierNet,
      void: true,
    },
    {
      step: 'TREASURER',
      decision: 'REQUEST_CHANGE',
      userName: 'Janusz Wróbel',
      role: 'Skarbnik Gminy Liszki',
      decidedAt: '2026-11-04T13:05:00.000Z',
      amountNet: earlierNet,
      comment: 'Kwota nie obejmuje nowego punktu poboru – hali sportowej w Liszkach.',
      void: true,
    },
    {
      step: 'COORDINATOR',
      decision: 'APPROVE',
      userName: 'Marta Lis',
      role: 'koordynator gminny – Gmina Liszki',
      decidedAt: '2026-11-06T08:20:00.000Z',
      amountNet: net,
      comment: 'Dodano punkt poboru PPE 590243…117 (hala sportowa).',
      void: false,
    },
    {
      step: 'TREASURER',
      decision: 'APPROVE',
      userName: 'Janusz Wróbel',
      role: 'Skarbnik Gminy Liszki',
      decidedAt: '2026-11-09T10:30:00.000Z',
      amountNet: net,
      void: false,
    },
    {
      step: 'HEAD',
      decision: 'APPROVE',
      userName: 'Agnieszka Zielińska',
      role: 'Wójt Gminy Liszki',
      decidedAt: '2026-11-10T14:45:00.000Z',
      amountNet: net,
      void: false,
    },
  ];
}

const EVENTS: AuditEventSnapshot[] = [
  {
    at: '2026-09-15T08:12:00.000Z',
    action: 'tender.created',
    actorName: 'Katarzyna Wiśniewska (Gmina Skawina)',
    description: 'Utworzenie postępowania i nadanie znaku sprawy',
  },
  {
    at: '2026-10-05T11:30:00.000Z',
    action: 'tender.value_estimated',
    actorName: 'Katarzyna Wiśniewska (Gmina Skawina)',
    description: 'Ustalenie wartości zamówienia jako sumy udziałów partnerów (art. 28–30 i 34 Pzp)',
  },
  {
    at: '2026-10-20T07:00:00.000Z',
    action: 'shares.collection_started',
    actorName: 'Katarzyna Wiśniewska (Gmina Skawina)',
    description: 'Wezwanie partnerów do zgłoszenia udziałów',
  },
  {
    at: '2026-11-04T13:05:00.000Z',
    action: 'share.change_requested',
    actorName: 'Janusz Wróbel (Gmina Liszki)',
    description: 'Zwrot udziału Gminy Liszki w części 2 do poprawy przez skarbnika',
  },
  {
    at: '2026-11-10T14:45:00.000Z',
    action: 'share.confirmed',
    actorName: 'Agnieszka Zielińska (Gmina Liszki)',
    description: 'Potwierdzenie udziałów Gminy Liszki (kontrasygnata i podpis wójta)',
  },
  {
    at: '2026-11-23T12:15:00.000Z',
    action: 'share.confirmed',
    actorName: 'Wojciech Pająk (Powiat Krakowski)',
    description: 'Potwierdzenie ostatniego udziału – wszystkie udziały potwierdzone',
  },
  {
    at: '2026-11-26T08:00:00.000Z',
    action: 'document.requested',
    actorName: 'Katarzyna Wiśniewska (Gmina Skawina)',
    description: 'Wygenerowanie projektu porozumienia i pełnomocnictw',
  },
];

export interface DemoOptions {
  settlementModel?: SettlementModel;
}

/** The shared part of every demo snapshot; a fresh object on each call, safe to mutate. */
export function demoBaseSnapshot(options: DemoOptions = {}): DocumentSnapshotBase {
  const lot1 = LOT1.map((s, i) => share(s, 12 + (i % 4)));
  const lot2 = LOT2.map((s, i) => {
    const built = share(s, 12 + (i % 4));
    return s.orgId === DEMO_ORG.LISZKI
      ? { ...built, approvals: liszkiCorrectedTrail(s.net) }
      : built;
  });
  const all = [...lot1, ...lot2];
  const valueNet = all.reduce((a, s) => a + s.amountNet, 0);
  const valueGross = all.reduce((a, s) => a + s.amountGross, 0);
  return {
    generatedAt: DEMO_GENERATED_AT,
    partnership: {
      name: 'Razem Blisko Krakowa',
      agreementReference: 'DEMO/RBK/2025/1',
      agreementDate: '2025-03-14',
    },
    tender: {
      id: '00000000-0000-4000-8000-000000000201',
      reference: 'ZP.271.14.2026',
      title:
        'Dostawa energii elektrycznej dla jednostek samorządu terytorialnego partnerstwa „Razem Blisko Krakowa” w latach 2027–2029',
      subjectKind: 'SUPPLIES',
      cpvMain: { code: '09310000-5', label: 'Elektryczność' },
      cpvAdditional: [
        { code: '09300000-2', label: 'Energia elektryczna, cieplna, słoneczna i jądrowa' },
        { code: '65310000-9', label: 'Przesył energii elektrycznej' },
      ],
      procedure: 'OPEN',
      settlementModel: options.settlementModel ?? 'SEPARATE_CONTRACTS',
      regime: 'EU',
      valueNet,
      valueGross,
      leaderOrganisationId: DEMO_ORG.SKAWINA,
      costSharing: 'PROPORTIONAL',
      performancePeriod: 'od 1 kwietnia 2027 r. do 31 marca 2029 r.',
      valueEstimation: {
        estimatedOn: '2026-10-05',
        method:
          'na podstawie zużycia energii w punktach poboru partnerów w okresie X 2025 – IX 2026 (dane operatora systemu dystrybucyjnego) i średnich cen rynkowych',
        estimatedByName: 'Katarzyna Wiśniewska',
        eurRate: '4.31',
        nationalThresholdNet: 17000000,
        euThresholdNet: 93096000,
      },
    },
    parties: ORGANISATIONS.map((o) => ({
      ...o,
      address: { ...o.address },
      additionalRepresentatives: o.additionalRepresentatives?.map((r) => ({ ...r })),
    })),
    lots: [
      { number: 1, title: 'Energia elektryczna dla oświetlenia ulicznego', shares: lot1 },
      { number: 2, title: 'Energia elektryczna dla budynków i obiektów', shares: lot2 },
    ],
    deadlines: [
      {
        kind: 'SHARE_CONFIRMATION',
        dueAt: '2026-12-04T22:59:00.000Z',
        basis: 'harmonogram partnerstwa',
      },
      { kind: 'AGREEMENT_SIGNING', dueAt: '2026-12-11', basis: 'harmonogram partnerstwa' },
      { kind: 'NOTICE_PUBLICATION', dueAt: '2026-12-18', basis: 'harmonogram postępowania' },
      { kind: 'QUESTIONS_CUTOFF', dueAt: '2027-01-11', basis: 'art. 135 ust. 2 Pzp' },
      { kind: 'ANSWERS_DUE', dueAt: '2027-01-19', basis: 'art. 135 ust. 2 Pzp' },
      { kind: 'OFFERS', dueAt: '2027-01-25T09:00:00.000Z', basis: 'art. 138 ust. 1 Pzp' },
      { kind: 'OPENING', dueAt: '2027-01-25T09:30:00.000Z', basis: 'art. 221 Pzp' },
      { kind: 'STANDSTILL_END', dueAt: '2027-02-25', basis: 'art. 264 ust. 1 Pzp' },
      { kind: 'CONTRACT_SIGNING', dueAt: '2027-03-12', basis: 'harmonogram postępowania' },
    ],
  };
}

export function demoAgreementSnapshot(options: DemoOptions = {}): AgreementSnapshot {
  return demoBaseSnapshot(options);
}

export function demoPowerOfAttorneySnapshot(
  organisationId: string = DEMO_ORG.LISZKI,
  options: DemoOptions = {},
): PowerOfAttorneySnapshot {
  return {
    ...demoBaseSnapshot(options),
    forOrganisationId: organisationId,
    agreement: { version: 2, generatedAt: '2026-11-24T10:15:00.000Z' },
  };
}

export function demoShareConfirmationSnapshot(
  organisationId: string = DEMO_ORG.LISZKI,
  options: DemoOptions = {},
): ShareConfirmationSnapshot {
  return { ...demoBaseSnapshot(options), forOrganisationId: organisationId };
}

export function demoCostSplitSnapshot(options: DemoOptions = {}): CostSplitSnapshot {
  return {
    ...demoBaseSnapshot(options),
    preparedBy: { name: 'Katarzyna Wiśniewska', title: 'specjalista ds. zamówień publicznych' },
  };
}

/** The cost split after the award: lot 1 awarded below the estimate, lot 2 cancelled. */
export function demoAwardedCostSplitSnapshot(options: DemoOptions = {}): CostSplitSnapshot {
  const snapshot = demoCostSplitSnapshot(options);
  snapshot.lots[0].award = { contractorName: 'Energa-Obrót S.A.', amountNet: 3_512_000_00 };
  snapshot.lots[1].cancelled = true;
  return snapshot;
}

/**
 * The procedure of the demo energy tender: three offers in lot 1 (one rejected), two in lot 2,
 * lot 1 awarded and lot 2 cancelled because its best price exceeded the planned amount.
 */
export const DEMO_PROCEDURE: ProcedureRecordSnapshot = {
  notices: [
    {
      type: 'CONTRACT_NOTICE',
      medium: 'TED',
      number: '2026/S 212-645321',
      publishedAt: '2026-11-02T09:00:00.000Z',
      ocid: 'ocds-148610-5d2a7b1c-9e3f-11f0-8a1b-ae1c2d3e4f50',
    },
  ],
  committee: {
    orderNumber: '0050.112.2026',
    orderDate: '2026-10-28',
    members: [
      {
        name: 'Norbert Rzepisko',
        function: 'HEAD',
        statementOn: '2026-12-08',
        conflict: false,
        excluded: false,
      },
      {
        name: 'Agnieszka Pałka',
        function: 'CHAIR',
        statementOn: '2026-12-08',
        conflict: false,
        excluded: false,
      },
      {
        name: 'Tomasz Żak',
        function: 'SECRETARY',
        statementOn: '2026-12-08',
        conflict: false,
        excluded: false,
      },
      {
        name: 'Ewa Ślusarczyk',
        function: 'MEMBER',
        statementOn: '2026-12-08',
        conflict: false,
        excluded: false,
      },
      {
        name: 'Jerzy Gęsikowski',
        function: 'MEMBER',
        statementOn: '2026-12-08',
        conflict: true,
        excluded: true,
      },
    ],
  },
  openedAt: '2026-12-08T10:30:00.000Z',
  lots: [
    {
      number: 1,
      title: 'Energia elektryczna dla oświetlenia ulicznego',
      criteria: [
        { key: 'price', name: 'Cena', kind: 'PRICE', weight: 60, direction: 'LOWER_BETTER' },
        {
          key: 'payment',
          name: 'Termin płatności (dni)',
          kind: 'OTHER',
          weight: 40,
          direction: 'HIGHER_BETTER',
        },
      ],
      plannedAmountGross: 1_230_000_00,
      plannedBasis: 'SHARES',
      plannedReason: null,
      offers: [
        {
          number: 1,
          contractorName: 'Tauron Sprzedaż sp. z o.o.',
          contractorNip: '8567346215',
          contractorAddress: 'ul. Łagiewnicka 60, 30-417 Kraków',
          priceNet: 950_000_00,
          priceGross: 1_168_500_00,
          criteriaValues: { payment: 30 },
          receivedAt: '2026-12-08T08:12:00.000Z',
          status: 'VALID',
          rejectionPoint: null,
          rejectionReason: null,
          points: { price: 6000, payment: 4000 },
          total: 10000,
          place: 1,
        },
        {
          number: 2,
          contractorName: 'Enea S.A.',
          contractorNip: '7770020640',
          contractorAddress: 'ul. Górecka 1, 60-201 Poznań',
          priceNet: 990_000_00,
          priceGross: 1_217_700_00,
          criteriaValues: { payment: 21 },
          receivedAt: '2026-12-08T09:01:00.000Z',
          status: 'VALID',
          rejectionPoint: null,
          rejectionReason: null,
          points: { price: 5758, payment: 2800 },
          total: 8558,
          place: 2,
        },
        {
          number: 3,
          contractorName: 'Energia Plus sp. z o.o.',
          contractorNip: '6762468957',
          contractorAddress: 'ul. Wielicka 250, 30-663 Kraków',
          priceNet: 900_000_00,
          priceGross: 1_107_000_00,
          criteriaValues: { payment: 30 },
          receivedAt: '2026-12-08T09:40:00.000Z',
          status: 'REJECTED',
          rejectionPoint: 5,
          rejectionReason:
            'Treść oferty jest niezgodna z warunkami zamówienia: brak wymaganej koncesji na obrót energią elektryczną.',
          points: null,
          total: null,
          place: null,
        },
      ],
      outcome: 'AWARDED',
      tie: 'NONE',
      selectedOfferNumber: 1,
      recommendation: 'Komisja rekomenduje wybór oferty nr 1 jako najkorzystniejszej (100,00 pkt).',
      recommendedAt: '2026-12-15T11:00:00.000Z',
      approvedAt: '2026-12-16T09:00:00.000Z',
      approvedByName: 'Norbert Rzepisko',
      cancelPoint: null,
      cancelReason: null,
      cancelledAt: null,
      appeals: [],
      contracts: [],
    },
    {
      number: 2,
      title: 'Energia elektryczna dla budynków i obiektów',
      criteria: [
        { key: 'price', name: 'Cena', kind: 'PRICE', weight: 100, direction: 'LOWER_BETTER' },
      ],
      plannedAmountGross: 480_000_00,
      plannedBasis: 'SHARES',
      plannedReason: null,
      offers: [
        {
          number: 1,
          contractorName: 'Tauron Sprzedaż sp. z o.o.',
          contractorNip: '8567346215',
          contractorAddress: 'ul. Łagiewnicka 60, 30-417 Kraków',
          priceNet: 420_000_00,
          priceGross: 516_600_00,
          criteriaValues: {},
          receivedAt: '2026-12-08T08:12:00.000Z',
          status: 'VALID',
          rejectionPoint: null,
          rejectionReason: null,
          points: { price: 10000 },
          total: 10000,
          place: 1,
        },
        {
          number: 2,
          contractorName: 'Enea S.A.',
          contractorNip: '7770020640',
          contractorAddress: 'ul. Górecka 1, 60-201 Poznań',
          priceNet: 445_000_00,
          priceGross: 547_350_00,
          criteriaValues: {},
          receivedAt: '2026-12-08T09:01:00.000Z',
          status: 'VALID',
          rejectionPoint: null,
          rejectionReason: null,
          points: { price: 9438 },
          total: 9438,
          place: 2,
        },
      ],
      outcome: 'CANCELLED',
      tie: 'NONE',
      selectedOfferNumber: null,
      recommendation: null,
      recommendedAt: null,
      approvedAt: null,
      approvedByName: null,
      cancelPoint: 3,
      cancelReason:
        'Cena najkorzystniejszej oferty przewyższa kwotę, którą zamawiający zamierzają przeznaczyć na sfinansowanie części 2, a zamawiający nie mogą zwiększyć tej kwoty.',
      cancelledAt: '2026-12-16T09:05:00.000Z',
      appeals: [
        {
          appellant: 'Enea S.A.',
          filedOn: '2026-12-21',
          kioReference: 'KIO 3412/26',
          subject: 'Odwołanie od unieważnienia postępowania w części 2',
          status: 'DISMISSED',
          decidedOn: '2027-01-08',
          outcomeNote: null,
        },
      ],
      contracts: [],
    },
  ],
};

export function demoProtocolSnapshot(options: DemoOptions = {}): ProtocolSnapshot {
  return {
    ...demoBaseSnapshot(options),
    events: EVENTS.map((e) => ({ ...e })),
    procedure: structuredClone(DEMO_PROCEDURE),
  };
}

/**
 * Liszki's settlement under the leader's contract: its parts of two invoices of lot 1 (split by
 * the confirmed shares), a targeted subsidy of 35 000,00 zł received and settled, and the unused
 * 3 972,97 zł still to be refunded by the leader by 15 July 2027 – so the balance is in its favour.
 */
export const DEMO_SETTLEMENT: SettlementStatementSnapshot = {
  asOf: '2027-07-02',
  invoices: [
    {
      number: 'FV/2027/04/118',
      contractorName: 'Tauron Sprzedaż sp. z o.o.',
      contractorNip: '8567346215',
      lotNumber: 1,
      issuedOn: '2027-04-30',
      dueOn: '2027-05-30',
      invoiceGross: 123000_00,
      net: 18918_92,
      vat: 4351_35,
      gross: 23270_27,
    },
    {
      number: 'FV/2027/05/007',
      contractorName: 'Tauron Sprzedaż sp. z o.o.',
      contractorNip: '8567346215',
      lotNumber: 1,
      issuedOn: '2027-05-31',
      dueOn: '2027-06-30',
      invoiceGross: 41000_00,
      net: 6306_31,
      vat: 1450_45,
      gross: 7756_76,
    },
  ],
  allocated: { net: 25225_23, vat: 5801_80, gross: 31027_03 },
  paid: 35000_00,
  refunded: 0,
  receivedFromPartners: 0,
  subsidies: {
    granted: 35000_00,
    received: 35000_00,
    used: 31027_03,
    toReturn: 3972_97,
    returned: 0,
    returnDueOn: '2027-07-15',
  },
  outstanding: 0,
  overdue: 0,
  balance: 3972_97,
  nextDue: {
    kind: 'REFUND',
    direction: 'IN',
    payerOrganisationId: DEMO_ORG.SKAWINA,
    amount: 3972_97,
    dueOn: '2027-07-15',
    overdue: false,
  },
  payments: [
    {
      kind: 'SUBSIDY',
      direction: 'OUT',
      payerOrganisationId: DEMO_ORG.LISZKI,
      amount: 35000_00,
      dueOn: '2027-05-15',
      paidOn: '2027-05-12',
      reference: 'LIS/2027/77',
      resolutionNumber: 'XV/123/2027',
      agreementSignedOn: '2026-11-20',
      useUntil: '2027-06-30',
      settlementDueOn: '2027-07-31',
      returnDueOn: '2027-07-15',
      usedAmount: 31027_03,
      settledOn: '2027-07-01',
    },
    {
      kind: 'REFUND',
      direction: 'IN',
      payerOrganisationId: DEMO_ORG.SKAWINA,
      amount: 3972_97,
      dueOn: '2027-07-15',
      paidOn: null,
      description: 'Zwrot niewykorzystanej części dotacji XV/123/2027',
    },
  ],
};

export function demoSettlementSnapshot(
  organisationId: string = DEMO_ORG.LISZKI,
  options: DemoOptions = {},
): SettlementSnapshot {
  return {
    ...demoBaseSnapshot({ settlementModel: 'LEADER_CONTRACT', ...options }),
    forOrganisationId: organisationId,
    settlement: structuredClone(DEMO_SETTLEMENT),
  };
}

/** A demo snapshot of any kind, for loops over all kinds in specs and e2e. */
export function demoSnapshot<K extends DocumentKind>(
  kind: K,
  options: DemoOptions = {},
): SnapshotByKind[K] {
  const byKind: { [P in DocumentKind]: () => SnapshotByKind[P] } = {
    AGREEMENT: () => demoAgreementSnapshot(options),
    POWER_OF_ATTORNEY: () => demoPowerOfAttorneySnapshot(DEMO_ORG.LISZKI, options),
    SHARE_CONFIRMATION: () => demoShareConfirmationSnapshot(DEMO_ORG.LISZKI, options),
    COST_SPLIT: () => demoCostSplitSnapshot(options),
    PROTOCOL: () => demoProtocolSnapshot(options),
    SETTLEMENT: () => demoSettlementSnapshot(DEMO_ORG.LISZKI, options),
  };
  return byKind[kind]();
}

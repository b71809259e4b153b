import { addCalendarDays, warsawDateTime } from '../common/polish-calendar';

/**
 * What the demo tenders at each stage contain (`npm run demo`, demo-stages.ts builds them): the
 * subject, lots and partners' shares of each, the evaluation criteria, the demo contractors, and
 * the stable made-up numbers of their notices.
 */

export interface StageShare {
  lot: number;
  slug: string;
  amountNet: string;
  budgetClassification: string;
}

export interface StageSpec {
  reference: string;
  title: string;
  description: string;
  subjectKind: 'WORKS' | 'SUPPLIES' | 'SERVICES';
  cpvMain: string;
  cpvAdditional: string[];
  /** The official Polish names of the codes (Wspólny Słownik Zamówień), the main code first. */
  cpvMainName: string;
  cpvAdditionalNames: string[];
  settlementModel: 'SEPARATE_CONTRACTS' | 'LEADER_CONTRACT';
  lots: { number: number; title: string; vatRate: number }[];
  shares: StageShare[];
  /** Days before today the contract notice appeared in BZP. */
  publishedDaysAgo: number;
  until: 'PUBLISHED' | 'OFFERS_OPENED' | 'AWARDED' | 'CONTRACTED';
}

const ROADS = [
  { number: 1, title: 'Część 1: chodniki i zatoki autobusowe w Skawinie i Liszkach', vatRate: 23 },
  { number: 2, title: 'Część 2: chodniki w Mogilanach i Świątnikach Górnych', vatRate: 23 },
];

export const DEMO_STAGES: StageSpec[] = [
  {
    reference: 'ZP.271.3.2026',
    title: 'Budowa chodników i zatok autobusowych przy drogach gminnych',
    description:
      'Wspólne postępowanie partnerstwa na budowę chodników i zatok autobusowych; ogłoszenie opublikowane, trwa termin składania ofert.',
    subjectKind: 'WORKS',
    cpvMain: '45233161-5',
    cpvAdditional: [],
    cpvMainName: 'Roboty budowlane w zakresie ścieżek pieszych',
    cpvAdditionalNames: [],
    settlementModel: 'SEPARATE_CONTRACTS',
    lots: ROADS,
    shares: [
      { lot: 1, slug: 'skawina', amountNet: '640000.00', budgetClassification: '600/60016/6050' },
      { lot: 1, slug: 'liszki', amountNet: '210000.00', budgetClassification: '600/60016/6050' },
      { lot: 2, slug: 'mogilany', amountNet: '260000.00', budgetClassification: '600/60016/6050' },
      {
        lot: 2,
        slug: 'swiatniki-gorne',
        amountNet: '190000.00',
        budgetClassification: '600/60016/6050',
      },
    ],
    publishedDaysAgo: 2,
    until: 'PUBLISHED',
  },
  {
    reference: 'ZP.271.4.2026',
    title: 'Termomodernizacja budynków szkół podstawowych partnerów',
    description:
      'Docieplenie ścian i stropodachów oraz wymiana stolarki okiennej w szkołach partnerów; oferty otwarte, trwa badanie i ocena ofert.',
    subjectKind: 'WORKS',
    cpvMain: '45321000-3',
    cpvAdditional: ['45421000-4'],
    cpvMainName: 'Izolacja cieplna',
    cpvAdditionalNames: ['Roboty w zakresie stolarki budowlanej'],
    settlementModel: 'SEPARATE_CONTRACTS',
    lots: [
      { number: 1, title: 'Część 1: szkoły w Skawinie i Czernichowie', vatRate: 23 },
      { number: 2, title: 'Część 2: szkoła w Mogilanach', vatRate: 23 },
    ],
    shares: [
      { lot: 1, slug: 'skawina', amountNet: '900000.00', budgetClassification: '801/80101/6050' },
      {
        lot: 1,
        slug: 'czernichow',
        amountNet: '420000.00',
        budgetClassification: '801/80101/6050',
      },
      { lot: 2, slug: 'mogilany', amountNet: '380000.00', budgetClassification: '801/80101/6050' },
    ],
    publishedDaysAgo: 26,
    until: 'OFFERS_OPENED',
  },
  {
    reference: 'ZP.271.5.2026',
    title: 'Przebudowa oświetlenia ulicznego na oprawy LED',
    description:
      'Wymiana opraw oświetlenia ulicznego na energooszczędne oprawy LED; część 1 udzielona, część 2 unieważniona, biegnie termin na zawarcie umowy.',
    subjectKind: 'WORKS',
    cpvMain: '45316110-9',
    cpvAdditional: [],
    cpvMainName: 'Instalowanie urządzeń oświetlenia drogowego',
    cpvAdditionalNames: [],
    settlementModel: 'SEPARATE_CONTRACTS',
    lots: [
      { number: 1, title: 'Część 1: oświetlenie w Skawinie i Czernichowie', vatRate: 23 },
      { number: 2, title: 'Część 2: oświetlenie w Liszkach', vatRate: 23 },
    ],
    shares: [
      { lot: 1, slug: 'skawina', amountNet: '700000.00', budgetClassification: '900/90015/6050' },
      {
        lot: 1,
        slug: 'czernichow',
        amountNet: '300000.00',
        budgetClassification: '900/90015/6050',
      },
      { lot: 2, slug: 'liszki', amountNet: '250000.00', budgetClassification: '900/90015/6050' },
    ],
    publishedDaysAgo: 24,
    until: 'AWARDED',
  },
  {
    reference: 'ZP.271.6.2026',
    title: 'Remont dróg gminnych po zimie 2026',
    description:
      'Remonty cząstkowe nawierzchni dróg gminnych; umowa lidera zawarta, faktury w rozliczeniu, partnerzy finansują swoje części zaliczką i dotacją celową.',
    subjectKind: 'WORKS',
    cpvMain: '45233142-6',
    cpvAdditional: [],
    cpvMainName: 'Roboty w zakresie naprawy dróg',
    cpvAdditionalNames: [],
    settlementModel: 'LEADER_CONTRACT',
    lots: [
      { number: 1, title: 'Część 1: drogi w Skawinie, Czernichowie i Liszkach', vatRate: 23 },
      { number: 2, title: 'Część 2: drogi w Mogilanach', vatRate: 23 },
    ],
    shares: [
      { lot: 1, slug: 'skawina', amountNet: '500000.00', budgetClassification: '600/60016/4270' },
      {
        lot: 1,
        slug: 'czernichow',
        amountNet: '200000.00',
        budgetClassification: '600/60016/4270',
      },
      { lot: 1, slug: 'liszki', amountNet: '100000.00', budgetClassification: '600/60016/4270' },
      { lot: 2, slug: 'mogilany', amountNet: '150000.00', budgetClassification: '600/60016/4270' },
    ],
    publishedDaysAgo: 95,
    until: 'CONTRACTED',
  },
];

/** The price criterion and a quality one (warranty in months), as in a road works SWZ. */
export const CRITERIA = [
  { key: 'price', name: 'Cena', kind: 'PRICE', weight: 60, direction: 'LOWER_BETTER' },
  {
    key: 'warranty',
    name: 'Okres gwarancji jakości (miesiące)',
    kind: 'OTHER',
    weight: 40,
    direction: 'HIGHER_BETTER',
  },
];

/** Demo contractors: names marked as demo, NIPs that pass the checksum. */
export const CONTRACTORS = [
  { contractorName: 'Drogbud Sp. z o.o. (demo)', contractorNip: '8567346215' },
  { contractorName: 'Asfalt-Pol S.A. (demo)', contractorNip: '7770020640' },
  { contractorName: 'Budrex Sp. z o.o. (demo)', contractorNip: '6762468957' },
];
export const ADDRESS = 'ul. Krakowska 12, 32-050 Skawina';

export const money = (grosz: number) => (grosz / 100).toFixed(2);
export const grosz = (amount: string) => Math.round(Number(amount) * 100);
export const gross23 = (net: string) => money(Math.round(grosz(net) * 1.23));

/** A stable small number from a text (for demo notice numbers). */
export function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

/** A uuid-shaped stable hex string from the reference, for the demo ocid. */
export function uuidLike(s: string): string {
  const hex = Array.from({ length: 4 }, (_, i) =>
    (hash(`${s}:${i}`) >>> 0).toString(16).padStart(8, '0'),
  ).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Warsaw time `hh:mm` on the day `days` before `today` (YYYY-MM-DD). */
export const at = (today: string, days: number, time: string) =>
  warsawDateTime(addCalendarDays(today, -days), time);

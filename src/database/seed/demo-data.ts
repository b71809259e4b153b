import { nipWithCheckDigit, regon9WithCheckDigit } from '../../common/identifiers';
import type { OrganisationKind } from '../../organisations';

/**
 * The demo partnership "Razem Blisko Krakowa". Names and places are real; identifiers are made up
 * (prefix 999 for NIP, 99 for REGON) so they pass the checksums but belong to nobody, and every
 * record is flagged `demo`. People's names are invented.
 */
export interface DemoOrganisation {
  slug: string;
  kind: OrganisationKind;
  name: string;
  nipPrefix: string;
  regonPrefix: string;
  teryt: string;
  street: string;
  postalCode: string;
  city: string;
  headTitle: string;
  headName: string;
  treasurerName: string;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    slug: 'skawina',
    kind: 'GMINA_MIEJSKO_WIEJSKA',
    name: 'Gmina Skawina',
    nipPrefix: '999100101',
    regonPrefix: '99100101',
    teryt: '1206113',
    street: 'Rynek 1',
    postalCode: '32-050',
    city: 'Skawina',
    headTitle: 'Burmistrz Miasta i Gminy Skawina',
    headName: 'Tomasz Wierzbicki',
    treasurerName: 'Barbara Zając',
  },
  {
    slug: 'czernichow',
    kind: 'GMINA_WIEJSKA',
    name: 'Gmina Czernichów',
    nipPrefix: '999100202',
    regonPrefix: '99100202',
    teryt: '1206032',
    street: 'Czernichów 13',
    postalCode: '32-070',
    city: 'Czernichów',
    headTitle: 'Wójt Gminy Czernichów',
    headName: 'Jerzy Sołtysik',
    treasurerName: 'Elżbieta Gąsior',
  },
  {
    slug: 'liszki',
    kind: 'GMINA_WIEJSKA',
    name: 'Gmina Liszki',
    nipPrefix: '999100303',
    regonPrefix: '99100303',
    teryt: '1206072',
    street: 'Liszki 47',
    postalCode: '32-060',
    city: 'Liszki',
    headTitle: 'Wójt Gminy Liszki',
    headName: 'Wiesław Łącki',
    treasurerName: 'Józefa Pietrzyk',
  },
  {
    slug: 'mogilany',
    kind: 'GMINA_WIEJSKA',
    name: 'Gmina Mogilany',
    nipPrefix: '999100404',
    regonPrefix: '99100404',
    teryt: '1206092',
    street: 'ul. Rynek 2',
    postalCode: '32-031',
    city: 'Mogilany',
    headTitle: 'Wójt Gminy Mogilany',
    headName: 'Stanisław Kędzior',
    treasurerName: 'Małgorzata Żurek',
  },
  {
    slug: 'swiatniki-gorne',
    kind: 'GMINA_MIEJSKO_WIEJSKA',
    name: 'Gmina Świątniki Górne',
    nipPrefix: '999100505',
    regonPrefix: '99100505',
    teryt: '1206143',
    street: 'ul. Bruchnalskiego 36',
    postalCode: '32-040',
    city: 'Świątniki Górne',
    headTitle: 'Burmistrz Miasta i Gminy Świątniki Górne',
    headName: 'Andrzej Ślusarczyk',
    treasurerName: 'Halina Wróbel',
  },
  {
    slug: 'powiat-krakowski',
    kind: 'POWIAT',
    name: 'Powiat Krakowski',
    nipPrefix: '999100606',
    regonPrefix: '99100606',
    teryt: '1206',
    street: 'al. Juliusza Słowackiego 20',
    postalCode: '30-037',
    city: 'Kraków',
    headTitle: 'Starosta Krakowski',
    headName: 'Grzegorz Źrebiec',
    treasurerName: 'Renata Ćwik',
  },
  {
    slug: 'zabierzow',
    kind: 'GMINA_WIEJSKA',
    name: 'Gmina Zabierzów',
    nipPrefix: '999100707',
    regonPrefix: '99100707',
    teryt: '1206162',
    street: 'ul. Kolejowa 15',
    postalCode: '32-080',
    city: 'Zabierzów',
    headTitle: 'Wójt Gminy Zabierzów',
    headName: 'Piotr Mączka',
    treasurerName: 'Irena Kuś',
  },
];

export const DEMO_PASSWORD = 'wspolnie-demo';
export const DEMO_PARTNERSHIP = {
  name: 'Razem Blisko Krakowa',
  leaderSlug: 'skawina',
  memberSlugs: ['czernichow', 'liszki', 'mogilany', 'swiatniki-gorne', 'powiat-krakowski'],
  agreementReference: 'RBK.031.1.2026',
  agreementSignedOn: '2026-01-15',
};

/** Demo role holders: one invented person per role per organisation. */
export const DEMO_ROLE_PEOPLE = {
  PROCUREMENT_OFFICER: { local: 'officer', title: 'specjalista ds. zamówień' },
  COORDINATOR: { local: 'coordinator', title: 'koordynator' },
  TREASURER: { local: 'treasurer', title: 'skarbnik' },
  HEAD: { local: 'head', title: 'kierownik jednostki' },
  LAWYER: { local: 'lawyer', title: 'radca prawny' },
} as const;

const FIRST_NAMES = [
  'Anna',
  'Piotr',
  'Katarzyna',
  'Michał',
  'Agnieszka',
  'Łukasz',
  'Zofia',
  'Paweł',
  'Joanna',
  'Krzysztof',
];
/** In the masculine form; a woman's surname of the adjective kind is made feminine. */
const LAST_NAMES = [
  'Nowak',
  'Kowalczyk',
  'Wiśniewski',
  'Dąbrowski',
  'Lewandowski',
  'Żak',
  'Kamiński',
  'Mazur',
  'Gołąb',
  'Szczęsny',
];

/** Polish surnames agree with the person: Wiśniewski → Wiśniewska, Szczęsny → Szczęsna; Nowak stays. */
function surnameFor(first: string, last: string): string {
  if (!first.endsWith('a')) return last;
  return last.replace(/(sk|ck|dzk)i$/, '$1a').replace(/ny$/, 'na');
}

/** A stable invented name for a demo user (the head and treasurer use the organisation's own). */
export function demoPersonName(
  org: DemoOrganisation,
  role: keyof typeof DEMO_ROLE_PEOPLE,
  index: number,
): string {
  if (role === 'HEAD') return org.headName;
  if (role === 'TREASURER') return org.treasurerName;
  const first = FIRST_NAMES[(index * 3 + org.slug.length) % FIRST_NAMES.length];
  const last = LAST_NAMES[(index * 7 + org.slug.length * 2) % LAST_NAMES.length];
  return `${first} ${surnameFor(first, last)}`;
}

/** Finds a checksum-valid NIP near the prefix (a prefix whose remainder is 10 has none). */
export function demoNip(prefix9: string): string {
  for (let bump = 0; bump < 10; bump += 1) {
    const candidate = (BigInt(prefix9) + BigInt(bump)).toString().padStart(9, '0');
    try {
      return nipWithCheckDigit(candidate);
    } catch {
      continue;
    }
  }
  throw new Error(`No valid NIP near ${prefix9}`);
}

export const demoRegon = (prefix8: string): string => regon9WithCheckDigit(prefix8);

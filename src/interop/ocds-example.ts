import { OCDS_EXTENSIONS, buildReleases } from './ocds-releases';
import type { OcdsOrganisation, OcdsTenderSource } from './ocds-source';

const org = (
  id: string,
  name: string,
  nip: string,
  regon: string,
  city: string,
  postalCode: string,
): OcdsOrganisation => ({
  id,
  name,
  nip,
  regon,
  street: 'Rynek 1',
  postalCode,
  city,
  email: `sekretariat@${id}.example`,
});

const SKAWINA = org('skawina', 'Gmina Skawina', '9990000028', '999000014', 'Skawina', '32-050');
const LISZKI = org('liszki', 'Gmina Liszki', '9990000051', '999000020', 'Liszki', '32-060');

/**
 * A small published, awarded and contracted joint tender (one lot, two buyers): the example of
 * the OpenAPI document and README, and the fixture of the mapping's unit tests.
 */
export const EXAMPLE_SOURCE: OcdsTenderSource = {
  tender: {
    id: '5b0c2d6e-1f3a-4c8b-9e7d-2a4f6c8e0b1d',
    ocid: null,
    reference: 'ZP.271.7.2027',
    title: 'Przebudowa dróg gminnych',
    description: null,
    subjectKind: 'WORKS',
    cpvMain: '45233140-2',
    cpvAdditional: [],
    procedure: 'BASIC',
    status: 'CONTRACTED',
    publishedOn: '2027-02-01',
    valueNet: 150000000,
    cancelReason: null,
    updatedAt: new Date('2027-03-10T10:00:00Z'),
    version: 9,
  },
  leader: SKAWINA,
  organisations: [SKAWINA, LISZKI],
  lots: [
    {
      id: 'lot-1',
      number: 1,
      title: 'Część 1: drogi w Skawinie i Liszkach',
      vatRate: 23,
      contractorName: 'Drogbud Sp. z o.o.',
      contractorNip: '8567346215',
      awardedNet: 140000000,
      shares: [
        { organisationId: 'skawina', amountNet: 100000000 },
        { organisationId: 'liszki', amountNet: 50000000 },
      ],
    },
  ],
  contracts: [
    {
      id: 'c5d1e2f3-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
      lotId: 'lot-1',
      organisationId: 'liszki',
      contractorName: 'Drogbud Sp. z o.o.',
      contractorNip: '8567346215',
      amountNet: 46666667,
      amountGross: 57400000,
      signedOn: '2027-03-10',
    },
  ],
  invoices: [],
  milestones: [
    {
      eventId: '101',
      at: new Date('2027-02-01T09:00:00Z'),
      action: 'tender.transitioned',
      entityId: null,
      to: 'PUBLISHED',
    },
    {
      eventId: '120',
      at: new Date('2027-02-20T11:00:00Z'),
      action: 'tender.transitioned',
      entityId: null,
      to: 'OFFERS_OPENED',
    },
    {
      eventId: '131',
      at: new Date('2027-03-01T12:00:00Z'),
      action: 'tender.transitioned',
      entityId: null,
      to: 'AWARDED',
    },
    {
      eventId: '140',
      at: new Date('2027-03-10T10:00:00Z'),
      action: 'contract.recorded',
      entityId: 'c5d1e2f3-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
      to: null,
    },
  ],
};

export const EXAMPLE_RELEASE_PACKAGE = {
  uri: `http://localhost:3000/api/v1/tenders/${EXAMPLE_SOURCE.tender.id}/ocds`,
  version: '1.1' as const,
  extensions: OCDS_EXTENSIONS,
  publishedDate: '2027-03-10T10:00:00.000Z',
  publisher: { name: 'Wspólnie', uri: 'http://localhost:3000' },
  license: 'https://creativecommons.org/publicdomain/zero/1.0/',
  publicationPolicy: 'http://localhost:3000/api/docs#/ocds',
  releases: buildReleases(EXAMPLE_SOURCE, 'ocds-wspoln').map((p) => p.release),
};

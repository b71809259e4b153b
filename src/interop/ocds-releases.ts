import { warsawDateTime } from '../common/polish-calendar';
import type {
  OcdsContract,
  OcdsLot,
  OcdsMilestone,
  OcdsOrganisation,
  OcdsTenderSource,
} from './ocds-source';

/**
 * The OCDS 1.1.5 mapping as pure functions: a tender's milestones become releases, one per
 * event, each carrying the section that event changed (planning and tender at publication, the
 * awards at the award, one contract per recorded contract, a transaction per invoice). Merging
 * them in date order (ocds-merge.ts) gives the compiled release.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface OcdsRelease extends JsonObject {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
}

/** A release with the audit event it comes from (its place in the feed). */
export interface PlacedRelease {
  eventId: string;
  release: OcdsRelease;
}

export const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_contract_buyer_extension/master/extension.json',
];

/** The tender's ocid: the e-Zamówienia one when the officer recorded it, else the configured prefix. */
export function ocidOf(tender: OcdsTenderSource['tender'], prefix: string): string {
  return tender.ocid ?? `${prefix}-${tender.id}`;
}

/** Statuses from which a tender is public (it was published). */
const PUBLIC_FROM = new Set(['PUBLISHED', 'OFFERS_OPENED', 'AWARDED', 'CONTRACTED', 'SETTLED']);

/** Published (and maybe later cancelled): its releases may be shown to anyone. */
export function isPublic(src: Pick<OcdsTenderSource, 'tender'>): boolean {
  return (
    src.tender.publishedOn !== null &&
    (PUBLIC_FROM.has(src.tender.status) || src.tender.status === 'CANCELLED')
  );
}

const amount = (grosz: number): JsonObject => ({ amount: grosz / 100, currency: 'PLN' });

const CATEGORY: Record<OcdsTenderSource['tender']['subjectKind'], string> = {
  SUPPLIES: 'goods',
  SERVICES: 'services',
  WORKS: 'works',
};

/** Pzp procedure → the closed `method` codelist, with the Polish name in the details. */
const METHOD: Record<string, { method: string; details: string }> = {
  BASIC: { method: 'open', details: 'tryb podstawowy (art. 275 Pzp)' },
  OPEN: { method: 'open', details: 'przetarg nieograniczony (art. 132 Pzp)' },
  RESTRICTED: { method: 'selective', details: 'przetarg ograniczony (art. 140 Pzp)' },
};

export const partyId = (o: Pick<OcdsOrganisation, 'regon'>): string => `PL-REGON-${o.regon}`;
export const supplierId = (nip: string): string => `PL-NIP-${nip}`;

function party(o: OcdsOrganisation, roles: string[]): JsonObject {
  const address: JsonObject = { countryName: 'Polska' };
  if (o.street) address.streetAddress = o.street;
  if (o.city) address.locality = o.city;
  if (o.postalCode) address.postalCode = o.postalCode;
  return {
    id: partyId(o),
    name: o.name,
    identifier: { scheme: 'PL-REGON', id: o.regon, legalName: o.name },
    additionalIdentifiers: [{ scheme: 'PL-NIP', id: o.nip, legalName: o.name }],
    address,
    ...(o.email ? { contactPoint: { name: o.name, email: o.email } } : {}),
    roles,
  };
}

const ref = (o: OcdsOrganisation): JsonObject => ({ id: partyId(o), name: o.name });

function buyersOf(src: OcdsTenderSource): OcdsOrganisation[] {
  const ids = new Set(src.lots.flatMap((l) => l.shares.map((s) => s.organisationId)));
  return src.organisations.filter((o) => ids.has(o.id));
}

/** The leader is buyer, procuring entity and lead buyer; every partner with a share is a buyer. */
function buyerParties(src: OcdsTenderSource): JsonObject[] {
  const out: JsonObject[] = [party(src.leader, ['buyer', 'procuringEntity', 'leadBuyer'])];
  for (const o of buyersOf(src)) if (o.id !== src.leader.id) out.push(party(o, ['buyer']));
  return out;
}

function supplierParties(src: OcdsTenderSource): JsonObject[] {
  const seen = new Map<string, string>();
  for (const l of src.lots)
    if (l.contractorNip && l.contractorName) seen.set(l.contractorNip, l.contractorName);
  for (const c of src.contracts)
    if (!seen.has(c.contractorNip)) seen.set(c.contractorNip, c.contractorName);
  return [...seen].map(([nip, name]) => ({
    id: supplierId(nip),
    name,
    identifier: { scheme: 'PL-NIP', id: nip, legalName: name },
    roles: ['supplier'],
  }));
}

const lotValue = (l: OcdsLot): number => l.shares.reduce((s, x) => s + x.amountNet, 0);

/** `planning.budget`: the partners' shares, one breakdown line per buyer (see README). */
function planning(src: OcdsTenderSource): JsonObject {
  const byBuyer = new Map<string, { total: number; lots: number[] }>();
  for (const l of src.lots)
    for (const s of l.shares) {
      const e = byBuyer.get(s.organisationId) ?? { total: 0, lots: [] };
      e.total += s.amountNet;
      e.lots.push(l.number);
      byBuyer.set(s.organisationId, e);
    }
  const total = [...byBuyer.values()].reduce((s, e) => s + e.total, 0);
  return {
    rationale:
      'Wspólne udzielanie zamówienia (art. 38 Pzp): lider prowadzi postępowanie w imieniu partnerów.',
    budget: {
      id: 'udzialy-partnerow',
      description:
        'Suma potwierdzonych udziałów partnerów (wartość netto); podział na zamawiających w budgetBreakdown.',
      amount: amount(total),
      budgetBreakdown: buyersOf(src).map((o) => {
        const e = byBuyer.get(o.id) ?? { total: 0, lots: [] };
        return {
          id: partyId(o),
          description: `Udział: ${o.name} (części ${e.lots.join(', ')})`,
          amount: amount(e.total),
          sourceParty: ref(o),
        };
      }),
    },
  };
}

function tenderSection(src: OcdsTenderSource, status: string): JsonObject {
  const t = src.tender;
  const method = METHOD[t.procedure] ?? { method: 'open', details: t.procedure };
  const lotStatus = status === 'complete' ? 'complete' : status;
  return {
    id: t.reference,
    title: t.title,
    ...(t.description ? { description: t.description } : {}),
    status,
    procuringEntity: ref(src.leader),
    value: amount(src.lots.reduce((s, l) => s + lotValue(l), 0)),
    procurementMethod: method.method,
    procurementMethodDetails: method.details,
    mainProcurementCategory: CATEGORY[t.subjectKind],
    ...(status === 'cancelled' && t.cancelReason ? { statusDetails: t.cancelReason } : {}),
    items: src.lots.map((l) => ({
      id: `${l.number}`,
      description: l.title,
      classification: { scheme: 'CPV', id: t.cpvMain },
      ...(t.cpvAdditional.length > 0
        ? { additionalClassifications: t.cpvAdditional.map((c) => ({ scheme: 'CPV', id: c })) }
        : {}),
      relatedLot: `${l.number}`,
    })),
    lots: src.lots.map((l) => ({
      id: `${l.number}`,
      title: l.title,
      status: lotStatus,
      value: amount(lotValue(l)),
    })),
  };
}

const awardId = (l: OcdsLot): string => `${l.number}`;

function awards(src: OcdsTenderSource, at: string): JsonObject[] {
  const byId = new Map(src.organisations.map((o) => [o.id, o]));
  return src.lots
    .filter((l) => l.contractorNip && l.contractorName)
    .map((l) => ({
      id: awardId(l),
      title: l.title,
      status: 'active',
      date: at,
      value: amount(l.awardedNet ?? 0),
      suppliers: [{ id: supplierId(l.contractorNip as string), name: l.contractorName as string }],
      relatedLots: [`${l.number}`],
      buyers: l.shares
        .map((s) => byId.get(s.organisationId))
        .filter((o): o is OcdsOrganisation => o !== undefined)
        .map(ref),
    }));
}

function contract(
  src: OcdsTenderSource,
  c: OcdsContract,
  status: 'active' | 'terminated',
  invoicesUpTo: Set<string> | null,
): JsonObject {
  const lot = src.lots.find((l) => l.id === c.lotId);
  const buyer = src.organisations.find((o) => o.id === c.organisationId) ?? src.leader;
  const invoices = src.invoices.filter(
    (i) => i.contractId === c.id && (invoicesUpTo === null || invoicesUpTo.has(i.id)),
  );
  return {
    id: c.id,
    awardID: lot ? awardId(lot) : c.lotId,
    title: lot ? `Umowa – ${lot.title}` : 'Umowa',
    status,
    value: amount(c.amountGross),
    dateSigned: dayStart(c.signedOn),
    buyer: ref(buyer),
    ...(invoices.length > 0
      ? {
          implementation: {
            transactions: invoices.map((i) => {
              const payer = src.organisations.find((o) => o.id === i.organisationId) ?? buyer;
              return {
                id: i.id,
                date: dayStart(i.issuedOn),
                value: amount(i.gross),
                payer: ref(payer),
                payee: { id: supplierId(c.contractorNip), name: c.contractorName },
              };
            }),
          },
        }
      : {}),
  };
}

/** Midnight of a Warsaw calendar day, as an ISO instant. */
const dayStart = (date: string): string => warsawDateTime(date, '00:00').toISOString();

function base(
  src: OcdsTenderSource,
  ocid: string,
  m: OcdsMilestone,
  suffix: string,
  tag: string[],
  parties: JsonObject[],
): OcdsRelease {
  return {
    ocid,
    id: `${ocid}-${m.eventId}-${suffix}`,
    date: m.at.toISOString(),
    tag,
    initiationType: 'tender',
    language: 'pl',
    parties,
    buyer: ref(src.leader),
  };
}

/**
 * The releases of a tender as they happened, from its publication on. Events before the
 * publication (drafting, collecting and confirming shares) make no release: the planning release
 * is published together with the tender, at the publication event.
 */
export function buildReleases(src: OcdsTenderSource, prefix: string): PlacedRelease[] {
  const ocid = ocidOf(src.tender, prefix);
  const published = src.milestones.find(
    (m) => m.action === 'tender.transitioned' && m.to === 'PUBLISHED',
  );
  if (!published || src.tender.publishedOn === null) return [];
  const buyers = buyerParties(src);
  const out: PlacedRelease[] = [];
  const push = (m: OcdsMilestone, release: OcdsRelease) =>
    out.push({ eventId: m.eventId, release });
  const invoicesSoFar = new Set<string>();
  for (const m of src.milestones) {
    if (BigInt(m.eventId) < BigInt(published.eventId)) continue;
    const at = m.at.toISOString();
    if (m.action === 'tender.transitioned') {
      switch (m.to) {
        case 'PUBLISHED':
          push(m, {
            ...base(src, ocid, m, 'planning', ['planning'], buyers),
            planning: planning(src),
          });
          push(m, {
            ...base(src, ocid, m, 'tender', ['tender'], buyers),
            tender: tenderSection(src, 'active'),
          });
          break;
        case 'OFFERS_OPENED':
          push(m, {
            ...base(src, ocid, m, 'tenderUpdate', ['tenderUpdate'], buyers),
            tender: { id: src.tender.reference, status: 'active', statusDetails: 'Otwarto oferty' },
          });
          break;
        case 'AWARDED':
          push(m, {
            ...base(src, ocid, m, 'award', ['award'], [...buyers, ...supplierParties(src)]),
            tender: tenderSection(src, 'complete'),
            awards: awards(src, at),
          });
          break;
        case 'SETTLED':
          push(m, {
            ...base(src, ocid, m, 'contractTermination', ['contractTermination'], buyers),
            contracts: src.contracts.map((c) => contract(src, c, 'terminated', null)),
          });
          break;
        case 'CANCELLED':
          push(m, {
            ...base(src, ocid, m, 'tenderCancellation', ['tenderCancellation'], buyers),
            tender: tenderSection(src, 'cancelled'),
          });
          break;
        case null:
        default:
          break;
      }
    } else if (m.action === 'contract.recorded') {
      const c = src.contracts.find((x) => x.id === m.entityId);
      if (c)
        push(m, {
          ...base(src, ocid, m, 'contract', ['contract'], [...buyers, ...supplierParties(src)]),
          contracts: [contract(src, c, 'active', new Set())],
        });
    } else {
      const invoice = src.invoices.find((x) => x.id === m.entityId);
      const c = invoice && src.contracts.find((x) => x.id === invoice.contractId);
      if (invoice && c) {
        invoicesSoFar.add(invoice.id);
        push(m, {
          ...base(src, ocid, m, 'implementation', ['implementation'], buyers),
          contracts: [contract(src, c, 'active', new Set(invoicesSoFar))],
        });
      }
    }
  }
  return out;
}

/**
 * Before publication the tender's own participants may preview its planning (never the public):
 * one planning release of the current shares, dated at the tender's last change.
 */
export function previewRelease(src: OcdsTenderSource, prefix: string): OcdsRelease {
  const ocid = ocidOf(src.tender, prefix);
  const m: OcdsMilestone = {
    eventId: `preview-v${src.tender.version}`,
    at: src.tender.updatedAt,
    action: 'tender.transitioned',
    entityId: src.tender.id,
    to: src.tender.status,
  };
  return {
    ...base(src, ocid, m, 'planning', ['planning'], buyerParties(src)),
    id: `${ocid}-preview-v${src.tender.version}`,
    planning: planning(src),
    tender: tenderSection(src, src.tender.status === 'CANCELLED' ? 'cancelled' : 'planning'),
  };
}

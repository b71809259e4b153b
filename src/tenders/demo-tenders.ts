import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit';
import { systemActor, User } from '../auth';
import { Organisation } from '../organisations';
import { Partnership } from '../partnerships';
import { Lot } from './lot.entity';
import type { Step } from './share-chain';
import { ShareApproval } from './share-approval.entity';
import { Share } from './share.entity';
import { recomputeValue } from './tender-graph';
import type { TenderStatus } from './tender-state';
import { Tender } from './tender.entity';

interface DemoShare {
  lot: number;
  slug: string;
  amountNet: number;
  steps: Step[];
  budgetClassification?: string;
}

interface DemoTender {
  reference: string;
  title: string;
  description: string;
  subjectKind: Tender['subjectKind'];
  cpvMain: string;
  cpvAdditional: string[];
  /** The official Polish names of the codes (Wspólny Słownik Zamówień, rozporządzenie (WE) nr 213/2008). */
  cpvNamesPl: Record<string, string>;
  procedure: Tender['procedure'];
  settlementModel: Tender['settlementModel'];
  status: TenderStatus;
  shareDeadline: string;
  plannedStartOn: string;
  lots: { number: number; title: string; vatRate: number }[];
  shares: DemoShare[];
}

const ALL: Step[] = ['COORDINATOR', 'TREASURER', 'HEAD'];

/** Two demo tenders: one READY (every share confirmed), one still collecting shares. */
export const DEMO_TENDERS: DemoTender[] = [
  {
    reference: 'ZP.271.1.2026',
    title: 'Przebudowa dróg gminnych w partnerstwie Razem Blisko Krakowa',
    description:
      'Wspólne postępowanie na przebudowę nawierzchni dróg gminnych i powiatowych na terenie partnerów, prowadzone przez Gminę Skawina jako lidera (art. 38 Pzp).',
    subjectKind: 'WORKS',
    cpvMain: '45233140-2',
    cpvAdditional: ['45233142-6'],
    cpvNamesPl: { '45233140-2': 'Roboty drogowe', '45233142-6': 'Roboty w zakresie naprawy dróg' },
    procedure: 'BASIC',
    settlementModel: 'SEPARATE_CONTRACTS',
    status: 'READY',
    shareDeadline: '2026-12-18T14:00:00Z',
    plannedStartOn: '2027-01-11',
    lots: [
      {
        number: 1,
        title: 'Część 1: drogi gminne w Skawinie, Czernichowie i Liszkach',
        vatRate: 23,
      },
      {
        number: 2,
        title: 'Część 2: drogi w Mogilanach, Świątnikach Górnych i drogi powiatowe',
        vatRate: 23,
      },
    ],
    shares: [
      {
        lot: 1,
        slug: 'skawina',
        amountNet: 120_000_000,
        steps: ALL,
        budgetClassification: '600/60016/6050',
      },
      {
        lot: 1,
        slug: 'czernichow',
        amountNet: 45_000_000,
        steps: ALL,
        budgetClassification: '600/60016/6050',
      },
      {
        lot: 1,
        slug: 'liszki',
        amountNet: 38_500_000,
        steps: ALL,
        budgetClassification: '600/60016/4270',
      },
      {
        lot: 2,
        slug: 'mogilany',
        amountNet: 41_250_000,
        steps: ALL,
        budgetClassification: '600/60016/4270',
      },
      {
        lot: 2,
        slug: 'swiatniki-gorne',
        amountNet: 27_800_000,
        steps: ALL,
        budgetClassification: '600/60016/4270',
      },
      {
        lot: 2,
        slug: 'powiat-krakowski',
        amountNet: 96_000_000,
        steps: ALL,
        budgetClassification: '600/60014/6050',
      },
    ],
  },
  {
    reference: 'ZP.271.2.2026',
    title: 'Dostawa energii elektrycznej dla jednostek partnerstwa w 2027 r.',
    description:
      'Wspólny zakup energii elektrycznej dla budynków i oświetlenia ulicznego partnerów.',
    subjectKind: 'SUPPLIES',
    cpvMain: '09310000-5',
    cpvAdditional: [],
    cpvNamesPl: { '09310000-5': 'Elektryczność' },
    procedure: 'OPEN',
    settlementModel: 'LEADER_CONTRACT',
    status: 'COLLECTING_SHARES',
    shareDeadline: '2026-12-30T14:00:00Z',
    plannedStartOn: '2027-02-01',
    lots: [
      { number: 1, title: 'Energia elektryczna dla obiektów i oświetlenia ulicznego', vatRate: 23 },
    ],
    shares: [
      {
        lot: 1,
        slug: 'skawina',
        amountNet: 95_000_000,
        steps: ALL,
        budgetClassification: '700/70005/4260',
      },
      {
        lot: 1,
        slug: 'czernichow',
        amountNet: 21_000_000,
        steps: ['COORDINATOR', 'TREASURER'],
        budgetClassification: '700/70005/4260',
      },
      { lot: 1, slug: 'liszki', amountNet: 18_400_000, steps: ['COORDINATOR'] },
      { lot: 1, slug: 'mogilany', amountNet: 16_900_000, steps: [] },
    ],
  },
];

const RESULT: Record<number, Share['status']> = {
  0: 'PROPOSED',
  1: 'COORDINATOR_ACCEPTED',
  2: 'COUNTERSIGNED',
  3: 'CONFIRMED',
};
const LOCAL: Record<Step, string> = {
  COORDINATOR: 'coordinator',
  TREASURER: 'treasurer',
  HEAD: 'head',
};

/** Seeds the demo tenders of the demo partnership (idempotent: skips a reference that exists). */
export async function seedDemoTenders(
  manager: EntityManager,
  log: (m: string) => void,
): Promise<void> {
  const actor = systemActor('seed');
  const partnership = await manager
    .getRepository(Partnership)
    .findOneOrFail({ where: { name: 'Razem Blisko Krakowa' } });
  const orgs = new Map((await manager.getRepository(Organisation).find()).map((o) => [o.slug, o]));
  const officer = await manager
    .getRepository(User)
    .findOneByOrFail({ email: 'officer@skawina.demo' });
  let created = 0;
  for (const d of DEMO_TENDERS) {
    if (
      await manager.getRepository(Tender).exist({
        where: { leaderOrganisationId: partnership.leaderOrganisationId, reference: d.reference },
      })
    )
      continue;
    const tender = await manager.getRepository(Tender).save(
      manager.getRepository(Tender).create({
        partnershipId: partnership.id,
        leaderOrganisationId: partnership.leaderOrganisationId,
        reference: d.reference,
        title: d.title,
        description: d.description,
        subjectKind: d.subjectKind,
        cpvMain: d.cpvMain,
        cpvAdditional: d.cpvAdditional,
        cpvNamesPl: d.cpvNamesPl,
        procedure: d.procedure,
        settlementModel: d.settlementModel,
        status: d.status,
        shareDeadline: new Date(d.shareDeadline),
        plannedStartOn: d.plannedStartOn,
        createdById: officer.id,
      }),
    );
    const lots = new Map<number, string>();
    for (const l of d.lots) {
      const lot = await manager
        .getRepository(Lot)
        .save(manager.getRepository(Lot).create({ tenderId: tender.id, ...l }));
      lots.set(l.number, lot.id);
    }
    for (const s of d.shares) {
      const org = orgs.get(s.slug);
      if (!org) throw new Error(`demo organisation ${s.slug} missing`);
      const done = s.steps.length;
      const share = await manager.getRepository(Share).save(
        manager.getRepository(Share).create({
          tenderId: tender.id,
          lotId: lots.get(s.lot),
          organisationId: org.id,
          amountNet: s.amountNet,
          status: RESULT[done],
          budgetClassification: done >= 2 ? (s.budgetClassification ?? null) : null,
          proposedById: officer.id,
          version: done + 1,
        }),
      );
      for (const [i, step] of s.steps.entries()) {
        const user = await manager
          .getRepository(User)
          .findOneByOrFail({ email: `${LOCAL[step]}@${s.slug}.demo` });
        await manager.insert(ShareApproval, {
          shareId: share.id,
          step,
          decision: 'APPROVED',
          userId: user.id,
          userName: user.displayName,
          role: step,
          amountNet: s.amountNet,
          budgetClassification: step === 'TREASURER' ? (s.budgetClassification ?? null) : null,
          // Demo decisions spread over the days before the seed, in chain order.
          decidedAt: new Date(Date.UTC(2026, 10, 2 + i * 3, 9 + i, 15)),
        });
      }
    }
    await recomputeValue(manager, tender);
    await recordAudit(manager, actor, {
      action: 'tender.created',
      entityType: 'tender',
      entityId: tender.id,
      tenderId: tender.id,
      partnershipId: partnership.id,
      organisationId: partnership.leaderOrganisationId,
      data: { reference: d.reference, title: d.title, demo: true, status: d.status },
    });
    created += 1;
  }
  if (created > 0) log(`Demo tenders seeded: ${created}`);
}

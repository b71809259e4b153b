import {
  Lot,
  Share,
  Tender,
  loadTenderGraphWithParticipants,
  loadTenderGraphs,
  participantsOf,
} from '../src/tenders';
import { ShareApproval } from '../src/tenders/share-approval.entity';
import { Organisation } from '../src/organisations';
import { TestApp, createTestApp } from './support/app';

/**
 * The tender graph read as one aggregated statement gives exactly what TypeORM's joins and entity
 * mapping give: the same entities, properties, types (Date, grosz numbers, arrays) and order
 * (shares created in one transaction follow their ids) —
 * for every tender of the demo data, whatever its stage.
 */
describe('Tender graph', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('equals the graph TypeORM builds from joins, for every tender', async () => {
    const ids = (
      await t.dataSource.query<{ id: string }[]>(`SELECT id FROM tenders ORDER BY reference`)
    ).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    const viaJoins = await t.dataSource
      .getRepository(Tender)
      .createQueryBuilder('t')
      .leftJoinAndSelect('t.lots', 'l')
      .leftJoinAndSelect('l.shares', 's')
      .leftJoinAndSelect('s.organisation', 'o')
      .leftJoinAndSelect('s.approvals', 'a')
      .where('t.id = ANY(:ids)', { ids })
      .orderBy('l.number', 'ASC')
      .addOrderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .addOrderBy('a.decided_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
    const byId = new Map(viaJoins.map((x) => [x.id, x]));
    const graphs = await loadTenderGraphs(t.dataSource.manager, ids);
    expect(graphs.map((g) => g.id)).toEqual(ids);
    let shares = 0;
    for (const graph of graphs) {
      expect(graph).toBeInstanceOf(Tender);
      expect(graph).toEqual(byId.get(graph.id));
      for (const lot of graph.lots) {
        expect(lot).toBeInstanceOf(Lot);
        for (const share of lot.shares) {
          shares += 1;
          expect(share).toBeInstanceOf(Share);
          expect(share.organisation).toBeInstanceOf(Organisation);
          expect(share.createdAt).toBeInstanceOf(Date);
          expect(typeof share.amountNet).toBe('number');
          for (const a of share.approvals) expect(a).toBeInstanceOf(ShareApproval);
        }
      }
    }
    expect(shares).toBeGreaterThan(0);
  });

  it('reads one tender with its participants in one statement, as the two separate reads do', async () => {
    const tenders = await t.dataSource.query<{ id: string; partnership_id: string }[]>(
      `SELECT id, partnership_id FROM tenders ORDER BY reference`,
    );
    const expected = await participantsOf(
      t.dataSource.manager,
      tenders.map((x) => ({ id: x.id, partnershipId: x.partnership_id })),
    );
    let participants = 0;
    for (const { id } of tenders) {
      const one = await loadTenderGraphWithParticipants(t.dataSource.manager, id);
      expect(one?.tender).toEqual((await loadTenderGraphs(t.dataSource.manager, [id]))[0]);
      expect([...(one?.participants ?? [])].sort()).toEqual([...(expected.get(id) ?? [])].sort());
      participants += one?.participants.length ?? 0;
    }
    expect(participants).toBeGreaterThan(tenders.length);
    expect(
      await loadTenderGraphWithParticipants(
        t.dataSource.manager,
        '00000000-0000-4000-8000-000000000000',
      ),
    ).toBeNull();
  });
});

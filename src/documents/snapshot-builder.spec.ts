import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDocument } from './render/render-document';
import { DOCUMENT_KINDS, isPerPartnerKind } from './document-kinds';
import { DEMO_SETTLEMENT } from './render/fixtures';
import {
  SnapshotInput,
  SourceOrganisation,
  SourceTender,
  buildSnapshot,
  snapshotDeadlines,
} from './snapshot-builder';
import type { PowerOfAttorneySnapshot, ProtocolSnapshot } from './render/snapshot.types';

const org = (
  id: string,
  name: string,
  over: Partial<SourceOrganisation> = {},
): SourceOrganisation => ({
  id,
  name,
  kind: 'GMINA_WIEJSKA',
  nip: '9991002027',
  regon: '991002022',
  teryt: '1206032',
  addressStreet: 'Rynek 1',
  addressPostalCode: '32-050',
  addressCity: name.replace('Gmina ', ''),
  headTitle: `Wójt ${name.replace('Gmina', 'Gminy')}`,
  headName: 'Jan Kowalski',
  treasurerName: 'Anna Nowak',
  ...over,
});

const SKAWINA = org('00000000-0000-4000-8000-000000000001', 'Gmina Skawina', {
  kind: 'GMINA_MIEJSKO_WIEJSKA',
  headTitle: 'Burmistrz Miasta i Gminy Skawina',
  headName: 'Tomasz Wierzbicki',
});
const SWIATNIKI = org('00000000-0000-4000-8000-000000000002', 'Gmina Świątniki Górne');
const CZERNICHOW = org('00000000-0000-4000-8000-000000000003', 'Gmina Czernichów');
const LISZKI = org('00000000-0000-4000-8000-000000000004', 'Gmina Liszki');

const approval = (step: 'COORDINATOR' | 'TREASURER' | 'HEAD', userName: string, day: number) => ({
  step,
  decision: 'APPROVED' as const,
  userName,
  comment: null,
  amountNet: 0,
  decidedAt: new Date(Date.UTC(2026, 10, day, 10)),
  void: false,
});

function tender(): SourceTender {
  return {
    id: '00000000-0000-4000-8000-0000000000f1',
    reference: 'ZP.271.1.2026',
    title: 'Przebudowa dróg gminnych',
    subjectKind: 'WORKS',
    cpvMain: '45233140-2',
    cpvAdditional: ['45233142-6'],
    cpvNamesPl: { '45233140-2': 'Roboty drogowe', '45233142-6': 'Roboty w zakresie naprawy dróg' },
    procedure: 'BASIC',
    settlementModel: 'SEPARATE_CONTRACTS',
    regime: 'NATIONAL',
    valueNet: 30_000_000,
    valueGross: 36_900_000,
    leaderOrganisationId: SKAWINA.id,
    ocid: null,
    shareDeadline: new Date('2026-12-18T14:00:00Z'),
    plannedStartOn: '2027-01-11',
    publishedOn: null,
    lots: [
      {
        id: 'lot-2',
        number: 2,
        title: 'Część 2: drogi południowe',
        vatRate: 23,
        shares: [
          {
            id: 's3',
            organisationId: LISZKI.id,
            amountNet: 5_000_000,
            status: 'WITHDRAWN',
            budgetClassification: null,
            wpfReference: null,
          },
        ],
      },
      {
        id: 'lot-1',
        number: 1,
        title: 'Część 1: drogi zachodnie',
        vatRate: 23,
        shares: [
          {
            id: 's1',
            organisationId: SWIATNIKI.id,
            amountNet: 20_000_000,
            status: 'CONFIRMED',
            budgetClassification: '600/60016/4270',
            wpfReference: null,
            approvals: [
              approval('HEAD', 'Jan Kowalski', 12),
              approval('COORDINATOR', 'Zofia Żak', 10),
              approval('TREASURER', 'Anna Nowak', 11),
            ],
          },
          {
            id: 's2',
            organisationId: CZERNICHOW.id,
            amountNet: 10_000_000,
            status: 'CONFIRMED',
            budgetClassification: '600/60016/6050',
            wpfReference: 'WPF poz. 1.3',
            approvals: [approval('HEAD', 'Ktoś Inny', 20)],
          },
        ],
      },
    ],
  };
}

function input(over: Partial<SnapshotInput> = {}): SnapshotInput {
  return {
    kind: 'AGREEMENT',
    organisationId: null,
    generatedAt: new Date('2026-11-26T09:00:00Z'),
    tender: tender(),
    partnership: {
      name: 'Razem Blisko Krakowa',
      agreementReference: 'RBK.1',
      agreementSignedOn: '2026-01-15',
    },
    organisations: [SKAWINA, SWIATNIKI, CZERNICHOW, LISZKI],
    deadlines: [],
    events: [],
    estimation: {
      eurRate: '4.31',
      nationalThresholdNet: 17_000_000,
      euThresholdNet: 2_329_124_000,
    },
    grossFromNet: (net, rate) => net + Math.round((net * rate) / 100),
    ...over,
  };
}

function ok(result: ReturnType<typeof buildSnapshot>) {
  if (!result.ok) throw new Error(result.missing.join('; '));
  return result.snapshot;
}

describe('buildSnapshot', () => {
  it('makes the leader the first party and orders partners alphabetically in Polish', () => {
    const s = ok(buildSnapshot(input()));
    expect(s.parties.map((p) => p.name)).toEqual([
      'Gmina Skawina',
      'Gmina Czernichów',
      'Gmina Świątniki Górne',
    ]);
  });

  it('leaves out an organisation whose shares were all withdrawn, and orders lots by number', () => {
    const s = ok(buildSnapshot(input()));
    expect(s.parties.some((p) => p.name === 'Gmina Liszki')).toBe(false);
    expect(s.lots.map((l) => l.number)).toEqual([1, 2]);
    expect(s.lots[1].shares).toEqual([]);
  });

  it('prints the approval trail in time order with Polish roles and the head title of the head', () => {
    const s = ok(buildSnapshot(input()));
    const share = s.lots[0].shares[0];
    expect(share.approvals.map((a) => [a.step, a.decision, a.role])).toEqual([
      ['COORDINATOR', 'APPROVE', 'koordynator gminny – Gmina Świątniki Górne'],
      ['TREASURER', 'APPROVE', 'skarbnik – Gmina Świątniki Górne'],
      ['HEAD', 'APPROVE', 'Wójt Gminy Świątniki Górne'],
    ]);
    // Someone else than the registered head signed: named by function, not by the head's title.
    expect(s.lots[0].shares[1].approvals[0].role).toBe('kierownik jednostki – Gmina Czernichów');
    expect(share.amountGross).toBe(24_600_000);
  });

  it('names the CPV codes by the Polish names the officer gave, never by the English list', () => {
    const s = ok(buildSnapshot(input({ kind: 'AGREEMENT' })));
    expect(s.tender.cpvMain).toEqual({ code: '45233140-2', label: 'Roboty drogowe' });
    expect(s.tender.cpvAdditional).toEqual([
      { code: '45233142-6', label: 'Roboty w zakresie naprawy dróg' },
    ]);
  });

  it('refuses the agreement while a CPV code has no Polish name; the protocol prints the code alone', () => {
    const unnamed = { ...tender(), cpvNamesPl: { '45233140-2': 'Roboty drogowe' } };
    expect(buildSnapshot(input({ kind: 'AGREEMENT', tender: unnamed }))).toEqual({
      ok: false,
      missing: [expect.stringMatching(/Polish name of CPV code\(s\) 45233142-6 is missing/)],
    });
    const protocol = ok(buildSnapshot(input({ kind: 'PROTOCOL', tender: unnamed })));
    expect(protocol.tender.cpvAdditional).toEqual([{ code: '45233142-6', label: '' }]);
  });

  it('dates the value estimation on the last head signature and maps the regime', () => {
    const s = ok(buildSnapshot(input()));
    expect(s.tender.valueEstimation).toEqual(
      expect.objectContaining({ estimatedOn: '2026-11-20', eurRate: '4.31' }),
    );
    expect(s.tender.regime).toBe('NATIONAL');
    expect(
      ok(buildSnapshot(input({ tender: { ...tender(), regime: 'OUTSIDE_ACT' } }))).tender.regime,
    ).toBe('OUTSIDE_ACT');
  });

  it('names the partner of a per-partner document and refuses one that is not a party', () => {
    const poa = ok(
      buildSnapshot(input({ kind: 'POWER_OF_ATTORNEY', organisationId: CZERNICHOW.id })),
    ) as PowerOfAttorneySnapshot;
    expect(poa.forOrganisationId).toBe(CZERNICHOW.id);
    const refused = buildSnapshot(input({ kind: 'SHARE_CONFIRMATION', organisationId: LISZKI.id }));
    expect(refused).toEqual({
      ok: false,
      missing: [expect.stringMatching(/not a party of the tender/)],
    });
  });

  it('lists the fields a party still lacks instead of printing blanks', () => {
    const result = buildSnapshot(
      input({
        organisations: [SKAWINA, { ...SWIATNIKI, headName: null, treasurerName: ' ' }, CZERNICHOW],
      }),
    );
    expect(result).toEqual({
      ok: false,
      missing: ['Gmina Świątniki Górne: headName, treasurerName'],
    });
  });

  it('adds the tender’s own dates when the schedule has none of that kind', () => {
    const fromTender = snapshotDeadlines(tender(), []);
    expect(fromTender.map((d) => [d.kind, d.dueAt])).toEqual([
      ['SHARE_CONFIRMATION', '2026-12-18T14:00:00.000Z'],
      ['NOTICE_PUBLICATION', '2027-01-11'],
    ]);
    const scheduled = snapshotDeadlines(tender(), [
      {
        kind: 'SHARE_CONFIRMATION',
        title: 'Potwierdzenie udziałów partnerów',
        dueAt: '2026-12-10T15:00:00+01:00',
        basis: null,
        responsibleOrganisationId: null,
      },
      {
        kind: 'CUSTOM',
        title: 'Posiedzenie komisji',
        dueAt: '2027-01-05T09:00:00+01:00',
        basis: 'regulamin komisji',
        responsibleOrganisationId: SKAWINA.id,
      },
    ]);
    expect(scheduled.map((d) => [d.kind, d.title ?? null, d.basis])).toEqual([
      ['SHARE_CONFIRMATION', null, 'harmonogram postępowania'],
      ['CUSTOM', 'Posiedzenie komisji', 'regulamin komisji'],
      ['NOTICE_PUBLICATION', null, 'planowany termin wszczęcia'],
    ]);
  });

  it('gives PROTOCOL its events', () => {
    const events = [
      {
        at: '2026-11-01T10:00:00.000Z',
        action: 'tender.created',
        actorName: 'A',
        description: 'Utworzenie',
      },
    ];
    const s = ok(buildSnapshot(input({ kind: 'PROTOCOL', events }))) as ProtocolSnapshot;
    expect(s.events).toEqual(events);
  });

  it("refuses a SETTLEMENT of an organisation without a part in the tender's finance", () => {
    const refused = buildSnapshot(input({ kind: 'SETTLEMENT', organisationId: SWIATNIKI.id }));
    expect(refused).toEqual({
      ok: false,
      missing: [expect.stringContaining(`the settlement of organisation ${SWIATNIKI.id}`)],
    });
    const built = ok(
      buildSnapshot(
        input({ kind: 'SETTLEMENT', organisationId: SWIATNIKI.id, settlement: DEMO_SETTLEMENT }),
      ),
    );
    expect(built).toEqual(
      expect.objectContaining({ forOrganisationId: SWIATNIKI.id, settlement: DEMO_SETTLEMENT }),
    );
  });

  it('prints no offers date before the agreement date while the schedule is not lawful yet (pdftotext)', async () => {
    const due = (kind: string, dueAt: string) => ({
      kind,
      title: null,
      dueAt,
      basis: 'harmonogram postępowania',
      responsibleOrganisationId: null,
    });
    const s = ok(
      buildSnapshot(
        input({
          kind: 'AGREEMENT',
          deadlines: [
            due('SHARE_CONFIRMATION', '2027-01-04T14:00:00.000Z'),
            due('OFFERS', '2027-01-05T09:00:00.000Z'),
            due('AGREEMENT_SIGNING', '2027-01-08'),
            due('NOTICE_PUBLICATION', '2027-01-11'),
          ],
        }),
      ),
    );
    const dir = mkdtempSync(join(tmpdir(), 'wspolnie-schedule-'));
    try {
      const file = join(dir, 'agreement.pdf');
      writeFileSync(file, (await renderDocument('AGREEMENT', s as never)).pdf);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'])
        .toString()
        .replace(/\s+/g, ' ');
      expect(text).toContain('8 stycznia 2027 r.');
      expect(text).not.toContain('5 stycznia 2027 r.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(DOCUMENT_KINDS)('builds a %s snapshot the renderer accepts', async (kind) => {
    const perPartner = isPerPartnerKind(kind);
    const s = ok(
      buildSnapshot(
        input({
          kind,
          organisationId: perPartner ? SWIATNIKI.id : null,
          ...(kind === 'SETTLEMENT' ? { settlement: structuredClone(DEMO_SETTLEMENT) } : {}),
        }),
      ),
    );
    const rendered = await renderDocument(kind, s as never);
    expect(rendered.pages).toBeGreaterThan(0);
    expect(rendered.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

import {
  DEMO_ORG,
  demoAgreementSnapshot,
  demoPowerOfAttorneySnapshot,
  demoProtocolSnapshot,
} from './fixtures';
import type { PowerOfAttorneySnapshot } from './snapshot.types';
import { percentagesBp } from './party-model';
import { SnapshotError } from './snapshot-error';
import { buildDocumentModel } from './view-model';

describe('view-model', () => {
  it('splits 100,00% by the largest remainder so the column adds up exactly', () => {
    expect(percentagesBp([1, 1, 1])).toEqual([3334, 3333, 3333]);
    expect(percentagesBp([2, 1])).toEqual([6667, 3333]);
    expect(percentagesBp([0, 0])).toEqual([0, 0]);
    const big = percentagesBp([218460000, 51234050, 46890000, 43721575, 29876020]);
    expect(big.reduce((a, b) => a + b, 0)).toBe(10000);
  });

  it('puts the leader first and sums shares into the tender value', () => {
    const snapshot = demoAgreementSnapshot();
    snapshot.parties.reverse();
    const view = buildDocumentModel('AGREEMENT', snapshot, {});
    expect(view.parties[0]).toMatchObject({
      name: 'Gmina Skawina',
      isLeader: true,
      roleInstrumental: 'Liderem',
    });
    expect(view.partners).toHaveLength(5);
    expect(view.totals.net).toBe(snapshot.tender.valueNet);
    expect(view.totals.gross).toBe(snapshot.tender.valueGross);
    expect(view.totals.vat).toBe(view.totals.gross - view.totals.net);
    const lotSum = view.lots.reduce((a, l) => a + l.totals.net, 0);
    expect(lotSum).toBe(view.totals.net);
  });

  it('makes every percentage column add up to 100,00%', () => {
    const view = buildDocumentModel('COST_SPLIT', demoAgreementSnapshot(), {});
    const bp = (s: string): number => Number(s.replace('%', '').replace(',', ''));
    for (const lot of view.lots) {
      expect(lot.shares.reduce((a, s) => a + bp(s.percentOfLot), 0)).toBe(10000);
    }
    expect(view.parties.reduce((a, p) => a + bp(p.percentOfTotal), 0)).toBe(10000);
  });

  it('leaves a withdrawn share out of the value but keeps it on the partner', () => {
    const snapshot = demoAgreementSnapshot();
    const share = snapshot.lots[1].shares.find((s) => s.organisationId === DEMO_ORG.POWIAT);
    if (!share) throw new Error('fixture changed');
    share.status = 'WITHDRAWN';
    const view = buildDocumentModel('AGREEMENT', snapshot, {});
    expect(view.totals.net).toBe(snapshot.tender.valueNet - share.amountNet);
    const powiat = view.parties.find((p) => p.id === DEMO_ORG.POWIAT);
    expect(powiat?.hasShares).toBe(false);
    expect(powiat?.shares[0]).toMatchObject({
      withdrawn: true,
      percentOfLot: '—',
      statusLabel: 'wycofany',
    });
    expect(view.payingParties.map((p) => p.id)).not.toContain(DEMO_ORG.POWIAT);
  });

  it('agrees participles with the party: gmina is feminine, powiat masculine', () => {
    const view = buildDocumentModel('AGREEMENT', demoAgreementSnapshot(), {});
    const powiat = view.parties.find((p) => p.id === DEMO_ORG.POWIAT);
    expect(view.leader.pl).toMatchObject({ reprezentowana: 'reprezentowana', zwana: 'zwana' });
    expect(powiat?.pl).toMatchObject({ reprezentowana: 'reprezentowany', zwana: 'zwany' });
    expect(powiat?.representation).toBe(
      'Wojciech Pająk – Starosta Krakowski, Bożena Nowicka – Wicestarosta Krakowski',
    );
  });

  it('confirms a share only with a valid countersignature and head signature', () => {
    const view = buildDocumentModel(
      'SHARE_CONFIRMATION',
      demoPowerOfAttorneySnapshot(DEMO_ORG.LISZKI),
      {},
    );
    const buildings = view.partner?.shares.find((s) => s.lotNumber === 2);
    expect(buildings?.legallyConfirmed).toBe(true);
    expect(buildings?.approvals.filter((a) => a.void).map((a) => a.decisionWithVoid)).toEqual([
      'zatwierdzono – unieważniono',
      'zwrócono do poprawy – unieważniono',
    ]);

    const snapshot = demoAgreementSnapshot();
    const trail = snapshot.lots[0].shares[0].approvals;
    trail.forEach((a) => {
      if (a.step === 'TREASURER') a.void = true;
    });
    const unconfirmed = buildDocumentModel('AGREEMENT', snapshot, {});
    expect(unconfirmed.lots[0].shares[0].legallyConfirmed).toBe(false);
  });

  it('merges audit events and deadlines into one chronology', () => {
    const view = buildDocumentModel('PROTOCOL', demoProtocolSnapshot(), {});
    const times = view.chronology.map((r) => Date.parse(r.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(view.chronology.map((r) => r.ordinal)).toEqual(view.chronology.map((_, i) => i + 1));
    expect(
      view.chronology.find((r) => r.isDeadline && r.what === 'Termin składania ofert'),
    ).toMatchObject({
      atLabel: '25.01.2027 10:00',
      who: 'art. 138 ust. 1 Pzp',
    });
  });

  it('converts the value to euro at the threshold rate', () => {
    const view = buildDocumentModel('PROTOCOL', demoProtocolSnapshot(), {});
    // 10 285 615,75 zł / 4,31 = 2 386 453,77 euro
    expect(view.estimation?.valueEurLabel).toBe('2 386 453,77 euro');
    expect(view.estimation?.eurRateLabel).toBe('4,31 zł');
  });

  it('refuses a snapshot that does not fit the document', () => {
    const snapshot = demoPowerOfAttorneySnapshot();
    expect(() =>
      buildDocumentModel('POWER_OF_ATTORNEY', { ...snapshot, forOrganisationId: 'nobody' }, {}),
    ).toThrow(SnapshotError);
    const { forOrganisationId: _omit, ...withoutPartner } = snapshot;
    expect(() =>
      buildDocumentModel(
        'POWER_OF_ATTORNEY',
        withoutPartner as unknown as PowerOfAttorneySnapshot,
        {},
      ),
    ).toThrow('needs forOrganisationId');
    expect(() => buildDocumentModel('PROTOCOL', demoAgreementSnapshot(), {})).toThrow(
      'needs events',
    );
    const orphan = demoAgreementSnapshot();
    orphan.lots[0].shares[0].organisationId = 'ghost';
    expect(() => buildDocumentModel('AGREEMENT', orphan, {})).toThrow('unknown organisation ghost');
  });
});

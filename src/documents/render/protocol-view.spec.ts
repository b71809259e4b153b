import { DEMO_PROCEDURE } from './fixtures';
import { buildProtocolView, EMPTY_PROCEDURE, points } from './protocol-view';

describe('the procedure part of the protocol', () => {
  const view = buildProtocolView(structuredClone(DEMO_PROCEDURE));
  const [lot1, lot2] = view.lots;

  it('prints the notice, the committee with the art. 56 statements and the excluded member', () => {
    expect(view.contractNotice).toEqual({
      mediumLabel: 'w Dzienniku Urzędowym Unii Europejskiej',
      number: '2026/S 212-645321',
      publishedLabel: '2 listopada 2026 r., godz. 10:00',
    });
    expect(view.committee).toEqual({
      orderNumber: '0050.112.2026',
      orderDateLabel: '28 października 2026 r.',
    });
    expect(view.members.map((m) => [m.functionLabel, m.excludedLabel])).toEqual([
      ['Kierownik zamawiającego', '—'],
      ['Przewodniczący komisji', '—'],
      ['Sekretarz komisji', '—'],
      ['Członek komisji', '—'],
      ['Członek komisji', 'wyłączony z postępowania (art. 56 ust. 1 ustawy Pzp)'],
    ]);
  });

  it('lists every offer with its prices, the rejection with its basis, and the scores by place', () => {
    expect(lot1.offers.map((o) => [o.number, o.priceNet, o.priceGross])).toEqual([
      [1, '950 000,00', '1 168 500,00'],
      [2, '990 000,00', '1 217 700,00'],
      [3, '900 000,00', '1 107 000,00'],
    ]);
    expect(lot1.rejected).toEqual([
      expect.objectContaining({ number: 3, basis: 'art. 226 ust. 1 pkt 5 ustawy Pzp' }),
    ]);
    expect(lot1.scored.map((s) => [s.place, s.number, s.scores, s.total])).toEqual([
      [1, 1, '60,00 / 40,00', '100,00'],
      [2, 2, '57,58 / 28,00', '85,58'],
    ]);
    expect(lot1.criteria[0].formula).toBe('cena najniższa ÷ cena oferty badanej × 60 pkt');
  });

  it('says which offer won lot 1 and on what basis lot 2 was cancelled', () => {
    expect(lot1).toEqual(
      expect.objectContaining({
        awarded: true,
        cancelled: false,
        approvedByName: 'Norbert Rzepisko',
      }),
    );
    expect(lot1.selected?.priceGrossLabel).toMatch(/^1 168 500,00 zł \(słownie: milion sto/);
    expect(lot2).toEqual(
      expect.objectContaining({
        awarded: false,
        cancelled: true,
        cancelBasis: 'art. 255 pkt 3 ustawy Pzp',
        selected: null,
      }),
    );
    expect(lot2.appeals[0].outcomeLabel).toBe('oddalone (8 stycznia 2027 r.)');
    expect(view.hasAppeals).toBe(true);
    expect(view.hasContracts).toBe(false);
  });

  it('has nothing to print before publication, so each section says it does not apply', () => {
    const empty = buildProtocolView(EMPTY_PROCEDURE);
    expect(empty).toEqual(
      expect.objectContaining({
        contractNotice: null,
        committee: null,
        openedLabel: null,
        lots: [],
        hasAppeals: false,
      }),
    );
  });

  it('writes points with a decimal comma and two decimals', () => {
    expect([points(0), points(5), points(8558), points(10000)]).toEqual([
      '0,00',
      '0,05',
      '85,58',
      '100,00',
    ]);
  });
});

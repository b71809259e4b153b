import fc from 'fast-check';
import { parseAmount } from '../../common/money';
import { computeRegime, type Regime } from './regime';
import {
  THRESHOLDS,
  thresholdsOn,
  ThresholdsNotDefinedError,
  type SubjectKind,
} from './thresholds';

const pln = parseAmount;
const KINDS: readonly SubjectKind[] = ['SUPPLIES', 'SERVICES', 'WORKS'];

describe('computeRegime', () => {
  describe('national threshold', () => {
    it.each<[string, string, Regime]>([
      ['169999.99', '2026-01-01', 'OUTSIDE_ACT'],
      ['170000.00', '2026-01-01', 'NATIONAL'],
      ['129999.99', '2025-06-30', 'OUTSIDE_ACT'],
      ['130000.00', '2025-06-30', 'NATIONAL'],
      ['0.00', '2026-05-01', 'OUTSIDE_ACT'],
    ])('%s zł net on %s is %s', (value, on, regime) => {
      expect(computeRegime(pln(value), 'SUPPLIES', on).regime).toBe(regime);
    });

    it('keeps 130 000 zł for a procedure started on 31 December 2025 and 170 000 zł from 1 January 2026', () => {
      const value = pln('150000.00');
      expect(computeRegime(value, 'SERVICES', '2025-12-31')).toMatchObject({
        regime: 'NATIONAL',
        thresholdNet: pln('130000.00'),
        thresholdsValidFrom: '2024-01-01',
      });
      expect(computeRegime(value, 'SERVICES', '2026-01-01')).toMatchObject({
        regime: 'OUTSIDE_ACT',
        thresholdNet: pln('170000.00'),
        thresholdsValidFrom: '2026-01-01',
      });
    });
  });

  describe('EU threshold', () => {
    it.each<[SubjectKind, string, string, Regime]>([
      ['SUPPLIES', '930959.99', '2026-03-02', 'NATIONAL'],
      ['SUPPLIES', '930960.00', '2026-03-02', 'EU'],
      ['SERVICES', '930959.99', '2026-03-02', 'NATIONAL'],
      ['SERVICES', '930960.00', '2026-03-02', 'EU'],
      ['WORKS', '23291239.99', '2026-03-02', 'NATIONAL'],
      ['WORKS', '23291240.00', '2026-03-02', 'EU'],
      ['WORKS', '930960.00', '2026-03-02', 'NATIONAL'],
      ['SUPPLIES', '1024798.99', '2025-03-03', 'NATIONAL'],
      ['SUPPLIES', '1024799.00', '2025-03-03', 'EU'],
      ['SUPPLIES', '1000000.00', '2025-03-03', 'NATIONAL'],
      ['SUPPLIES', '1000000.00', '2026-03-03', 'EU'],
      ['WORKS', '25680259.99', '2025-03-03', 'NATIONAL'],
      ['WORKS', '25680260.00', '2025-03-03', 'EU'],
    ])('%s worth %s zł net on %s is %s', (kind, value, on, regime) => {
      expect(computeRegime(pln(value), kind, on).regime).toBe(regime);
    });
  });

  it('returns both thresholds and the one that decided', () => {
    expect(computeRegime(pln('100000.00'), 'WORKS', '2026-02-01')).toMatchObject({
      regime: 'OUTSIDE_ACT',
      nationalThresholdNet: pln('170000.00'),
      euThresholdNet: pln('23291240.00'),
      thresholdNet: pln('170000.00'),
    });
    expect(computeRegime(pln('500000.00'), 'WORKS', '2026-02-01')).toMatchObject({
      regime: 'NATIONAL',
      thresholdNet: pln('170000.00'),
    });
    expect(computeRegime(pln('30000000.00'), 'WORKS', '2026-02-01')).toMatchObject({
      regime: 'EU',
      nationalThresholdNet: pln('170000.00'),
      euThresholdNet: pln('23291240.00'),
      thresholdNet: pln('23291240.00'),
    });
  });

  it('explains the decision in Polish, citing the rule and the amounts', () => {
    const outside = computeRegime(pln('169999.99'), 'SUPPLIES', '2026-01-15').basis;
    expect(outside).toContain('169 999,99 zł netto jest niższa niż próg stosowania ustawy');
    expect(outside).toContain('170 000,00 zł');
    expect(outside).toContain('art. 2 ust. 1 pkt 1 Pzp');
    expect(outside).toContain('Przepisów ustawy Pzp nie stosuje się');

    const national = computeRegime(pln('500000.00'), 'SERVICES', '2026-01-15').basis;
    expect(national).toContain('próg unijny dla zamówień na usługi: 930 960,00 zł netto');
    expect(national).toContain('216 000 euro');
    expect(national).toContain('Biuletynie Zamówień Publicznych');

    const eu = computeRegime(pln('23291240.00'), 'WORKS', '2026-01-15').basis;
    expect(eu).toContain('23 291 240,00 zł netto nie jest niższa niż próg unijny');
    expect(eu).toContain('roboty budowlane');
    expect(eu).toContain('5 404 000 euro');
    expect(eu).toContain('art. 3 ust. 1 Pzp');
    expect(eu).toContain('Dzienniku Urzędowym Unii Europejskiej');
  });

  it('refuses a date before the first threshold row with a clear error', () => {
    expect(() => computeRegime(pln('100.00'), 'WORKS', '2023-12-31')).toThrow(
      ThresholdsNotDefinedError,
    );
    expect(() => computeRegime(pln('100.00'), 'WORKS', '2023-12-31')).toThrow(
      'No procurement thresholds are defined for 2023-12-31; threshold data covers 2024-01-01 onwards',
    );
  });

  it.each(['2026-02-30', '2026-1-1', '01.01.2026', '', '2026-01-01T00:00:00Z', '2026-13-01'])(
    'refuses the malformed date %j',
    (on) => {
      expect(() => computeRegime(100, 'WORKS', on)).toThrow(RangeError);
    },
  );

  it('refuses a negative, fractional or unsafe value and an unknown subject kind', () => {
    expect(() => computeRegime(-1, 'WORKS', '2026-01-01')).toThrow(RangeError);
    expect(() => computeRegime(100.5, 'WORKS', '2026-01-01')).toThrow(RangeError);
    expect(() => computeRegime(Number.MAX_SAFE_INTEGER + 1, 'WORKS', '2026-01-01')).toThrow(
      RangeError,
    );
    expect(() => computeRegime(100, 'CONCESSION' as SubjectKind, '2026-01-01')).toThrow(
      /Unknown subject kind/,
    );
  });

  it('never lowers the regime when the value grows (a partner joins)', () => {
    const rank: Record<Regime, number> = { OUTSIDE_ACT: 0, NATIONAL: 1, EU: 2 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.constantFrom(...KINDS),
        fc.constantFrom('2024-01-01', '2025-12-31', '2026-01-01', '2030-06-15'),
        (a, b, kind, on) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const lowDecision = computeRegime(low, kind, on);
          const highDecision = computeRegime(high, kind, on);
          expect(rank[highDecision.regime]).toBeGreaterThanOrEqual(rank[lowDecision.regime]);
          // The decision always agrees with the thresholds it reports.
          const expected: Regime =
            high >= highDecision.euThresholdNet
              ? 'EU'
              : high >= highDecision.nationalThresholdNet
                ? 'NATIONAL'
                : 'OUTSIDE_ACT';
          expect(highDecision.regime).toBe(expected);
        },
      ),
    );
  });
});

describe('threshold data', () => {
  const nextDay = (iso: string): string => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };

  it('has rows in date order, each starting the day after the previous ends, only the last open', () => {
    THRESHOLDS.forEach((row, i) => {
      const next = THRESHOLDS[i + 1];
      if (next === undefined) return;
      expect(row.validTo).not.toBeNull();
      expect(next.validFrom).toBe(nextDay(row.validTo as string));
    });
    for (const row of THRESHOLDS) {
      if (row.validTo !== null) expect(row.validFrom <= row.validTo).toBe(true);
    }
  });

  it('matches DOMAIN.md', () => {
    expect(thresholdsOn('2025-12-31')).toMatchObject({
      national: { net: pln('130000') },
      plnPerEur: { rate: '4.6371' },
      eu: {
        WORKS: { eur: 5_538_000, net: pln('25680260') },
        SUPPLIES: { eur: 221_000, net: pln('1024799') },
        SERVICES: { eur: 221_000, net: pln('1024799') },
      },
    });
    expect(thresholdsOn('2026-01-01')).toMatchObject({
      national: { net: pln('170000') },
      plnPerEur: { rate: '4.31' },
      eu: {
        WORKS: { eur: 5_404_000, net: pln('23291240') },
        SUPPLIES: { eur: 216_000, net: pln('930960') },
        SERVICES: { eur: 216_000, net: pln('930960') },
      },
    });
  });

  it('has each PLN equivalent equal to the euro amount times the rate, rounded to the złoty', () => {
    for (const row of THRESHOLDS) {
      const [whole, fraction = ''] = row.plnPerEur.rate.split('.');
      const scale = 10n ** BigInt(fraction.length);
      const rate = BigInt(whole + fraction);
      for (const kind of KINDS) {
        const { eur, net } = row.eu[kind];
        const product = BigInt(eur) * rate;
        const zloty = product / scale + ((product % scale) * 2n >= scale ? 1n : 0n);
        expect({ kind, from: row.validFrom, grosz: BigInt(net) }).toEqual({
          kind,
          from: row.validFrom,
          grosz: zloty * 100n,
        });
      }
    }
  });

  it('has the national threshold below every EU threshold and a legal basis on every row', () => {
    for (const row of THRESHOLDS) {
      expect(row.national.basis).toMatch(/Pzp/);
      expect(row.plnPerEur.basis).not.toHaveLength(0);
      for (const kind of KINDS) {
        expect(row.national.net).toBeLessThan(row.eu[kind].net);
        expect(row.eu[kind].basis).toMatch(/Pzp/);
      }
    }
  });
});

import { checkCriteria, formatPoints, rankOffers, scoreOffers, type Criterion } from './scoring';

const PRICE_60: Criterion = {
  key: 'price',
  name: 'Cena',
  kind: 'PRICE',
  weight: 60,
  direction: 'LOWER_BETTER',
};
const WARRANTY_40: Criterion = {
  key: 'warranty',
  name: 'Okres gwarancji',
  kind: 'OTHER',
  weight: 40,
  direction: 'HIGHER_BETTER',
};
const zl = (x: number) => Math.round(x * 100);

describe('criteria of a lot', () => {
  it('accepts price 60 and warranty 40', () => {
    expect(
      checkCriteria({ criteria: [PRICE_60, WARRANTY_40], qualityStandardsDescribed: false }),
    ).toEqual([]);
  });

  it('needs weights summing to 100 and exactly one price criterion', () => {
    const rules = checkCriteria({
      criteria: [{ ...WARRANTY_40, weight: 50 }],
      qualityStandardsDescribed: false,
    }).map((v) => v.rule);
    expect(rules).toEqual(['onePriceCriterion', 'weightsSum100']);
  });

  it('lets price weigh more than 60 only with quality standards described (art. 246 ust. 2)', () => {
    const onlyPrice = {
      criteria: [{ ...PRICE_60, weight: 100 }],
      qualityStandardsDescribed: false,
    };
    expect(checkCriteria(onlyPrice).map((v) => v.rule)).toEqual(['priceWeightArt246']);
    expect(checkCriteria({ ...onlyPrice, qualityStandardsDescribed: true })).toEqual([]);
  });

  it('refuses duplicate keys, fractional weights and a price scored higher-better', () => {
    const rules = checkCriteria({
      criteria: [
        { ...PRICE_60, direction: 'HIGHER_BETTER' },
        { ...WARRANTY_40, key: 'price', weight: 39.5 },
      ],
      qualityStandardsDescribed: false,
    }).map((v) => v.rule);
    expect(rules).toEqual(
      expect.arrayContaining(['unique', 'weightRange', 'priceLowerBetter', 'weightsSum100']),
    );
  });
});

describe('points of the offers', () => {
  it('gives the lowest price full points and the others lowest ÷ price × weight, rounded to 0,01', () => {
    const scores = scoreOffers(
      [PRICE_60, WARRANTY_40],
      [
        { id: 'a', priceGross: zl(1_000_000), values: { warranty: 36 } },
        { id: 'b', priceGross: zl(1_200_000), values: { warranty: 60 } },
        { id: 'c', priceGross: zl(1_100_000), values: { warranty: 48 } },
      ],
    );
    // a: 60 + 36/60×40 = 60 + 24; b: 1 000 000/1 200 000×60 = 50 + 40; c: 54,545… → 54,55 + 32.
    expect(scores.map((s) => [s.offerId, s.scores.map((x) => x.points), s.total])).toEqual([
      ['a', [6000, 2400], 8400],
      ['b', [5000, 4000], 9000],
      ['c', [5455, 3200], 8655],
    ]);
    expect(formatPoints(8655)).toBe('86,55');
  });

  it('rounds half up and stays exact for prices in the billions of grosz', () => {
    const [, second] = scoreOffers(
      [{ ...PRICE_60, weight: 100 }],
      [
        { id: 'low', priceGross: 999_999_999_99, values: {} },
        { id: 'high', priceGross: 1_333_333_333_32, values: {} },
      ],
    );
    // 99 999 999 999 / 133 333 333 332 × 100 = 75,0000000…  → 75,00
    expect(second.total).toBe(7500);
    const [, half] = scoreOffers(
      [{ ...PRICE_60, weight: 100 }],
      [
        { id: 'x', priceGross: 1, values: {} },
        { id: 'y', priceGross: 8, values: {} },
      ],
    );
    // 1/8 × 100 = 12,5 points = 1250 hundredths exactly; 1/1600 of a point rounds up to the next.
    expect(half.total).toBe(1250);
  });

  it('scores a lower-better criterion (e.g. days to deliver) as best ÷ value × weight', () => {
    const delivery: Criterion = {
      key: 'days',
      name: 'Termin dostawy',
      kind: 'OTHER',
      weight: 30,
      direction: 'LOWER_BETTER',
    };
    const scores = scoreOffers(
      [{ ...PRICE_60, weight: 70 }, delivery],
      [
        { id: 'a', priceGross: 100, values: { days: 14 } },
        { id: 'b', priceGross: 100, values: { days: 21 } },
      ],
    );
    expect(scores.map((s) => s.scores[1].points)).toEqual([3000, 2000]);
  });
});

describe('ranking', () => {
  it('proposes the offer with the most points', () => {
    const r = rankOffers(
      [PRICE_60, WARRANTY_40],
      [
        { id: 'a', priceGross: zl(1_000_000), values: { warranty: 36 } },
        { id: 'b', priceGross: zl(1_200_000), values: { warranty: 60 } },
      ],
    );
    expect(r.bestOfferId).toBe('b');
    expect(r.ranked.map((x) => [x.offerId, x.place])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    expect(r.tie).toBe('NONE');
  });

  it('breaks a tie in points by the lower price (art. 248 ust. 1)', () => {
    const r = rankOffers(
      [PRICE_60, WARRANTY_40],
      [
        // a: 60 + 45/60×40 = 90; b: 1000/1200×60 = 50 + 40 = 90 — same points, a is cheaper.
        { id: 'b', priceGross: zl(1200), values: { warranty: 60 } },
        { id: 'a', priceGross: zl(1000), values: { warranty: 45 } },
      ],
    );
    expect(r.ranked.map((x) => x.total)).toEqual([9000, 9000]);
    expect(r).toEqual(expect.objectContaining({ bestOfferId: 'a', tie: 'LOWER_PRICE' }));
  });

  it('proposes nothing when points and price both tie (additional offers, art. 248 ust. 3)', () => {
    const r = rankOffers(
      [{ ...PRICE_60, weight: 100 }],
      [
        { id: 'a', priceGross: 500, values: {} },
        { id: 'b', priceGross: 500, values: {} },
      ],
    );
    expect(r).toEqual(expect.objectContaining({ bestOfferId: null, tie: 'TIE' }));
    expect(r.ranked.map((x) => x.place)).toEqual([1, 1]);
  });

  it('has no best offer without valid offers', () => {
    expect(rankOffers([PRICE_60, WARRANTY_40], [])).toEqual({
      ranked: [],
      bestOfferId: null,
      tie: 'NONE',
    });
  });
});

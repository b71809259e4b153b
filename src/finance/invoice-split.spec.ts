import fc from 'fast-check';
import { splitLargestRemainder } from '../common/money';
import { splitInvoice } from './invoice-split';

/** |part − total·w/W| < 1 grosz, exactly, in integers: |part·W − total·w| < W. */
function withinOneGrosz(part: number, total: number, w: number, W: number): boolean {
  const diff = BigInt(part) * BigInt(W) - BigInt(total) * BigInt(w);
  return (diff < 0n ? -diff : diff) < BigInt(W);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const invoice = fc.record({
  net: fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 10_000_000_000 })),
  vat: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 2_300_000_000 })),
});
const shares = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 500_000_000_000 })), {
    minLength: 1,
    maxLength: 12,
  })
  .filter((ws) => ws.some((w) => w > 0));

describe('splitInvoice', () => {
  it('adds every column up to the invoice to the grosz, each part within 1 grosz of its exact share', () => {
    fc.assert(
      fc.property(invoice, shares, ({ net, vat }, weights) => {
        const parts = splitInvoice({ net, vat }, weights);
        const W = sum(weights);
        return (
          parts.length === weights.length &&
          sum(parts.map((p) => p.net)) === net &&
          sum(parts.map((p) => p.vat)) === vat &&
          sum(parts.map((p) => p.gross)) === net + vat &&
          parts.every(
            (p, i) =>
              p.gross === p.net + p.vat &&
              Math.min(p.net, p.vat, p.gross) >= 0 &&
              withinOneGrosz(p.net, net, weights[i], W) &&
              withinOneGrosz(p.vat, vat, weights[i], W) &&
              withinOneGrosz(p.gross, net + vat, weights[i], W),
          )
        );
      }),
      { numRuns: 20000 },
    );
  });

  it('gives nothing to a zero weight and never rounds an exact share', () => {
    fc.assert(
      fc.property(invoice, shares, ({ net, vat }, weights) => {
        const parts = splitInvoice({ net, vat }, weights);
        const W = sum(weights);
        parts.forEach((p, i) => {
          if (weights[i] === 0) expect(p).toEqual({ net: 0, vat: 0, gross: 0 });
          if ((BigInt(net) * BigInt(weights[i])) % BigInt(W) === 0n)
            expect(p.net * W).toBe(net * weights[i]);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('is the largest-remainder split of every column when that is consistent', () => {
    fc.assert(
      fc.property(invoice, shares, ({ net, vat }, weights) => {
        const lrNet = splitLargestRemainder(net, weights);
        const lrVat = splitLargestRemainder(vat, weights);
        const lrGross = splitLargestRemainder(net + vat, weights);
        fc.pre(lrNet.every((n, i) => n + lrVat[i] === lrGross[i]));
        expect(splitInvoice({ net, vat }, weights)).toEqual(
          lrNet.map((n, i) => ({ net: n, vat: lrVat[i], gross: lrGross[i] })),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps each row consistent where independent largest-remainder splits would not', () => {
    // Net, VAT and gross split independently: partner 0 would get 2.22 + 0.12 ≠ 2.35 gross.
    const weights = [16, 10, 10, 15, 9];
    const amounts = { net: 98510, vat: 280 };
    const lrNet = splitLargestRemainder(amounts.net, weights);
    const lrVat = splitLargestRemainder(amounts.vat, weights);
    const lrGross = splitLargestRemainder(amounts.net + amounts.vat, weights);
    expect(lrNet.some((n, i) => n + lrVat[i] !== lrGross[i])).toBe(true);

    const parts = splitInvoice(amounts, weights);
    expect(parts.every((p) => p.net + p.vat === p.gross)).toBe(true);
    expect(sum(parts.map((p) => p.gross))).toBe(98790);
    // The gross column is still the largest-remainder split of the gross here.
    expect(parts.map((p) => p.gross)).toEqual(lrGross);
  });

  it('finds a consistent rounding where the gross largest-remainder split admits none', () => {
    // The gross split 154/145/48/154/48/154 needs three partners to take a grosz in both net and
    // VAT, but only two net grosz are left over: the gross column must deviate from it.
    const weights = [19, 18, 6, 19, 6, 19];
    const parts = splitInvoice({ net: 667, vat: 36 }, weights);
    expect(sum(parts.map((p) => p.net))).toBe(667);
    expect(sum(parts.map((p) => p.vat))).toBe(36);
    parts.forEach((p, i) => {
      expect(withinOneGrosz(p.gross, 703, weights[i], 87)).toBe(true);
      expect(p.gross).toBe(p.net + p.vat);
    });
  });

  it('splits the demo lot of three municipalities', () => {
    // Skawina 1 200 000, Czernichów 450 000, Liszki 385 000 (net shares of lot 1); an invoice of
    // 100 000.00 + 23 000.00. Exact shares: net 58 968.0589 / 22 113.0221 / 18 918.9189, VAT
    // 13 562.6536 / 5 085.9951 / 4 351.3514, gross 72 530.7125 / 27 199.0172 / 23 270.2703.
    const parts = splitInvoice(
      { net: 100_000_00, vat: 23_000_00 },
      [120_000_000, 45_000_000, 38_500_000],
    );
    expect(parts).toEqual([
      { net: 5_896_806, vat: 1_356_265, gross: 7_253_071 },
      { net: 2_211_302, vat: 508_600, gross: 2_719_902 },
      { net: 1_891_892, vat: 435_135, gross: 2_327_027 },
    ]);
  });

  it('refuses negative amounts and an invoice with nobody to pay it', () => {
    expect(() => splitInvoice({ net: -1, vat: 0 }, [1])).toThrow(RangeError);
    expect(() => splitInvoice({ net: 1.5, vat: 0 }, [1])).toThrow(RangeError);
    expect(() => splitInvoice({ net: 1, vat: 0 }, [-1, 2])).toThrow(RangeError);
    expect(() => splitInvoice({ net: 100, vat: 23 }, [0, 0])).toThrow(RangeError);
    expect(splitInvoice({ net: 0, vat: 0 }, [0, 0])).toEqual([
      { net: 0, vat: 0, gross: 0 },
      { net: 0, vat: 0, gross: 0 },
    ]);
  });
});

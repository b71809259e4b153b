import fc from 'fast-check';
import { splitCorrection } from './invoice-correction-split';
import { splitInvoice } from './invoice-split';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** |part − total·w/W| < k grosz, in integers. */
function within(k: number, part: number, total: number, w: number, W: number): boolean {
  const diff = BigInt(part) * BigInt(W) - BigInt(total) * BigInt(w);
  return (diff < 0n ? -diff : diff) < BigInt(k) * BigInt(W);
}

const amounts = fc.record({
  net: fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 10_000_000_000 })),
  vat: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 2_300_000_000 })),
});
const weights = fc.array(
  fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 500_000_000_000 })),
  { minLength: 1, maxLength: 12 },
);

function original(a: { net: number; vat: number }, ws: number[]) {
  return splitInvoice(a, ws).map((p, i) => ({ ...p, weight: ws[i] }));
}

describe('splitCorrection', () => {
  it('differences add up to the difference, parts after never negative, up or down', () => {
    fc.assert(
      fc.property(amounts, amounts, weights, (before, after, ws) => {
        const parts = splitCorrection(original(before, ws), after);
        const W = sum(ws);
        const dNet = after.net - before.net;
        const dVat = after.vat - before.vat;
        return (
          sum(parts.map((p) => p.difference.net)) === dNet &&
          sum(parts.map((p) => p.difference.vat)) === dVat &&
          sum(parts.map((p) => p.difference.gross)) === dNet + dVat &&
          parts.every(
            (p, i) =>
              Math.min(p.after.net, p.after.vat, p.after.gross) >= 0 &&
              p.after.gross === p.after.net + p.after.vat &&
              p.difference.gross === p.difference.net + p.difference.vat &&
              within(2, p.difference.net, dNet, ws[i], W) &&
              within(2, p.difference.vat, dVat, ws[i], W),
          )
        );
      }),
      { numRuns: 500 },
    );
  });

  it('a chain of corrections ends where a plain split of the last amounts would', () => {
    fc.assert(
      fc.property(fc.array(amounts, { minLength: 2, maxLength: 5 }), weights, (chain, ws) => {
        let state = original(chain[0], ws);
        for (const next of chain.slice(1)) {
          state = splitCorrection(state, next).map((p, i) => ({ ...p.after, weight: ws[i] }));
        }
        const plain = splitInvoice(chain[chain.length - 1], ws);
        return state.every((s, i) => s.net === plain[i].net && s.vat === plain[i].vat);
      }),
      { numRuns: 200 },
    );
  });

  it('a correction to zero takes each partner back by exactly its part', () => {
    const before = original({ net: 10_000_001, vat: 2_300_000 }, [3, 3, 3]);
    const parts = splitCorrection(before, { net: 0, vat: 0 });
    expect(parts.map((p) => p.after)).toEqual([0, 0, 0].map(() => ({ net: 0, vat: 0, gross: 0 })));
    expect(parts.map((p) => p.difference.gross)).toEqual(before.map((b) => -b.gross));
  });
});

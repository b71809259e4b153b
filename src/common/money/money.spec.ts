import fc from 'fast-check';
import {
  AmountFormatError,
  formatAmount,
  formatPln,
  grossFromNet,
  parseAmount,
  percentage,
  splitLargestRemainder,
  vatFromNet,
} from './money';

const MAX = Number.MAX_SAFE_INTEGER;

describe('parseAmount', () => {
  it.each([
    ['1234.56', 123456],
    ['1234', 123400],
    ['0', 0],
    ['0.00', 0],
    ['0.05', 5],
    ['0.50', 50],
    ['170000.00', 17000000],
    ['90071992547409.91', MAX],
  ])('reads %j as %d grosz', (input, grosz) => {
    expect(parseAmount(input)).toBe(grosz);
  });

  it.each([
    ['', 'empty'],
    ['1234.5', 'one decimal'],
    ['1234.567', 'three decimals'],
    ['1234.', 'dot without decimals'],
    ['.50', 'no integer part'],
    ['-12.30', 'minus sign'],
    ['+12.30', 'plus sign'],
    ['1234,56', 'decimal comma'],
    ['1 234.56', 'thousands separator'],
    [' 1234.56', 'leading space'],
    ['1234.56 ', 'trailing space'],
    ['01234.56', 'leading zero'],
    ['00', 'double zero'],
    ['1e3', 'exponent'],
    ['0x10', 'hex'],
    ['12.3O', 'letter O'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['90071992547409.92', 'one grosz above MAX_SAFE_INTEGER'],
    ['100000000000000', 'far too large'],
    ['9'.repeat(1000), 'absurdly long'],
  ])('rejects %j (%s)', (input) => {
    expect(() => parseAmount(input)).toThrow(AmountFormatError);
  });

  it('rejects non-strings at runtime, e.g. a JSON number that slipped past the DTO', () => {
    expect(() => parseAmount(1234.56 as unknown as string)).toThrow(AmountFormatError);
  });

  it('carries a stable code and the input', () => {
    const error = (() => {
      try {
        parseAmount('12,30');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AmountFormatError);
    expect(error).toMatchObject({ code: 'MONEY_AMOUNT_FORMAT', input: '12,30' });
  });
});

describe('formatAmount', () => {
  it.each([
    [123456, '1234.56'],
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [-1230, '-12.30'],
    [-5, '-0.05'],
    [-0, '0.00'],
    [MAX, '90071992547409.91'],
    [-MAX, '-90071992547409.91'],
  ])('formats %d as %j', (grosz, text) => {
    expect(formatAmount(grosz)).toBe(text);
  });

  it.each([0.5, NaN, Infinity, MAX + 1])('refuses %d, which is not a safe integer', (v) => {
    expect(() => formatAmount(v)).toThrow(RangeError);
  });

  it('round-trips every non-negative safe grosz value through the API format', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), (grosz) => {
        expect(parseAmount(formatAmount(grosz))).toBe(grosz);
      }),
    );
  });

  it('round-trips every canonical amount string', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(0|[1-9]\d{0,12})\.\d{2}$/), (text) => {
        expect(formatAmount(parseAmount(text))).toBe(text);
      }),
    );
  });

  it('reads an integer amount as whole złoty', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor(MAX / 100) }), (zloty) => {
        expect(formatAmount(parseAmount(String(zloty)))).toBe(`${zloty}.00`);
      }),
    );
  });
});

describe('formatPln', () => {
  it.each([
    [123456789, '1 234 567,89 zł'],
    [0, '0,00 zł'],
    [5, '0,05 zł'],
    [99999, '999,99 zł'],
    [100000, '1 000,00 zł'],
    [17000000, '170 000,00 zł'],
    [2329124000, '23 291 240,00 zł'],
    [-1230, '-12,30 zł'],
    [-123456789, '-1 234 567,89 zł'],
  ])('formats %d as %j', (grosz, text) => {
    expect(formatPln(grosz)).toBe(text);
  });

  it('uses plain spaces only, never U+00A0 or U+202F', () => {
    expect(formatPln(123456789)).not.toMatch(/[\u00a0\u202f]/);
  });

  it('agrees with formatAmount once separators are removed', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX, max: MAX }), (grosz) => {
        const pln = formatPln(grosz);
        expect(pln.endsWith(' zł')).toBe(true);
        expect(pln.slice(0, -3).replace(/ /g, '').replace(',', '.')).toBe(formatAmount(grosz));
      }),
    );
  });
});

describe('VAT', () => {
  it.each([
    [10000, 23, 2300, 12300],
    [100, 8, 8, 108],
    [2, 23, 0, 2], // 0.46 gr rounds down
    [50, 23, 12, 62], // 11.5 gr rounds up
    [150, 5, 8, 158], // 7.5 gr rounds up
    [149, 5, 7, 156], // 7.45 gr rounds down
    [12345678, 0, 0, 12345678],
    [-50, 23, -12, -62], // a correction mirrors the original
  ])('net %d at %d%% → VAT %d, gross %d', (net, rate, vat, gross) => {
    expect(vatFromNet(net, rate)).toBe(vat);
    expect(grossFromNet(net, rate)).toBe(gross);
  });

  it('rounds half-up to the nearest grosz', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX }),
        fc.constantFrom(0, 5, 8, 23, 100),
        (net, rate) => {
          const vat = BigInt(vatFromNet(net, rate));
          // 100·vat − net·rate is the rounding error in hundredths of a grosz: in (−50, 50].
          const error = vat * 100n - BigInt(net) * BigInt(rate);
          expect(error > -50n && error <= 50n).toBe(true);
        },
      ),
    );
  });

  it('refuses rates that are not whole percents 0..100 and nets that are not safe integers', () => {
    expect(() => vatFromNet(100, 22.5)).toThrow(RangeError);
    expect(() => vatFromNet(100, -1)).toThrow(RangeError);
    expect(() => vatFromNet(100, 101)).toThrow(RangeError);
    expect(() => vatFromNet(1.5, 23)).toThrow(RangeError);
    expect(() => grossFromNet(MAX, 23)).toThrow(RangeError);
  });
});

describe('splitLargestRemainder', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [1, [1, 1], [1, 0]],
    [2, [1, 1, 1], [1, 1, 0]],
    [100, [1, 2], [33, 67]],
    [100, [0, 1, 0], [0, 100, 0]],
    [0, [5, 7], [0, 0]],
    [0, [0, 0], [0, 0]],
    [0, [], []],
    [12300, [100000, 50000, 25000], [7029, 3514, 1757]],
    [10000, [1, 1, 1, 1, 1, 1], [1667, 1667, 1667, 1667, 1666, 1666]],
  ])('splits %d by %j into %j', (total, weights, parts) => {
    expect(splitLargestRemainder(total, weights)).toEqual(parts);
  });

  it('handles amounts whose products exceed Number.MAX_SAFE_INTEGER', () => {
    expect(splitLargestRemainder(MAX, [MAX, MAX])).toEqual([(MAX + 1) / 2, (MAX - 1) / 2]);
    expect(splitLargestRemainder(MAX - 1, [1, MAX - 1])).toEqual([1, MAX - 2]);
  });

  it('refuses a negative total, negative or fractional weights, or no positive weight', () => {
    expect(() => splitLargestRemainder(-1, [1])).toThrow(RangeError);
    expect(() => splitLargestRemainder(100, [1, -1])).toThrow(RangeError);
    expect(() => splitLargestRemainder(100, [0.5, 1])).toThrow(RangeError);
    expect(() => splitLargestRemainder(100, [0, 0])).toThrow(RangeError);
    expect(() => splitLargestRemainder(100, [])).toThrow(RangeError);
    expect(() => splitLargestRemainder(1.5, [1])).toThrow(RangeError);
  });

  const splitInput = fc
    .tuple(
      fc.integer({ min: 0, max: MAX }),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: MAX })), {
        minLength: 1,
        maxLength: 12,
      }),
    )
    .filter(([, weights]) => weights.some((w) => w > 0));

  it('gives parts that sum exactly to the total, none negative, each within 1 grosz of exact', () => {
    fc.assert(
      fc.property(splitInput, ([total, weights]) => {
        const parts = splitLargestRemainder(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(parts.reduce((s, p) => s + BigInt(p), 0n)).toBe(BigInt(total));
        const weightSum = weights.reduce((s, w) => s + BigInt(w), 0n);
        parts.forEach((part, i) => {
          expect(Number.isSafeInteger(part)).toBe(true);
          expect(part).toBeGreaterThanOrEqual(0);
          // |part − total·w/W| < 1  ⇔  |part·W − total·w| < W
          const diff = BigInt(part) * weightSum - BigInt(total) * BigInt(weights[i]);
          expect(diff < weightSum && -diff < weightSum).toBe(true);
          if (weights[i] === 0) expect(part).toBe(0);
        });
      }),
    );
  });

  it('gives the extra grosz to the largest remainders, lower index first on a tie', () => {
    fc.assert(
      fc.property(splitInput, ([total, weights]) => {
        const parts = splitLargestRemainder(total, weights);
        const weightSum = weights.reduce((s, w) => s + BigInt(w), 0n);
        const info = weights.map((w, i) => {
          const product = BigInt(total) * BigInt(w);
          return {
            i,
            remainder: product % weightSum,
            roundedUp: BigInt(parts[i]) === product / weightSum + 1n,
          };
        });
        for (const up of info.filter((x) => x.roundedUp)) {
          for (const down of info.filter((x) => !x.roundedUp)) {
            const ahead =
              up.remainder > down.remainder || (up.remainder === down.remainder && up.i < down.i);
            expect(ahead).toBe(true);
          }
        }
      }),
    );
  });

  it('splits equal weights within 1 grosz of each other, earlier partners first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 9 }),
        (t, n) => {
          const parts = splitLargestRemainder(
            t,
            Array.from({ length: n }, () => 7),
          );
          // Equal weights: the earlier partners get the extra grosz, so parts never increase.
          for (let i = 1; i < n; i++) expect(parts[i]).toBeLessThanOrEqual(parts[i - 1]);
          expect(parts[0] - parts[n - 1]).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('percentage', () => {
  it.each([
    [1, 3, '33.33'],
    [2, 3, '66.67'],
    [1, 8, '12.50'],
    [3, 3, '100.00'],
    [0, 5, '0.00'],
    [0, 0, '0.00'],
    [1, 80000, '0.00'], // 0.00125 %
    [1, 16000, '0.01'], // 0.00625 % rounds half-up
    [3, 2, '150.00'],
    [MAX, MAX, '100.00'],
    [-1, 3, '-33.33'],
  ])('%d of %d is %s %%', (part, whole, text) => {
    expect(percentage(part, whole)).toBe(text);
  });

  it('refuses a non-zero part of a zero whole', () => {
    expect(() => percentage(1, 0)).toThrow(RangeError);
  });

  it('is within half a hundredth of a percent of the exact value', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: MAX })
          .chain((whole) => fc.tuple(fc.integer({ min: 0, max: whole }), fc.constant(whole))),
        ([part, whole]) => {
          const text = percentage(part, whole);
          expect(text).toMatch(/^\d{1,3}\.\d{2}$/);
          const hundredths = BigInt(text.replace('.', ''));
          const error = hundredths * BigInt(whole) - BigInt(part) * 10000n;
          expect(2n * error > -BigInt(whole) && 2n * error <= BigInt(whole)).toBe(true);
        },
      ),
    );
  });
});

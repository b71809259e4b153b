import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import {
  IsAmount,
  MAX_AMOUNT,
  MAX_AMOUNT_GROSZ,
  amountViolation,
  checkedSum,
  vatMatchesRate,
} from './amount-rule';
import { formatAmount, parseAmount } from './money';

class PriceInput {
  @IsAmount({ positive: true }) amountNet: string;
}

class VatInput {
  @IsAmount() vat: string;
}

function rulesOf(cls: new () => object, body: Record<string, unknown>): string[] {
  return validateSync(plainToInstance(cls, body)).flatMap((e) => Object.keys(e.constraints ?? {}));
}

describe('the amount rule', () => {
  it('accepts the largest amount and refuses one grosz more, as "amountMax"', () => {
    expect(amountViolation(MAX_AMOUNT)).toBeNull();
    expect(parseAmount(MAX_AMOUNT)).toBe(MAX_AMOUNT_GROSZ);
    expect(amountViolation('1000000000000.00')).toBe('amountMax');
    expect(amountViolation('99999999999999.99')).toBe('amountMax');
    expect(amountViolation('9'.repeat(40))).toBe('amountMax');
  });

  it('refuses zero only where the field is a price or a share', () => {
    expect(amountViolation('0.00')).toBeNull();
    expect(amountViolation('0.00', { positive: true })).toBe('amountPositive');
    expect(amountViolation('0.01', { positive: true })).toBeNull();
  });

  it.each([1234.56, '12,30', '-1.00', '1.5', '', null, '1e3', ' 1.00'])(
    'calls %j malformed',
    (value) => {
      expect(amountViolation(value)).toBe('isAmount');
    },
  );

  it('names exactly one rule per bad value in a DTO', () => {
    expect(rulesOf(PriceInput, { amountNet: '0.00' })).toEqual(['amountPositive']);
    expect(rulesOf(PriceInput, { amountNet: '99999999999999.99' })).toEqual(['amountMax']);
    expect(rulesOf(PriceInput, { amountNet: 'abc' })).toEqual(['isAmount']);
    expect(rulesOf(PriceInput, { amountNet: '10.00' })).toEqual([]);
    expect(rulesOf(VatInput, { vat: '0.00' })).toEqual([]);
  });

  it('accepts every amount from 0.01 to the cap and nothing above it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_GROSZ }), (grosz) => {
        expect(amountViolation(formatAmount(grosz), { positive: true })).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: MAX_AMOUNT_GROSZ + 1, max: Number.MAX_SAFE_INTEGER }), (g) => {
        expect(amountViolation(formatAmount(g))).toBe('amountMax');
      }),
    );
  });

  it('never throws, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(['isAmount', 'amountMax', 'amountPositive', null]).toContain(
          amountViolation(value, { positive: true }),
        );
      }),
    );
    fc.assert(
      fc.property(fc.string(), (value) => {
        const rule = amountViolation(value);
        if (rule === null) expect(parseAmount(value)).toBeLessThanOrEqual(MAX_AMOUNT_GROSZ);
      }),
    );
  });

  it('lets whatever it accepts be parsed, and its gross at 23 % still be formatted (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_GROSZ }), (grosz) => {
        const text = formatAmount(grosz);
        expect(amountViolation(text)).toBeNull();
        expect(() => formatAmount(Math.round(parseAmount(text) * 1.23))).not.toThrow();
      }),
    );
  });
});

describe('VAT consistent with the rate', () => {
  it('accepts VAT within rounding of net × rate and refuses 0.00 on a 23 % lot', () => {
    expect(vatMatchesRate(10000000, 2300000, 23)).toBe(true);
    expect(vatMatchesRate(10000000, 2300005, 23)).toBe(true);
    expect(vatMatchesRate(10000000, 0, 23)).toBe(false);
    expect(vatMatchesRate(10000000, 0, 0)).toBe(true);
  });

  it('accepts the exact VAT of any net at any Polish rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_AMOUNT_GROSZ }),
        fc.constantFrom(0, 5, 8, 23),
        (net, rate) => {
          const vat = Number((BigInt(net) * BigInt(rate) * 2n + 100n) / 200n);
          expect(vatMatchesRate(net, vat, rate)).toBe(true);
          if (rate > 0 && net >= 10000) expect(vatMatchesRate(net, 0, rate)).toBe(false);
        },
      ),
    );
  });
});

describe('checked sums', () => {
  it('adds in BigInt and refuses a total beyond the cap', () => {
    expect(checkedSum([1, 2, '3'])).toBe(6);
    expect(checkedSum([MAX_AMOUNT_GROSZ, 1])).toBeNull();
    expect(checkedSum(Array.from({ length: 100 }, () => MAX_AMOUNT_GROSZ))).toBeNull();
  });

  it('equals the exact sum whenever it answers (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: MAX_AMOUNT_GROSZ }), { maxLength: 200 }),
        (xs) => {
          const exact = xs.reduce((s, x) => s + BigInt(x), 0n);
          const sum = checkedSum(xs);
          if (exact <= BigInt(MAX_AMOUNT_GROSZ)) expect(sum).toBe(Number(exact));
          else expect(sum).toBeNull();
        },
      ),
    );
  });
});

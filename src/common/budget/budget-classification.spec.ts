import fc from 'fast-check';
import { budgetClassificationProblem } from './budget-classification';
import { BUDGET_DZIALY } from './dzialy';
import { resolutionNumberProblem, wpfReferenceProblem } from './resolution-number';

describe('budget classification', () => {
  it.each([
    '600/60016/4270',
    '600/60014/6050',
    '700/70005/4260',
    '900/90015/4300',
    '801/80101/6057',
  ])('accepts %s', (v) => expect(budgetClassificationProblem(v)).toBeNull());

  it.each([
    ['999/99999/9999', 'budgetClassificationDzial'],
    ['600/70016/4270', 'budgetClassificationRozdzial'],
    ['600/60000/4270', 'budgetClassificationRozdzial'],
    ['600/60016/0750', 'budgetClassificationParagraf'],
    ['600/60016/9520', 'budgetClassificationParagraf'],
    ['600/60016/427', 'budgetClassificationFormat'],
    ['600-60016-4270', 'budgetClassificationFormat'],
  ])('refuses %s (%s)', (v, rule) => {
    expect(budgetClassificationProblem(v)?.rule).toBe(rule);
  });

  it('lists działy of three digits with Polish names', () => {
    expect(Object.keys(BUDGET_DZIALY).length).toBeGreaterThan(30);
    for (const [code, name] of Object.entries(BUDGET_DZIALY)) {
      expect(code).toMatch(/^\d{3}$/);
      expect(name.length).toBeGreaterThan(3);
    }
    expect(BUDGET_DZIALY['600']).toBe('Transport i łączność');
  });

  it('accepts a rozdział only under its own dział (property)', () => {
    const dzial = fc.constantFrom(...Object.keys(BUDGET_DZIALY));
    fc.assert(
      fc.property(dzial, dzial, fc.integer({ min: 1, max: 99 }), (a, b, r) => {
        const v = `${a}/${b}${String(r).padStart(2, '0')}/4270`;
        expect(budgetClassificationProblem(v) === null).toBe(a === b);
      }),
    );
  });
});

describe('resolution numbers', () => {
  it.each(['XII/123/2026', 'Nr XII/123/2026', 'XLV.512.2025', 'III/21/26'])('accepts %s', (v) => {
    expect(resolutionNumberProblem(v, 2026)).toBeNull();
  });

  it.each([
    ['x', 'resolutionNumberFormat'],
    ['XII/123', 'resolutionNumberFormat'],
    ['IIII/1/2026', 'resolutionNumberFormat'],
    ['XII/123.2026', 'resolutionNumberFormat'],
    ['XII/0/2026', 'resolutionNumberFormat'],
    ['XII/123/2031', 'resolutionNumberYear'],
    ['XII/123/1989', 'resolutionNumberYear'],
  ])('refuses %s (%s)', (v, rule) => {
    expect(resolutionNumberProblem(v, 2026)?.rule).toBe(rule);
  });
});

describe('WPF references', () => {
  it('accepts the shape municipalities use', () => {
    expect(wpfReferenceProblem('WPF 2026–2028, poz. 1.3.2.4', 2026)).toBeNull();
    expect(
      wpfReferenceProblem('Wieloletnia prognoza finansowa 2026-2030, przedsięwzięcie 1.1.2', 2026),
    ).toBeNull();
  });

  it('refuses a reference without the WPF or its years, and backwards or absurd years', () => {
    expect(wpfReferenceProblem('poz. 1', 2026)?.rule).toBe('wpfReferenceFormat');
    expect(wpfReferenceProblem('WPF 2028–2026', 2026)?.rule).toBe('wpfReferenceYear');
    expect(wpfReferenceProblem('WPF 2026–2099', 2026)?.rule).toBe('wpfReferenceYear');
  });
});

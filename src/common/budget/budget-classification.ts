import { BUDGET_DZIALY, EXPENDITURE_GROUPS } from './dzialy';

/** dział (3 digits) / rozdział (5 digits, starting with the dział) / paragraf (4 digits). */
export const BUDGET_CLASSIFICATION = /^(\d{3})\/(\d{5})\/(\d{4})$/;

export type BudgetClassificationRule =
  | 'budgetClassificationFormat'
  | 'budgetClassificationDzial'
  | 'budgetClassificationRozdzial'
  | 'budgetClassificationParagraf';

export interface BudgetClassificationProblem {
  rule: BudgetClassificationRule;
  message: string;
}

/**
 * Checks `600/60016/4270` against the structure and content of the budget classification: the
 * dział is one of the regulation's działy, the rozdział begins with it, the paragraf belongs to a
 * group of expenditure. Rozdziały are not checked one by one (new ones appear every year).
 */
export function budgetClassificationProblem(value: string): BudgetClassificationProblem | null {
  const m = BUDGET_CLASSIFICATION.exec(value);
  if (!m) {
    return {
      rule: 'budgetClassificationFormat',
      message: 'budgetClassification must look like 600/60016/4270 (dział/rozdział/paragraf)',
    };
  }
  const [, dzial, rozdzial, paragraf] = m;
  if (!(dzial in BUDGET_DZIALY)) {
    return {
      rule: 'budgetClassificationDzial',
      message: `dział ${dzial} is not a dział of the budget classification (e.g. 600 Transport i łączność, 900 Gospodarka komunalna i ochrona środowiska)`,
    };
  }
  if (!rozdzial.startsWith(dzial) || rozdzial.slice(3) === '00') {
    return {
      rule: 'budgetClassificationRozdzial',
      message: `rozdział ${rozdzial} does not belong to dział ${dzial} (it begins with the dział's three digits)`,
    };
  }
  if (!(paragraf[0] in EXPENDITURE_GROUPS) || paragraf.slice(0, 3) === paragraf[0] + '00') {
    return {
      rule: 'budgetClassificationParagraf',
      message: `paragraf ${paragraf} is not an expenditure paragraph (groups 2xxx dotacje, 3xxx świadczenia, 4xxx wydatki bieżące, 6xxx wydatki majątkowe, 8xxx)`,
    };
  }
  return null;
}

/** "Dział 600 Transport i łączność" for documents. */
export function dzialName(dzial: string): string | null {
  return BUDGET_DZIALY[dzial] ?? null;
}

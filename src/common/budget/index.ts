export {
  BUDGET_CLASSIFICATION,
  budgetClassificationProblem,
  dzialName,
} from './budget-classification';
export type {
  BudgetClassificationProblem,
  BudgetClassificationRule,
} from './budget-classification';
export { BUDGET_DZIALY, EXPENDITURE_GROUPS } from './dzialy';
export { resolutionNumberProblem, wpfReferenceProblem } from './resolution-number';

export const REGIMES = ['OUTSIDE_ACT', 'NATIONAL', 'EU'] as const;

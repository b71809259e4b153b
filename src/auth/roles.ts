export const ROLES = ['PROCUREMENT_OFFICER', 'COORDINATOR', 'TREASURER', 'HEAD', 'LAWYER'] as const;
export type Role = (typeof ROLES)[number];

/** Polish names used in documents and e-mails. */
export const ROLE_LABEL_PL: Record<Role, string> = {
  PROCUREMENT_OFFICER: 'specjalista ds. zamówień publicznych',
  COORDINATOR: 'koordynator gminny',
  TREASURER: 'skarbnik',
  HEAD: 'wójt / burmistrz / starosta',
  LAWYER: 'radca prawny',
};

import { borrowRelation, lendRelation } from './lent-relations';

describe('lent relations', () => {
  it('refuses a relation nobody lent, naming it', () => {
    expect(() => borrowRelation('taskVersions')).toThrow(/"taskVersions".*load the module/);
  });

  it("gives the one owner's relation as it was lent", () => {
    lendRelation('contracts', 'finance', '(SELECT 1 AS id)');
    expect(borrowRelation('contracts')).toBe('(SELECT 1 AS id)');
  });

  it("joins several owners' relations with UNION ALL, one per owner", () => {
    lendRelation('financeRecords', 'schedule', '(SELECT 1 AS id)');
    lendRelation('financeRecords', 'documents', '(SELECT 2 AS id)');
    lendRelation('financeRecords', 'documents', '(SELECT 3 AS id)');
    expect(borrowRelation('financeRecords')).toBe('((SELECT 1 AS id) UNION ALL (SELECT 3 AS id))');
  });
});

import { chainSteps, shareBadge } from './web-view-models';

const approval = (step: string, decision: string, over: object = {}) => ({
  step,
  decision,
  userId: 'u',
  userName: 'Anna Nowak',
  role: step,
  comment: null,
  amountNet: '100.00',
  budgetClassification: null,
  decidedAt: '2026-12-01T10:00:00.000Z',
  void: false,
  ...over,
});

describe('the step indicator of a share', () => {
  it('marks the coordinator done and the treasurer as the step waited for', () => {
    const steps = chainSteps({
      status: 'COORDINATOR_ACCEPTED',
      pendingStep: 'TREASURER',
      approvals: [approval('COORDINATOR', 'APPROVED')],
    });
    expect(steps.map((s) => s.state)).toEqual(['done', 'current', 'todo']);
    expect(steps[0].by).toBe('Anna Nowak');
  });

  it('shows where the chain stopped for a change request and ignores void approvals', () => {
    const steps = chainSteps({
      status: 'CHANGE_REQUESTED',
      pendingStep: null,
      approvals: [
        approval('COORDINATOR', 'APPROVED', { void: true }),
        approval('COORDINATOR', 'APPROVED'),
        approval('TREASURER', 'CHANGE_REQUESTED'),
      ],
    });
    expect(steps.map((s) => s.state)).toEqual(['done', 'stopped', 'todo']);
  });

  it('never tells a status by colour alone', () => {
    expect(shareBadge('CONFIRMED')).toEqual(
      expect.objectContaining({ icon: '✓', label: 'Potwierdzony' }),
    );
  });
});

import { budgetClassificationProblem, checkStep, pendingStep } from './share-chain';

describe('share decision chain', () => {
  it('walks coordinator → treasurer → head', () => {
    expect(pendingStep('PROPOSED')).toBe('COORDINATOR');
    expect(pendingStep('COORDINATOR_ACCEPTED')).toBe('TREASURER');
    expect(pendingStep('COUNTERSIGNED')).toBe('HEAD');
    expect(pendingStep('CONFIRMED')).toBeNull();
    expect(pendingStep('CHANGE_REQUESTED')).toBeNull();
  });

  it('lets the treasurer countersign only after the coordinator accepted', () => {
    const early = checkStep('PROPOSED', ['TREASURER'], 'u2', []);
    expect(early).toEqual({ ok: false, refusal: expect.objectContaining({ kind: 'role' }) });
    const ok = checkStep('COORDINATOR_ACCEPTED', ['TREASURER'], 'u2', [
      { step: 'COORDINATOR', userId: 'u1', void: false, decision: 'APPROVED' },
    ]);
    expect(ok).toEqual({ ok: true, step: 'TREASURER' });
  });

  it('never lets one person perform two steps of one share, but void approvals do not count', () => {
    const approvals = [
      { step: 'COORDINATOR' as const, userId: 'u1', void: false, decision: 'APPROVED' as const },
    ];
    const twice = checkStep('COORDINATOR_ACCEPTED', ['COORDINATOR', 'TREASURER'], 'u1', approvals);
    expect(twice).toEqual({ ok: false, refusal: expect.objectContaining({ kind: 'duty' }) });
    const afterChange = checkStep('COORDINATOR_ACCEPTED', ['TREASURER'], 'u1', [
      { ...approvals[0], void: true },
    ]);
    expect(afterChange).toEqual({ ok: true, step: 'TREASURER' });
  });

  it('refuses any step on a confirmed share as an illegal transition', () => {
    expect(checkStep('CONFIRMED', ['HEAD'], 'u3', [])).toEqual({
      ok: false,
      refusal: expect.objectContaining({ kind: 'illegal' }),
    });
  });

  it('checks the budget classification dział/rozdział/paragraf', () => {
    expect(budgetClassificationProblem('600/60016/4270')).toBeNull();
    expect(budgetClassificationProblem(undefined)?.message).toMatch(/must give/);
    expect(budgetClassificationProblem('600-60016-4270')?.message).toMatch(/must look like/);
    expect(budgetClassificationProblem('600/90016/4270')?.message).toMatch(/does not belong/);
    expect(budgetClassificationProblem('999/99999/9999')?.rule).toBe('budgetClassificationDzial');
  });
});

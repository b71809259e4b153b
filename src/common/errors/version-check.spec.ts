import { DomainError } from './domain-error';
import { assertVersion } from './version-check';

function refusal(fn: () => void): DomainError | undefined {
  try {
    fn();
  } catch (err) {
    return err as DomainError;
  }
  return undefined;
}

describe('assertVersion', () => {
  it('lets the change through when the version sent is current, or none was sent', () => {
    expect(refusal(() => assertVersion(3, 3, 'X_VERSION_CONFLICT', 'm'))).toBeUndefined();
    expect(refusal(() => assertVersion(3, undefined, 'X_VERSION_CONFLICT', 'm'))).toBeUndefined();
  });

  it('refuses a stale version with 409, the code, the message and the current version', () => {
    const e = refusal(() => assertVersion(4, 3, 'X_VERSION_CONFLICT', 'changed meanwhile'));
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({
      status: 409,
      code: 'X_VERSION_CONFLICT',
      message: 'changed meanwhile',
      details: { currentVersion: 4 },
    });
  });

  it('passes the details a writer gives instead of the default', () => {
    const details = { currentStatus: 'OPEN', currentVersion: 2 };
    expect(refusal(() => assertVersion(2, 1, 'C', 'm', details))?.details).toBe(details);
  });
});

import { DomainError } from '../errors';
import { cappedTotal, decodeCursor, encodeCursor } from './keyset';

const ID = '0b6f0e1c-6a47-4f6b-9d1c-2f3a4b5c6d7e';
const anyKey = () => true;
const violation = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return { status: err.status, errors: err.errors };
    throw err;
  }
  throw new Error('no error');
};

describe('keyset cursors', () => {
  it('gives back what it was made of, for the same sort', () => {
    for (const key of ['2026-11-26 09:00:00.123456+00', null, 'Przebudowa dróg „gminnych”']) {
      const raw = encodeCursor({ sort: '-createdAt', key, id: ID });
      expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(raw, '-createdAt', anyKey)).toEqual({ sort: '-createdAt', key, id: ID });
    }
  });

  it('answers a cursor that does not parse, of another sort or with a bad key with 400 on cursor', () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const cases: [string, string][] = [
      ['not a cursor', 'cursor'],
      [b64({ sort: '-createdAt' }), 'cursor'],
      [b64(['-createdAt', 'k', 'not-a-uuid']), 'cursor'],
      [b64(['-createdAt', 'a\u0000b', ID]), 'cursor'],
      [b64(['-createdAt', 'x'.repeat(1001), ID]), 'cursor'],
      [b64(['title', 'k', ID]), 'sameSort'],
      [b64(['-createdAt', 'yesterday', ID]), 'cursor'],
    ];
    for (const [raw, rule] of cases) {
      expect(violation(() => decodeCursor(raw, '-createdAt', (k) => /^\d/.test(k)))).toEqual({
        status: 400,
        errors: [expect.objectContaining({ field: 'cursor', rule })],
      });
    }
  });

  it('counts exactly up to the cap and says so beyond it', () => {
    expect(cappedTotal(0, 1000)).toEqual({ total: 0, totalIsLowerBound: false });
    expect(cappedTotal(1000, 1000)).toEqual({ total: 1000, totalIsLowerBound: false });
    expect(cappedTotal(1001, 1000)).toEqual({ total: 1000, totalIsLowerBound: true });
  });
});

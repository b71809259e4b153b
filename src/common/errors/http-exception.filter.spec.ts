import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter, databaseUnavailable } from './http-exception.filter';

/** Runs the filter on an error and returns what it sent. */
function answer(err: unknown): {
  status: number;
  headers: Record<string, string>;
  body: { code: string };
} {
  const sent = { status: 0, headers: {} as Record<string, string>, body: { code: '' } };
  const reply = {
    status(s: number) {
      sent.status = s;
      return reply;
    },
    header(k: string, v: string) {
      sent.headers[k] = v;
      return reply;
    },
    send(b: { code: string }) {
      sent.body = b;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => reply,
      getRequest: () => ({ id: 'r1', method: 'GET', url: '/x' }),
    }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(err, host);
  return sent;
}

describe('the error filter', () => {
  it("answers a unique violation with 409 without PostgreSQL's detail text", () => {
    const pg = Object.assign(new Error('duplicate key'), {
      code: '23505',
      detail: 'Key (reference)=(ZP.271.1.2027) already exists.',
    });
    const res = answer(new QueryFailedError('INSERT …', [], pg));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DUPLICATE');
    expect(JSON.stringify(res.body)).not.toContain('Key (');
    expect(JSON.stringify(res.body)).not.toContain('ZP.271');
  });

  it('answers an unreachable database with 503 and Retry-After', () => {
    for (const err of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new QueryFailedError(
        'SELECT 1',
        [],
        Object.assign(new Error('terminating'), { code: '57P01' }),
      ),
      new Error('Connection terminated unexpectedly'),
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
    ]) {
      expect(databaseUnavailable(err)).toBe(true);
      const res = answer(err);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.code).toBe('DATABASE_UNAVAILABLE');
    }
    expect(databaseUnavailable(new Error('boom'))).toBe(false);
  });
});

/**
 * The login limiter and the password gate (failures 3 and 4 of the security review): parallel
 * guesses are counted before any is verified, one password across many accounts and one account
 * from many addresses are limited, the limits hold while Redis is down (counted from the audit
 * trail in PostgreSQL), and a flood of logins neither queues without bound nor starves the rest.
 */
import Redis from 'ioredis';
import request from 'supertest';
import { REDIS } from '../src/common/redis';
import { AppConfig } from '../src/config/app-config';
import { validateEnvironment } from '../src/config/env.schema';
import { DEMO_PASSWORD, TestApp, createTestApp, login, unique, waitFor } from './support/app';

const LIMITS = {
  LOGIN_MAX_FAILURES: '3',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '4',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '5',
  LOGIN_QUEUE_LIMIT: '4',
};
const config = () => new AppConfig(validateEnvironment({ ...process.env, ...LIMITS }));

const attempt = (t: TestApp, ip: string, email: string, password: string) =>
  request(t.http).post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email, password });

describe('Login limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(AppConfig).useValue(config()));
    // The limiter's client connects in the background; until then it counts from PostgreSQL.
    const redis = t.app.get<Redis>(REDIS);
    await waitFor(() => Promise.resolve(redis.status === 'ready'), 10_000, 'Redis ready');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts 40 parallel guesses before verifying any: only LOGIN_MAX_FAILURES are evaluated', async () => {
    const guesses = Array.from({ length: 40 }, (_, i) =>
      attempt(t, '10.17.0.1', 'coordinator@liszki.demo', `wrong-${i}-password`),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBe(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(37);
    expect(statuses.every((s) => [401, 429].includes(s))).toBe(true);
    // The right password is refused too while the pair is blocked.
    const blocked = await attempt(t, '10.17.0.1', 'coordinator@liszki.demo', DEMO_PASSWORD).expect(
      429,
    );
    expect(blocked.body).toEqual(
      expect.objectContaining({ code: 'LOGIN_RATE_LIMITED', limit: 'pair' }),
    );
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('limits one password tried across many accounts from one address', async () => {
    const ip = '10.17.0.2';
    const emails = ['head', 'treasurer', 'officer', 'lawyer', 'coordinator', 'officer'].map(
      (role, i) => `${role}@${i < 5 ? 'czernichow' : 'mogilany'}.demo`,
    );
    const statuses: number[] = [];
    for (const email of emails) statuses.push((await attempt(t, ip, email, 'Lato2026!')).status);
    expect(statuses.slice(0, 5)).toEqual(new Array(5).fill(401));
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const last = await attempt(t, ip, 'head@skawina.demo', DEMO_PASSWORD).expect(429);
    expect(last.body.limit).toBe('address');
    // Another address is not affected.
    await attempt(t, '10.17.0.3', 'head@skawina.demo', DEMO_PASSWORD).expect(200);
  });

  it('limits one account guessed from many addresses', async () => {
    for (let i = 0; i < 4; i++)
      await attempt(t, `10.17.1.${i}`, 'lawyer@skawina.demo', 'wrong-password-1').expect(401);
    const res = await attempt(t, '10.17.1.99', 'lawyer@skawina.demo', DEMO_PASSWORD).expect(429);
    expect(res.body.limit).toBe('account');
  });

  it('bounds the password checks of a flood: the surplus is told to retry (503), /health answers meanwhile', async () => {
    const order: string[] = [];
    const flood = Array.from({ length: 30 }, (_, i) =>
      attempt(t, `10.17.2.${i}`, `nobody${i}@flood.demo`, 'x-password-123').then((r) => {
        order.push('login');
        return r;
      }),
    );
    const health = request(t.http)
      .get('/health')
      .then((r) => {
        order.push('health');
        return r;
      });
    const [responses, h] = await Promise.all([Promise.all(flood), health]);
    expect(h.status).toBe(200);
    // The health check did not wait behind the whole flood.
    expect(order.indexOf('health')).toBeLessThan(order.length - 1);
    const busy = responses.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy) {
      expect(r.body.code).toBe('LOGIN_BUSY');
      expect(r.headers['retry-after']).toMatch(/^\d+$/);
    }
    expect(responses.every((r) => r.status === 401 || r.status === 503)).toBe(true);
  });
});

describe('Login limits while Redis is down', () => {
  let t: TestApp;
  const dead = new Redis({
    host: '127.0.0.1',
    port: 1,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });

  beforeAll(async () => {
    t = await createTestApp((b) =>
      b.overrideProvider(AppConfig).useValue(config()).overrideProvider(REDIS).useValue(dead),
    );
  });
  afterAll(async () => {
    await t?.close();
    dead.disconnect();
  });

  it('still limits logins, parallel ones included, counting failures from PostgreSQL', async () => {
    const ip = '10.17.3.1';
    const guesses = Array.from({ length: 20 }, (_, i) =>
      attempt(t, ip, 'treasurer@liszki.demo', `wrong-${i}-password`),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(17);
    const res = await attempt(t, ip, 'treasurer@liszki.demo', DEMO_PASSWORD).expect(429);
    expect(res.body.code).toBe('LOGIN_RATE_LIMITED');
    // A colleague at the same address still logs in. A new account: in this mode failures are
    // counted from the audit trail, which holds other suites' failed logins of the demo accounts.
    const admin = await login(t, 'admin@wspolnie.demo', DEMO_PASSWORD, '10.17.3.9');
    const colleague = `${unique('kolega')}@liszki.demo`;
    await admin
      .post('/admin/users', {
        email: colleague,
        displayName: 'Kolega Z Urzędu',
        password: 'bardzo-długie-hasło',
      })
      .expect(201);
    await attempt(t, ip, colleague, 'bardzo-długie-hasło').expect(200);
  });
});

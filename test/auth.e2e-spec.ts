import { createHmac } from 'node:crypto';
import request from 'supertest';
import { TestApp, createTestApp, login, unique } from './support/app';

/** An HS256 token signed with the API's key, with whatever claims a forger chooses. */
function signed(secret: string, claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('Auth: login, refresh, logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs a demo officer in and tells who they are', async () => {
    const s = await login(t, 'officer@skawina.demo');
    const me = await s.get('/auth/me').expect(200);
    expect(me.body.email).toBe('officer@skawina.demo');
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ organisationName: 'Gmina Skawina', role: 'PROCUREMENT_OFFICER' }),
    ]);
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    const wrong = await request(t.http)
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', '10.1.0.1')
      .send({ email: 'head@liszki.demo', password: 'not-the-password' })
      .expect(401);
    const unknown = await request(t.http)
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', '10.1.0.1')
      .send({ email: 'nobody@liszki.demo', password: 'not-the-password' })
      .expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    const events = await t.dataSource.query(
      "SELECT data FROM audit_events WHERE action = 'auth.login_failed' AND data->>'email' IN ('head@liszki.demo', 'nobody@liszki.demo')",
    );
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('limits failed logins per (IP, e-mail) pair, never locking out colleagues on the same IP', async () => {
    const ip = '10.2.0.7';
    const attempt = (email: string, password: string) =>
      request(t.http)
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', ip)
        .send({ email, password });
    for (let i = 0; i < t.config.loginMaxFailures; i += 1) {
      await attempt('coordinator@mogilany.demo', 'wrong-password-123').expect(401);
    }
    const blocked = await attempt('coordinator@mogilany.demo', 'wspolnie-demo').expect(429);
    expect(blocked.body.code).toBe('LOGIN_RATE_LIMITED');
    expect(blocked.body.retryAfterSeconds).toBeGreaterThan(0);
    // A colleague in the same office (same public IP) still logs in.
    await attempt('treasurer@mogilany.demo', 'wspolnie-demo').expect(200);
    // The same person from another address is not blocked either.
    await request(t.http)
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', '10.2.0.8')
      .send({ email: 'coordinator@mogilany.demo', password: 'wspolnie-demo' })
      .expect(200);
  });

  it('rotates refresh tokens: the old one stops working and reusing it ends the session', async () => {
    const s = await login(t, 'lawyer@czernichow.demo');
    const first = await request(t.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: s.refreshToken })
      .expect(200);
    expect(first.body.refreshToken).not.toBe(s.refreshToken);
    expect(first.body.accessToken).toEqual(expect.any(String));
    const reuse = await request(t.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: s.refreshToken })
      .expect(401);
    expect(reuse.body.code).toBe('INVALID_REFRESH_TOKEN');
    // Reuse revoked the whole family, including the successor.
    await request(t.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(401);
  });

  it('logs out: the refresh token no longer works', async () => {
    const s = await login(t, 'head@skawina.demo');
    await request(t.http)
      .post('/api/v1/auth/logout')
      .send({ refreshToken: s.refreshToken })
      .expect(204);
    await request(t.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: s.refreshToken })
      .expect(401);
  });

  it('refuses requests without a valid access token', async () => {
    const none = await request(t.http).get('/api/v1/auth/me').expect(401);
    expect(none.body).toEqual(
      expect.objectContaining({
        statusCode: 401,
        code: 'UNAUTHORIZED',
        requestId: expect.any(String),
      }),
    );
    await request(t.http)
      .get('/api/v1/auth/me')
      .set('authorization', 'Bearer not.a.token')
      .expect(401);
  });

  it('echoes a client request id in the header and the error body', async () => {
    const res = await request(t.http)
      .get('/api/v1/auth/me')
      .set('x-request-id', 'client-req-12345')
      .expect(401);
    expect(res.headers['x-request-id']).toBe('client-req-12345');
    expect(res.body.requestId).toBe('client-req-12345');
  });

  it('validates the login body with field and rule', async () => {
    const res = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: 'not-an-email', password: 'x', extra: 1 })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'email', rule: 'isEmail' }),
        expect.objectContaining({ field: 'extra', rule: 'unknownField' }),
      ]),
    );
  });

  describe('access tokens revoked at once (failure 8 of the security review)', () => {
    const me = (token: string) =>
      request(t.http).get('/api/v1/auth/me').set('authorization', `Bearer ${token}`);

    it('stops an access token at logout; other sessions refresh theirs', async () => {
      const s = await login(t, 'coordinator@czernichow.demo');
      const other = await login(t, 'coordinator@czernichow.demo');
      await me(s.token).expect(200);
      await request(t.http)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: s.refreshToken })
        .expect((r) => expect(r.status).toBeLessThan(300));
      const res = await me(s.token).expect(401);
      expect(res.body.code).toBe('ACCESS_TOKEN_REVOKED');
      await me(other.token).expect(401);
      const refreshed = await request(t.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: other.refreshToken })
        .expect(200);
      await me(refreshed.body.accessToken as string).expect(200);
    });

    it('stops access tokens on refresh-token reuse and on deactivation, and keeps them dead after reactivation', async () => {
      const s = await login(t, 'head@czernichow.demo');
      await request(t.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: s.refreshToken })
        .expect(200);
      await request(t.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: s.refreshToken })
        .expect(401);
      expect((await me(s.token).expect(401)).body.code).toBe('ACCESS_TOKEN_REVOKED');

      const admin = await login(t, 'admin@wspolnie.demo');
      const email = `${unique('tv')}@czernichow.demo`;
      const created = await admin
        .post('/admin/users', { email, displayName: 'Ola Test', password: 'bardzo-długie-hasło' })
        .expect(201);
      const u = await login(t, email, 'bardzo-długie-hasło');
      await me(u.token).expect(200);
      await admin.patch(`/admin/users/${created.body.id}`, { active: false }).expect(200);
      await me(u.token).expect(401);
      await admin.patch(`/admin/users/${created.body.id}`, { active: true }).expect(200);
      expect((await me(u.token).expect(401)).body.code).toBe('ACCESS_TOKEN_REVOKED');
      await login(t, email, 'bardzo-długie-hasło');
    });

    it('refuses a correctly signed token without exp or without the token version', async () => {
      const s = await login(t, 'treasurer@czernichow.demo');
      const claims = JSON.parse(
        Buffer.from(s.token.split('.')[1], 'base64url').toString('utf8'),
      ) as Record<string, unknown>;
      const secret = t.config.jwtSecret;
      // The same claims re-signed are accepted: the forgeries below differ only in what they lack.
      await me(signed(secret, claims)).expect(200);
      const { exp: _exp, ...noExp } = claims;
      await me(signed(secret, noExp)).expect(401);
      const { tv: _tv, ...noVersion } = claims;
      await me(signed(secret, noVersion)).expect(401);
    });
  });
});

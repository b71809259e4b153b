import request from 'supertest';
import { TestApp, createTestApp, login, orgId, Session, unique, waitFor } from './support/app';

describe('Admin: users and role memberships', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t, 'admin@wspolnie.demo');
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a user with a role, who can then log in; passwords shorter than 12 are refused', async () => {
    const liszki = await orgId(t, 'liszki');
    const email = `${unique('u')}@liszki.demo`;
    const short = await admin
      .post('/admin/users', { email, displayName: 'Jan Test', password: 'short-pass' })
      .expect(400);
    expect(short.body.errors).toEqual([
      expect.objectContaining({ field: 'password', rule: 'minLength' }),
    ]);
    const created = await admin
      .post('/admin/users', {
        email,
        displayName: 'Jan Test',
        password: 'bardzo-długie-hasło',
        memberships: [{ organisationId: liszki, role: 'COORDINATOR' }],
      })
      .expect(201);
    expect(created.body.memberships).toEqual([
      expect.objectContaining({ organisationName: 'Gmina Liszki', role: 'COORDINATOR' }),
    ]);
    const hash = await t.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [
      created.body.id,
    ]);
    expect(hash[0].password_hash).toMatch(/^\$argon2id\$/);
    const s = await login(t, email, 'bardzo-długie-hasło');
    await s.get('/auth/me').expect(200);
    const dup = await admin
      .post('/admin/users', {
        email: email.toUpperCase(),
        displayName: 'Xavier',
        password: 'bardzo-długie-hasło',
      })
      .expect(409);
    expect(dup.body.code).toBe('USER_EMAIL_TAKEN');
  });

  it('grants and revokes roles; deactivation ends the sessions', async () => {
    const mogilany = await orgId(t, 'mogilany');
    const email = `${unique('u')}@mogilany.demo`;
    const created = await admin
      .post('/admin/users', { email, displayName: 'Ewa Test', password: 'bardzo-długie-hasło' })
      .expect(201);
    await admin
      .post(`/admin/users/${created.body.id}/memberships`, {
        organisationId: mogilany,
        role: 'TREASURER',
      })
      .expect(201);
    const s = await login(t, email, 'bardzo-długie-hasło');
    expect((await s.get('/auth/me').expect(200)).body.memberships).toHaveLength(1);
    await admin
      .delete(`/admin/users/${created.body.id}/memberships/${mogilany}/TREASURER`)
      .expect(200);
    expect((await s.get('/auth/me').expect(200)).body.memberships).toHaveLength(0);
    await admin.patch(`/admin/users/${created.body.id}`, { active: false }).expect(200);
    await s.get('/auth/me').expect(401);
    await request(t.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: s.refreshToken })
      .expect(401);
  });

  it('takes a change of rights into effect at once, in this API process and in another one', async () => {
    // A second API process on the same database and Redis: it resolves the user's token from
    // its own actor cache, and learns of the change through the invalidation channel.
    const other = await createTestApp();
    try {
      const email = `${unique('u')}@liszki.demo`;
      const created = await admin
        .post('/admin/users', { email, displayName: 'Piotr Test', password: 'bardzo-długie-hasło' })
        .expect(201);
      const here = await login(t, email, 'bardzo-długie-hasło');
      const there = (path: string) =>
        request(other.http).get(`/api/v1${path}`).set('authorization', `Bearer ${here.token}`);
      // Both processes have the user cached as a non-administrator.
      await here.get('/admin/users').expect(403);
      await there('/admin/users').expect(403);
      await admin.patch(`/admin/users/${created.body.id}`, { admin: true }).expect(200);
      await here.get('/admin/users').expect(200);
      // Well within the cache's lifetime (ACTOR_CACHE_TTL_MS): only the message can explain it.
      await waitFor(async () => (await there('/admin/users')).status === 200, 3000, 'grant seen');
      await admin.patch(`/admin/users/${created.body.id}`, { active: false }).expect(200);
      await here.get('/admin/users').expect(401);
      await waitFor(async () => (await there('/admin/users')).status === 401, 3000, 'revoke seen');
    } finally {
      await other.close();
    }
  });

  it('refuses non-administrators', async () => {
    const officer = await login(t, 'officer@skawina.demo');
    await officer.get('/admin/users').expect(403);
    await officer
      .post('/admin/users', {
        email: 'x@y.demo',
        displayName: 'Xavier',
        password: 'bardzo-długie-hasło',
      })
      .expect(403);
  });
});

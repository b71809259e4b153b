import request from 'supertest';
import { TestApp, createTestApp, login, orgId, Session, unique } from './support/app';

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

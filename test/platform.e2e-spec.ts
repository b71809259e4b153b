import request from 'supertest';
import { TestApp, createTestApp } from './support/app';

interface Operation {
  summary?: string;
  security?: unknown[];
}

describe('Platform: health, OpenAPI, security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness and readiness with PostgreSQL and Redis named', async () => {
    expect((await request(t.http).get('/health').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await request(t.http).get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('publishes OpenAPI with bearer auth and a summary for every operation', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/partnerships/{id}/members',
      '/api/v1/tenders/{id}/transition',
      '/api/v1/shares/{id}/approve',
      '/api/v1/audit',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.summary)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
    const html = await request(t.http).get('/api/docs').expect(200);
    expect(html.text).toMatch(/swagger/i);
  });

  it('sends security headers and a request id on every response', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route and malformed JSON with 4xx in the error shape, never 500', async () => {
    const missing = await request(t.http).get('/api/v1/nothing-here').expect(404);
    expect(missing.body).toEqual(
      expect.objectContaining({ statusCode: 404, requestId: expect.any(String) }),
    );
    const broken = await request(t.http)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(broken.body).toEqual(
      expect.objectContaining({ statusCode: 400, code: expect.any(String) }),
    );
  });
});

/**
 * A bounded fuzz suite (fast-check) over write endpoints and list queries: malformed bodies,
 * nulls, NULs, nested arrays, huge numbers, extreme dates and offsets never give a 5xx, and a
 * refused request writes nothing (no audit event, no outbox job).
 */
import fc from 'fast-check';
import { Session, TestApp, createTestApp, login } from './support/app';
import { createTender } from './support/tenders';

const RUNS = 25;

/** Values that broke the service once, mixed with arbitrary JSON. */
const nasty = fc.oneof(
  fc.constantFrom(
    null,
    '\u0000',
    'a\u0000b',
    '99999999999999.99',
    '45000000000000.00',
    '-0.00',
    '0001-01-01',
    '9999-12-31T23:59:59Z',
    '99999999999999999999',
    1e308,
    -1,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    "+cmd|' /C calc'!A0",
    [],
    {},
    [[[[[[]]]]]],
  ),
  fc.jsonValue({ maxDepth: 4 }),
);
const body = fc.dictionary(
  fc.constantFrom(
    'title',
    'name',
    'reference',
    'amountNet',
    'dueAt',
    'plannedStartOn',
    'shareDeadline',
    'lots',
    'version',
    'kind',
    'organisationId',
    'lotId',
    'reminderOffsets',
    'emailOptOut',
    'note',
  ),
  nasty,
  { maxKeys: 6 },
);

describe('Fuzz: no input gives a 5xx, a refusal writes nothing', () => {
  let t: TestApp;
  let officer: Session;
  let admin: Session;
  let tenderId: string;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
    admin = await login(t, 'admin@wspolnie.demo');
    tenderId = (await createTender(officer)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const counts = async () =>
    (
      await t.dataSource.query<{ audit: number; outbox: number }[]>(
        'SELECT (SELECT count(*)::int FROM audit_events) AS audit, (SELECT count(*)::int FROM outbox_jobs) AS outbox',
      )
    )[0];

  it('write endpoints: every answer below 500; a 4xx changes nothing', async () => {
    const targets: [() => Session, 'post' | 'patch', string][] = [
      [() => officer, 'post', '/tenders'],
      [() => officer, 'patch', `/tenders/${tenderId}`],
      [() => officer, 'post', `/tenders/${tenderId}/shares`],
      [() => officer, 'post', `/tenders/${tenderId}/deadlines`],
      [() => officer, 'patch', '/me/preferences'],
      [() => admin, 'post', '/organisations'],
    ];
    for (const [who, method, path] of targets) {
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const before = await counts();
          const res = await who()[method](path, b);
          expect([path, res.status < 500]).toEqual([path, true]);
          if (res.status >= 400) expect(await counts()).toEqual(before);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('list queries: offsets, limits and filters never give a 5xx', async () => {
    const value = fc.oneof(
      fc.constantFrom('%00', '99999999999999999999', '-1', '1e309', 'NaN', '0001-01-01', "'"),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/tenders',
          '/organisations',
          '/partnerships',
          '/audit',
          '/me/notifications',
        ),
        fc.constantFrom('offset', 'limit', 'q', 'status', 'sort', 'entityId', 'regime'),
        value,
        async (path, key, v) => {
          const res = await admin.get(`${path}?${key}=${v}`);
          expect([path, key, v, res.status < 500]).toEqual([path, key, v, true]);
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });
});

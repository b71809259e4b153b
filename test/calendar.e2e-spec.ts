import ICAL from 'ical.js';
import request from 'supertest';
import { Session, TestApp, createTestApp, login } from './support/app';
import { hasFoldedLines, icalProblems } from './support/ical';
import { TenderBody, createTender, proposeShare } from './support/tenders';
import { PUBLICATION_DAY } from './support/dates';

interface DeadlineBody {
  id: string;
  kind: string;
  reminderOffsets: number[];
}

/**
 * Personal iCalendar feeds: a secret, rotatable URL per user, RFC 5545 on the wire (checked
 * line by line) and parsed with ical.js.
 */
describe('Calendar feed', () => {
  let t: TestApp;
  let officer: Session;
  let tender: TenderBody;
  let deadlines: DeadlineBody[];

  const feedPath = (url: string) => {
    expect(url.startsWith(`${t.config.publicUrl}/api/v1/calendar/`)).toBe(true);
    expect(url.endsWith('.ics')).toBe(true);
    return url.slice(t.config.publicUrl.length);
  };
  const fetchFeed = (path: string) => request(t.http).get(path);

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
    tender = await createTender(officer, {
      title:
        'Dostawa energii elektrycznej dla jednostek organizacyjnych gmin partnerstwa – zakup wspólny',
    });
    tender = await proposeShare(t, officer, tender, 1, 'skawina', '400000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '300000.00');
    const applied = await officer
      .post(`/tenders/${tender.id}/schedule/apply`, { publishedOn: PUBLICATION_DAY })
      .expect(200);
    deadlines = applied.body.items as DeadlineBody[];
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the user’s deadlines as RFC 5545: CRLF, VERSION, PRODID, UID, DTSTAMP, folding, VALARM', async () => {
    const issued = await officer.post('/me/calendar-token').expect(201);
    const path = feedPath(issued.body.url as string);
    // No bearer token: the secret URL is the credential (calendar apps cannot log in).
    const res = await fetchFeed(path).buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    const text = res.text;

    expect(icalProblems(text)).toEqual([]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(hasFoldedLines(text)).toBe(true);

    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('Wspólnie');
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const host = new URL(t.config.publicUrl).hostname;
    for (const d of deadlines) {
      const event = events.find((e) => e.uid === `deadline-${d.id}@${host}`);
      if (!event) throw new Error(`no event for ${d.kind}`);
      expect(event.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
      expect(event.startDate.zone.tzid).toBe('Europe/Warsaw');
      expect(event.description).toContain(`/postepowania/${tender.id}`);
      const alarms = event.component.getAllSubcomponents('valarm');
      expect(alarms).toHaveLength(d.reminderOffsets.length);
      expect(alarms.every((a) => a.getFirstPropertyValue('action') === 'DISPLAY')).toBe(true);
    }
    const offers = deadlines.find((d) => d.kind === 'OFFERS') as DeadlineBody;
    const offersEvent = events.find((e) => e.uid === `deadline-${offers.id}@${host}`) as ICAL.Event;
    expect(offersEvent.summary).toMatch(/^Termin składania ofert – ZP\.271\./);
    expect(offersEvent.description).toContain('Podstawa: art. 283');
    // Every UID is unique in the feed.
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it('lists only deadlines of tenders the user may see', async () => {
    const stranger = await login(t, 'coordinator@zabierzow.demo');
    const issued = await stranger.post('/me/calendar-token').expect(201);
    const text = (
      await fetchFeed(feedPath(issued.body.url as string))
        .buffer(true)
        .expect(200)
    ).text;
    expect(icalProblems(text)).toEqual([]);
    for (const d of deadlines) expect(text).not.toContain(d.id);
  });

  it('rotating the token invalidates the old URL; revoking invalidates the current one', async () => {
    const first = feedPath(
      (await officer.post('/me/calendar-token').expect(201)).body.url as string,
    );
    await fetchFeed(first).expect(200);
    const second = feedPath(
      (await officer.post('/me/calendar-token').expect(201)).body.url as string,
    );
    expect(second).not.toBe(first);
    const gone = await fetchFeed(first).expect(404);
    expect(gone.body.code).toBeDefined();
    await fetchFeed(second).expect(200);

    await officer.delete('/me/calendar-token').expect(204);
    await fetchFeed(second).expect(404);
    // Malformed tokens are simply unknown.
    await fetchFeed('/api/v1/calendar/not-a-token.ics').expect(404);
    await fetchFeed(`/api/v1/calendar/${'A'.repeat(43)}.ics`).expect(404);
    const audit = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'calendar.%' ORDER BY occurred_at`,
      [officer.userId],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['calendar.token_issued', 'calendar.token_revoked']),
    );
  });
});

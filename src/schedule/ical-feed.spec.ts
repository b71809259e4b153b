import ICAL from 'ical.js';
import { hasFoldedLines, icalProblems } from '../../test/support/ical';
import { buildDeadlineFeed, type FeedDeadline } from './ical-feed';

const offers: FeedDeadline = {
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  kind: 'OFFERS',
  title: 'Termin składania ofert',
  dueAt: new Date('2027-01-26T10:00:00+01:00'),
  status: 'OPEN',
  basis: 'art. 283 Pzp; art. 111 § 2 i art. 115 KC w zw. z art. 8 ust. 1 Pzp',
  reminderOffsets: [10080, 1440, 0],
  responsibleOrganisationName: 'Gmina Skawina',
  tenderId: '0b7a1c00-0000-4000-8000-000000000002',
  tenderReference: 'ZP.271.1.2027',
  tenderTitle: 'Przebudowa dróg gminnych w partnerstwie Razem Blisko Krakowa – część zachodnia',
  version: 3,
  updatedAt: new Date('2026-11-26T10:15:00Z'),
};
// Summer time: the same wall-clock hour is another UTC offset.
const standstill: FeedDeadline = {
  ...offers,
  id: '6f1c2d3e-0000-4000-8000-000000000003',
  kind: 'STANDSTILL_END',
  title: 'Koniec terminu na zawarcie umowy (standstill)',
  dueAt: new Date('2027-06-14T23:59:00+02:00'),
  status: 'MISSED',
  reminderOffsets: [],
  version: 1,
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const tz of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  }
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('iCalendar feed of deadlines', () => {
  const text = buildDeadlineFeed([offers, standstill], {
    name: 'Wspólnie – terminy (Jan Kowalski)',
    publicUrl: 'https://wspolnie.example',
  });

  it('is RFC 5545 on the wire: CRLF lines, ≤ 75 octets folded, VERSION, PRODID, UID, DTSTAMP', () => {
    expect(icalProblems(text)).toEqual([]);
    // The long Polish description had to be folded (by octets: ł, ó, ż are two each).
    expect(hasFoldedLines(text)).toBe(true);
  });

  it('parses with ical.js into one event per deadline at the right instant', () => {
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('Wspólnie');
    expect(events.map((e) => e.uid)).toEqual([
      'deadline-6f1c2d3e-0000-4000-8000-000000000001@wspolnie.example',
      'deadline-6f1c2d3e-0000-4000-8000-000000000003@wspolnie.example',
    ]);
    expect(events[0].startDate.zone.tzid).toBe('Europe/Warsaw');
    expect(events[0].startDate.toJSDate().toISOString()).toBe('2027-01-26T09:00:00.000Z');
    expect(events[0].endDate.toJSDate().toISOString()).toBe('2027-01-26T09:30:00.000Z');
    expect(events[1].startDate.toJSDate().toISOString()).toBe('2027-06-14T21:59:00.000Z');
    expect(events[0].sequence).toBe(3);
  });

  it('writes Warsaw wall-clock times with their TZID and a VTIMEZONE', () => {
    expect(text).toContain('DTSTART;TZID=Europe/Warsaw:20270126T100000\r\n');
    expect(text).toContain('DTSTART;TZID=Europe/Warsaw:20270614T235900\r\n');
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw\r\n');
    expect(text).toContain('DTSTAMP:20261126T101500Z\r\n');
  });

  it('carries the Polish summary, description and reminders (VALARM) of open deadlines', () => {
    const { events } = parse(text);
    expect(events[0].summary).toBe('Termin składania ofert – ZP.271.1.2027');
    expect(events[0].description).toContain('Podstawa: art. 283 Pzp');
    expect(events[0].description).toContain('Odpowiada: Gmina Skawina');
    const alarms = events[0].component.getAllSubcomponents('valarm');
    expect(alarms.map((a) => String(a.getFirstPropertyValue('trigger')))).toEqual([
      '-P7D',
      '-P1D',
      'PT0S',
    ]);
    expect(alarms.every((a) => a.getFirstPropertyValue('action') === 'DISPLAY')).toBe(true);
    expect(events[1].summary).toMatch(/^\[PRZEKROCZONY\] /);
    expect(events[1].component.getAllSubcomponents('valarm')).toHaveLength(0);
  });
});

describe('iCalendar summary of a payment', () => {
  it('names the kind once when the title begins with it ("Płatność: zaliczka …")', () => {
    const payment: FeedDeadline = {
      ...offers,
      kind: 'PAYMENT',
      title: 'Płatność: zaliczka 30 750,00 zł (Gmina Liszki)',
      basis: null,
    };
    const { events } = parse(
      buildDeadlineFeed([payment], { name: 'x', publicUrl: 'https://wspolnie.example' }),
    );
    expect(events[0].summary).toBe(
      'Płatność: zaliczka 30 750,00 zł (Gmina Liszki) – ZP.271.1.2027',
    );
  });
});

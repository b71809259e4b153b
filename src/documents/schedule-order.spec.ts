import type { DeadlineSnapshot } from './render/snapshot.types';
import { orderedSchedule, outdatedScheduleDates, PLANNED_START_BASIS } from './schedule-order';

const d = (
  kind: DeadlineSnapshot['kind'],
  dueAt: string,
  over: Partial<DeadlineSnapshot> = {},
) => ({ kind, dueAt, basis: 'harmonogram postępowania', ...over });

describe('orderedSchedule', () => {
  it('keeps a lawful schedule whole, same-day steps included', () => {
    const lawful = [
      d('SHARE_CONFIRMATION', '2027-01-04T14:00:00.000Z'),
      d('AGREEMENT_SIGNING', '2027-01-08'),
      d('NOTICE_PUBLICATION', '2027-01-11'),
      d('OFFERS', '2027-01-26T09:00:00.000Z'),
      d('OPENING', '2027-01-26T09:30:00.000Z'),
      d('OFFER_VALIDITY', '2027-02-24T22:59:00.000Z'),
      d('PAYMENT', '2026-12-20T22:59:00.000Z'),
    ];
    expect(orderedSchedule(lawful)).toEqual({ kept: lawful, left: [] });
  });

  it('leaves out an offers date before the agreement date, and what follows from it', () => {
    const offers = d('OFFERS', '2027-01-05T09:00:00.000Z');
    const validity = d('OFFER_VALIDITY', '2027-01-10T22:59:00.000Z');
    const { kept, left } = orderedSchedule([
      d('SHARE_CONFIRMATION', '2027-01-04T14:00:00.000Z'),
      offers,
      d('AGREEMENT_SIGNING', '2027-01-08'),
      d('NOTICE_PUBLICATION', '2027-01-11'),
      d('OPENING', '2027-02-01T09:30:00.000Z'),
      d('OFFER_VALIDITY', '2027-03-01T22:59:00.000Z'),
      validity,
    ]);
    expect(left).toEqual([offers]);
    expect(kept.map((k) => k.kind)).toEqual([
      'SHARE_CONFIRMATION',
      'AGREEMENT_SIGNING',
      'NOTICE_PUBLICATION',
      'OPENING',
      'OFFER_VALIDITY',
      'OFFER_VALIDITY',
    ]);
    // With the offers date kept, a validity ending before it is the contradiction.
    const withOffers = orderedSchedule([d('OFFERS', '2027-01-26T09:00:00.000Z'), validity]);
    expect(withOffers.left).toEqual([validity]);
  });

  it('drops the one stray date rather than every later step', () => {
    const stray = d('SHARE_CONFIRMATION', '2027-06-30T13:00:00.000Z');
    const { left } = orderedSchedule([
      stray,
      d('AGREEMENT_SIGNING', '2027-01-08'),
      d('NOTICE_PUBLICATION', '2027-01-11'),
      d('OFFERS', '2027-01-26T09:00:00.000Z'),
    ]);
    expect(left).toEqual([stray]);
  });

  it('compares calendar days in Warsaw, not UTC instants', () => {
    // 23:30 Warsaw on 10 January is 22:30 UTC: the same day as a publication on the 10th.
    const late = d('SHARE_CONFIRMATION', '2027-01-10T22:30:00.000Z');
    expect(orderedSchedule([late, d('NOTICE_PUBLICATION', '2027-01-10')]).left).toEqual([]);
    const next = d('SHARE_CONFIRMATION', '2027-01-10T23:30:00.000Z');
    expect(orderedSchedule([next, d('NOTICE_PUBLICATION', '2027-01-10')]).left).toHaveLength(1);
  });
});

describe('outdatedScheduleDates', () => {
  const printed = [
    d('SHARE_CONFIRMATION', '2027-01-04T14:00:00.000Z'),
    d('NOTICE_PUBLICATION', '2027-01-11', { basis: PLANNED_START_BASIS }),
    d('OFFERS', '2027-01-26T09:00:00.000Z'),
  ];

  it('holds while every printed date is still in the schedule, new dates added', () => {
    expect(
      outdatedScheduleDates(printed, [
        ...printed.slice(0, 1),
        d('SHARE_CONFIRMATION', '2027-01-04T10:00:00.000Z'),
        d('NOTICE_PUBLICATION', '2027-01-04', { basis: 'data publikacji ogłoszenia' }),
        d('OFFERS', '2027-01-26T11:00:00.000Z'),
        d('OPENING', '2027-01-26T11:30:00.000Z'),
      ]),
    ).toEqual([]);
  });

  it('names each printed date that moved or is gone', () => {
    expect(outdatedScheduleDates(printed, [d('OFFERS', '2027-02-02T09:00:00.000Z')])).toEqual([
      'SHARE_CONFIRMATION 2027-01-04 → none',
      'OFFERS 2027-01-26 → 2027-02-02',
    ]);
  });

  it('tells custom deadlines apart by title', () => {
    const custom = d('CUSTOM', '2027-01-05T08:00:00.000Z', { title: 'Posiedzenie komisji' });
    expect(outdatedScheduleDates([custom], [{ ...custom, title: 'Inne' }])).toHaveLength(1);
    expect(outdatedScheduleDates([custom], [custom])).toEqual([]);
  });
});

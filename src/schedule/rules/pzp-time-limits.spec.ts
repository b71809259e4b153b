import * as fc from 'fast-check';
import {
  addCalendarDays,
  daysBetween,
  isWorkingDay,
  warsawDate,
} from '../../common/polish-calendar';
import {
  answersDue,
  appealLimit,
  checkOfferDeadline,
  minimumOfferDeadline,
  offerValidity,
  offerValidityExtensionProblem,
  minimumStandstillEnd,
  proposeSchedule,
  PZP_TIME_LIMIT_TABLES,
  questionsCutoff,
  SUBJECT_KINDS,
  type Procedure,
  type Regime,
  type ScheduleItem,
  type ScheduleItemKind,
  type SubjectKind,
  type VersionedRule,
} from './pzp-time-limits';

// The statutory numbers, restated here from DOMAIN.md so the tests do not read them from the code.
const OFFER_DAYS = { BASIC_SUPPLIES: 7, BASIC_WORKS: 14, EU: 35, EU_SHORTENED: 15 } as const;
const QA_DAYS = {
  NATIONAL: { requests: 4, answers: 2 },
  EU: { requests: 14, answers: 6 },
  EU_URGENT: { requests: 7, answers: 4 },
} as const;
const STANDSTILL_DAYS = { NATIONAL: [5, 10], EU: [10, 15] } as const; // [electronic, other]

const day = (iso: string): string => warsawDate(new Date(iso));
const item = (items: ScheduleItem[], kind: ScheduleItemKind): ScheduleItem => {
  const found = items.find((i) => i.kind === kind);
  if (!found) throw new Error(`no ${kind} item`);
  return found;
};

describe('Pzp minimum time limits', () => {
  describe('offer deadline minimums', () => {
    it('tryb podstawowy, supplies: 7 days from BZP publication (art. 283)', () => {
      const min = minimumOfferDeadline({
        regime: 'NATIONAL',
        procedure: 'BASIC',
        subjectKind: 'SUPPLIES',
        publishedOn: '2026-03-02',
      });
      expect(min).toMatchObject({ days: 7, earliest: '2026-03-09' });
      expect(min?.basis).toMatch(/^art\. 283 Pzp; art\. 111 § 2 i art\. 115 KC/);
    });

    it('tryb podstawowy, works: 14 days', () => {
      expect(
        minimumOfferDeadline({
          regime: 'NATIONAL',
          procedure: 'BASIC',
          subjectKind: 'WORKS',
          publishedOn: '2026-03-02',
        }),
      ).toMatchObject({ days: 14, earliest: '2026-03-16' });
    });

    it('shifts a minimum that ends on Christmas to the next working day', () => {
      // Fri 18.12.2026 + 7 = Fri 25.12 (holiday) → 26 Sat → 27 Sun → Mon 28.12.
      expect(
        minimumOfferDeadline({
          regime: 'NATIONAL',
          procedure: 'BASIC',
          subjectKind: 'SERVICES',
          publishedOn: '2026-12-18',
        })?.earliest,
      ).toBe('2026-12-28');
    });

    it('EU open procedure: 35 days from sending the notice (art. 138 ust. 1), past Easter Monday', () => {
      // 2.03.2026 + 35 = Mon 6.04.2026, Easter Monday → Tue 7.04.
      const min = minimumOfferDeadline({
        regime: 'EU',
        procedure: 'OPEN',
        subjectKind: 'WORKS',
        publishedOn: '2026-03-02',
      });
      expect(min).toMatchObject({ days: 35, earliest: '2026-04-07' });
      expect(min?.basis).toMatch(/^art\. 138 ust\. 1 Pzp/);
      expect(min?.limit.nominalEnd).toBe('2026-04-06');
    });

    it.each([
      [{ urgent: true }],
      [{ priorInformationNotice: true }],
      [{ urgent: true, priorInformationNotice: true }],
    ])('EU open procedure shortened to 15 days with %j (art. 138 ust. 2)', (flags) => {
      const min = minimumOfferDeadline({
        regime: 'EU',
        procedure: 'OPEN',
        subjectKind: 'SERVICES',
        publishedOn: '2026-03-02',
        ...flags,
      });
      expect(min).toMatchObject({ days: 15, earliest: '2026-03-17' });
      expect(min?.basis).toMatch(/^art\. 138 ust\. 2 Pzp/);
    });

    it('treats the restricted procedure as open and says so', () => {
      const min = minimumOfferDeadline({
        regime: 'EU',
        procedure: 'RESTRICTED',
        subjectKind: 'SUPPLIES',
        publishedOn: '2026-03-02',
      });
      expect(min).toMatchObject({ days: 35, earliest: '2026-04-07' });
      expect(min?.note).toMatch(/przetargu ograniczonego/);
    });

    it('applies the longer EU floor to an open procedure below EU thresholds, with a note', () => {
      const min = minimumOfferDeadline({
        regime: 'NATIONAL',
        procedure: 'OPEN',
        subjectKind: 'SUPPLIES',
        publishedOn: '2026-03-02',
      });
      expect(min?.days).toBe(35);
      expect(min?.note).toMatch(/zachowawczo/);
    });

    it('does not shorten national minimums for urgency', () => {
      const min = minimumOfferDeadline({
        regime: 'NATIONAL',
        procedure: 'BASIC',
        subjectKind: 'SUPPLIES',
        publishedOn: '2026-03-02',
        urgent: true,
      });
      expect(min?.days).toBe(7);
      expect(min?.note).toMatch(/Pilna potrzeba/);
    });

    it('returns null outside the Act: no statutory minimum', () => {
      expect(
        minimumOfferDeadline({
          regime: 'OUTSIDE_ACT',
          procedure: 'BASIC',
          subjectKind: 'SUPPLIES',
          publishedOn: '2026-03-02',
        }),
      ).toBeNull();
    });

    it('refuses tryb podstawowy above EU thresholds, unknown values, bad dates and pre-2021 dates', () => {
      const base = {
        regime: 'EU',
        procedure: 'BASIC',
        subjectKind: 'SUPPLIES',
        publishedOn: '2026-03-02',
      } as const;
      expect(() => minimumOfferDeadline(base)).toThrow(/art\. 275/);
      expect(() =>
        minimumOfferDeadline({ ...base, procedure: 'OPEN', regime: 'PL' as Regime }),
      ).toThrow(/regime must be one of/);
      expect(() => minimumOfferDeadline({ ...base, procedure: 'DIALOGUE' as Procedure })).toThrow(
        RangeError,
      );
      expect(() =>
        minimumOfferDeadline({ ...base, procedure: 'OPEN', subjectKind: 'GOODS' as SubjectKind }),
      ).toThrow(/subjectKind/);
      expect(() =>
        minimumOfferDeadline({ ...base, procedure: 'OPEN', publishedOn: '2026-02-30' }),
      ).toThrow(/publishedOn/);
      expect(() =>
        minimumOfferDeadline({ ...base, procedure: 'OPEN', publishedOn: '2020-12-31' }),
      ).toThrow(/2021-01-01/);
    });
  });

  describe('checkOfferDeadline (the 422 answer)', () => {
    const basic = {
      regime: 'NATIONAL',
      procedure: 'BASIC',
      subjectKind: 'WORKS',
      publishedOn: '2026-03-02',
    } as const;

    it('refuses a deadline one day short with the earliest lawful day and the article', () => {
      expect(checkOfferDeadline({ ...basic, offerDeadline: '2026-03-15' })).toEqual({
        ok: false,
        earliest: '2026-03-16',
        days: 14,
        basis: 'art. 283 Pzp; art. 111 § 2 i art. 115 KC w zw. z art. 8 ust. 1 Pzp',
      });
    });

    it('accepts the earliest lawful day and later', () => {
      expect(checkOfferDeadline({ ...basic, offerDeadline: '2026-03-16' })).toEqual({ ok: true });
      expect(checkOfferDeadline({ ...basic, offerDeadline: '2026-04-30' })).toEqual({ ok: true });
    });

    it('judges an instant by its day in Warsaw', () => {
      // 23:30Z on 15.03 is 00:30 on 16.03 in Warsaw (CET).
      expect(checkOfferDeadline({ ...basic, offerDeadline: '2026-03-15T23:30:00Z' }).ok).toBe(true);
      expect(checkOfferDeadline({ ...basic, offerDeadline: '2026-03-15T22:30:00Z' }).ok).toBe(
        false,
      );
      expect(checkOfferDeadline({ ...basic, offerDeadline: '2026-03-16T10:00:00+01:00' }).ok).toBe(
        true,
      );
      expect(
        checkOfferDeadline({ ...basic, offerDeadline: new Date('2026-03-16T09:00:00Z') }).ok,
      ).toBe(true);
    });

    it('refuses a time without an offset (it would be read in the server zone)', () => {
      expect(() => checkOfferDeadline({ ...basic, offerDeadline: '2026-03-16T10:00:00' })).toThrow(
        /offset/,
      );
    });

    it('is always ok outside the Act', () => {
      expect(
        checkOfferDeadline({ ...basic, regime: 'OUTSIDE_ACT', offerDeadline: '2026-03-03' }),
      ).toEqual({ ok: true });
    });

    it('accepts exactly the days from the earliest on', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 3000 }).map((n) => addCalendarDays('2021-01-01', n)),
          fc.integer({ min: -10, max: 10 }),
          (publishedOn, offset) => {
            const input = { ...basic, publishedOn };
            const earliest = minimumOfferDeadline(input)?.earliest ?? '';
            const deadline = addCalendarDays(earliest, offset);
            const result = checkOfferDeadline({ ...input, offerDeadline: deadline });
            expect(result.ok).toBe(offset >= 0);
            expect(daysBetween(publishedOn, earliest)).toBeGreaterThanOrEqual(14);
          },
        ),
      );
    });
  });

  describe('clarifications of the SWZ', () => {
    it('national: requests 4 days before, answers 2 days before (art. 284 ust. 2)', () => {
      expect(questionsCutoff('2026-03-13', 'NATIONAL')).toMatchObject({
        days: 4,
        date: '2026-03-09',
        shifted: false,
      });
      const answers = answersDue('2026-03-13', 'NATIONAL');
      expect(answers).toMatchObject({ days: 2, date: '2026-03-11' });
      expect(answers?.basis).toMatch(/^art\. 284 ust\. 2 Pzp/);
    });

    it('EU: 14 and 6 days (art. 135 ust. 2); urgent: 7 and 4', () => {
      expect(questionsCutoff('2026-04-07', 'EU')?.date).toBe('2026-03-24');
      expect(answersDue('2026-04-07', 'EU')?.date).toBe('2026-04-01');
      expect(questionsCutoff('2026-03-20', 'EU', true)?.date).toBe('2026-03-13');
      expect(answersDue('2026-03-20', 'EU', true)?.date).toBe('2026-03-16');
      expect(answersDue('2026-03-20', 'EU', true)?.basis).toMatch(/art\. 138 ust\. 2 pkt 2/);
    });

    it('moves a day falling on Easter earlier and warns about the other reading', () => {
      // Offers Wed 8.04.2026: cut-off Sat 4.04 → Fri 3.04; answers Mon 6.04 (Easter Monday) → Fri.
      const cutoff = questionsCutoff('2026-04-08', 'NATIONAL');
      expect(cutoff).toMatchObject({ nominal: '2026-04-04', date: '2026-04-03', shifted: true });
      expect(cutoff?.note).toMatch(/2026-04-07/);
      expect(answersDue('2026-04-08', 'NATIONAL')?.date).toBe('2026-04-03');
    });

    it('takes an offer deadline with a time, by its Warsaw day', () => {
      expect(questionsCutoff('2026-03-13T10:00:00+01:00', 'NATIONAL')?.date).toBe('2026-03-09');
    });

    it('has no statutory clarification limits outside the Act', () => {
      expect(questionsCutoff('2026-03-13', 'OUTSIDE_ACT')).toBeNull();
      expect(answersDue('2026-03-13', 'OUTSIDE_ACT')).toBeNull();
    });
  });

  describe('standstill and appeals', () => {
    it('national standstill: 5 days electronic, 10 otherwise (art. 308 ust. 2)', () => {
      const electronic = minimumStandstillEnd({ regime: 'NATIONAL', sentOn: '2026-12-21' });
      expect(electronic).toMatchObject({
        days: 5,
        end: '2026-12-28',
        earliestContractDate: '2026-12-29',
      });
      expect(electronic?.basis).toMatch(/^art\. 308 ust\. 2 Pzp/);
      expect(
        minimumStandstillEnd({ regime: 'NATIONAL', sentOn: '2026-12-21', electronic: false })?.end,
      ).toBe('2026-12-31');
    });

    it('EU standstill: 10 days electronic, 15 otherwise (art. 264 ust. 1)', () => {
      expect(minimumStandstillEnd({ regime: 'EU', sentOn: '2026-12-21' })).toMatchObject({
        days: 10,
        end: '2026-12-31',
      });
      expect(
        minimumStandstillEnd({ regime: 'EU', sentOn: '2026-12-21', electronic: false }),
      ).toMatchObject({ days: 15, end: '2027-01-05' });
    });

    it('the appeal example of DOMAIN.md ends on Monday 28.12.2026', () => {
      const appeal = appealLimit({ regime: 'NATIONAL', from: '2026-12-21' });
      expect(appeal).toMatchObject({ days: 5, end: '2026-12-28' });
      expect(appeal?.basis).toMatch(/art\. 515 ust\. 1 pkt 2 lit\. a Pzp/);
      expect(appeal?.limit.nominalEnd).toBe('2026-12-26');
    });

    it('appeal limits: 10 days above EU thresholds, longer when not electronic', () => {
      expect(appealLimit({ regime: 'EU', from: '2026-12-21' })?.end).toBe('2026-12-31');
      expect(appealLimit({ regime: 'EU', from: '2026-12-21', electronic: false })?.days).toBe(15);
      expect(appealLimit({ regime: 'NATIONAL', from: '2026-12-21', electronic: false })?.days).toBe(
        10,
      );
    });

    it('appeal against the notice: 5 days from BZP, 10 from TED (art. 515 ust. 2)', () => {
      // Mon 2.03.2026 + 5 = Sat 7.03 → Mon 9.03.
      expect(
        appealLimit({ regime: 'NATIONAL', against: 'NOTICE_OR_DOCUMENTS', from: '2026-03-02' }),
      ).toMatchObject({ days: 5, end: '2026-03-09' });
      expect(
        appealLimit({ regime: 'EU', against: 'NOTICE_OR_DOCUMENTS', from: '2026-03-02' })?.days,
      ).toBe(10);
    });

    it('has no standstill and no KIO appeal outside the Act; refuses bad input', () => {
      expect(minimumStandstillEnd({ regime: 'OUTSIDE_ACT', sentOn: '2026-12-21' })).toBeNull();
      expect(appealLimit({ regime: 'OUTSIDE_ACT', from: '2026-12-21' })).toBeNull();
      expect(() => minimumStandstillEnd({ regime: 'EU', sentOn: '21.12.2026' })).toThrow(/sentOn/);
      expect(() =>
        appealLimit({ regime: 'EU', from: '2026-12-21', against: 'SWZ' as 'ACT' }),
      ).toThrow(/against/);
    });
  });

  describe('the versioned tables', () => {
    const rows: VersionedRule[] = Object.values(PZP_TIME_LIMIT_TABLES).flat();

    it('have valid date ranges and a basis on every row', () => {
      for (const row of rows) {
        expect(row.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (row.validTo !== undefined) expect(row.validTo >= row.validFrom).toBe(true);
        expect(row.basis).toMatch(/art\. \d+/);
      }
    });

    it('resolve every supported case to exactly one row (no gaps, no overlaps)', () => {
      const days = ['2021-01-01', '2023-06-15', '2026-01-01', '2030-12-31'];
      const regimes = ['NATIONAL', 'EU'] as const;
      for (const on of days) {
        for (const regime of regimes) {
          for (const procedure of ['BASIC', 'OPEN', 'RESTRICTED'] as const) {
            if (regime === 'EU' && procedure === 'BASIC') continue;
            for (const subjectKind of SUBJECT_KINDS) {
              for (const urgent of [false, true]) {
                expect(() =>
                  minimumOfferDeadline({ regime, procedure, subjectKind, publishedOn: on, urgent }),
                ).not.toThrow();
              }
            }
          }
          for (const urgent of [false, true]) {
            expect(() => questionsCutoff(on, regime, urgent)).not.toThrow();
          }
          for (const electronic of [false, true]) {
            expect(() => minimumStandstillEnd({ regime, sentOn: on, electronic })).not.toThrow();
            for (const against of ['ACT', 'NOTICE_OR_DOCUMENTS'] as const) {
              expect(() => appealLimit({ regime, against, from: on, electronic })).not.toThrow();
            }
          }
        }
      }
    });
  });

  describe('proposeSchedule', () => {
    it('proposes a lawful national tryb podstawowy schedule with documented times', () => {
      const { items, statutory } = proposeSchedule({
        regime: 'NATIONAL',
        procedure: 'BASIC',
        subjectKind: 'SUPPLIES',
        publishedOn: '2026-03-02',
      });
      expect(statutory).toBe(true);
      expect(items.map((i) => [i.kind, i.dueAt, i.minimum, i.constraint])).toEqual([
        // Offers Thu 12.03: cut-off 8.03 is a Sunday: statutory Fri 6.03, announced Mon 9.03.
        ['QUESTIONS_CUTOFF', '2026-03-09T23:59:00+01:00', '2026-03-06', 'NOT_BEFORE'],
        ['ANSWERS_DUE', '2026-03-10T15:00:00+01:00', '2026-03-10', 'NOT_AFTER'],
        // Minimum Mon 9.03; Tue and Wed would put the answers or the cut-off on the weekend.
        ['OFFERS', '2026-03-12T10:00:00+01:00', '2026-03-09', 'NOT_BEFORE'],
        ['OPENING', '2026-03-12T10:30:00+01:00', '2026-03-12', 'NOT_BEFORE'],
        // Award notice estimated Thu 26.03 + 5 days; summer time from 29.03.
        ['STANDSTILL_END', '2026-03-31T23:59:00+02:00', '2026-03-31', 'NOT_BEFORE'],
        ['CONTRACT_SIGNING', '2026-04-01T12:00:00+02:00', '2026-04-01', 'NOT_BEFORE'],
        // Offers day 12.03 is the first of 30 days (art. 307 ust. 1): the last is 10.04.
        ['OFFER_VALIDITY', '2026-04-10T23:59:00+02:00', '2026-04-10', 'NOT_AFTER'],
      ]);
      expect(item(items, 'OFFER_VALIDITY').basis).toBe('art. 307 ust. 1 Pzp');
      expect(item(items, 'OFFERS').basis).toMatch(/^art\. 283 Pzp/);
      expect(item(items, 'STANDSTILL_END').basis).toMatch(/^art\. 308 ust\. 2 Pzp/);
      expect(item(items, 'OPENING').basis).toBe('art. 222 ust. 1 Pzp');
    });

    it('proposes an EU open procedure over Christmas', () => {
      const { items } = proposeSchedule({
        regime: 'EU',
        procedure: 'OPEN',
        subjectKind: 'WORKS',
        publishedOn: '2026-11-20',
      });
      // 20.11 + 35 = Fri 25.12 (holiday) → Mon 28.12.
      expect(item(items, 'OFFERS')).toMatchObject({
        dueAt: '2026-12-28T10:00:00+01:00',
        minimum: '2026-12-28',
      });
      expect(item(items, 'QUESTIONS_CUTOFF').minimum).toBe('2026-12-14');
      expect(item(items, 'ANSWERS_DUE').minimum).toBe('2026-12-22');
      expect(item(items, 'STANDSTILL_END').basis).toMatch(/^art\. 264 ust\. 1 Pzp/);
    });

    it('uses the longer standstill when notices are not sent electronically', () => {
      const input = {
        regime: 'NATIONAL',
        procedure: 'BASIC',
        subjectKind: 'SUPPLIES',
        publishedOn: '2026-03-02',
      } as const;
      const electronic = item(proposeSchedule(input).items, 'STANDSTILL_END');
      const paper = item(proposeSchedule({ ...input, electronic: false }).items, 'STANDSTILL_END');
      // Award notice Thu 26.03: + 5 = Tue 31.03; + 10 = Sun 5.04 → Easter Monday → Tue 7.04.
      expect(electronic.minimum).toBe('2026-03-31');
      expect(paper.minimum).toBe('2026-04-07');
    });

    it('puts the share confirmation first and refuses one on or after publication', () => {
      const input = {
        regime: 'NATIONAL',
        procedure: 'BASIC',
        subjectKind: 'SUPPLIES',
        publishedOn: '2026-03-02',
      } as const;
      const { items } = proposeSchedule({ ...input, shareDeadline: '2026-02-20' });
      expect(items[0]).toMatchObject({
        kind: 'SHARE_CONFIRMATION',
        dueAt: '2026-02-20T15:00:00+01:00',
        minimum: '2026-03-01',
        constraint: 'NOT_AFTER',
      });
      expect(() => proposeSchedule({ ...input, shareDeadline: '2026-03-02' })).toThrow(
        /before publishedOn/,
      );
      expect(() => proposeSchedule({ ...input, shareDeadline: '2026-02-31' })).toThrow(
        /shareDeadline/,
      );
    });

    it('outside the Act proposes dates without statutory minimums', () => {
      const proposal = proposeSchedule({
        regime: 'OUTSIDE_ACT',
        procedure: 'BASIC',
        subjectKind: 'WORKS',
        publishedOn: '2026-11-20',
      });
      expect(proposal.statutory).toBe(false);
      expect(proposal.items.map((i) => i.kind)).toEqual(['OFFERS', 'OPENING', 'CONTRACT_SIGNING']);
      for (const i of proposal.items) {
        expect(i.minimum).toBeNull();
        expect(i.constraint).toBe('NONE');
        expect(i.basis).toMatch(/art\. 2 ust\. 1 pkt 1 Pzp/);
      }
    });

    it('refuses a bad evaluation period', () => {
      expect(() =>
        proposeSchedule({
          regime: 'EU',
          procedure: 'OPEN',
          subjectKind: 'WORKS',
          publishedOn: '2026-11-20',
          evaluationDays: -1,
        }),
      ).toThrow(/evaluationDays/);
    });

    const statutoryCase = fc
      .record({
        regime: fc.constantFrom('NATIONAL', 'EU'),
        procedure: fc.constantFrom('BASIC', 'OPEN', 'RESTRICTED'),
        subjectKind: fc.constantFrom(...SUBJECT_KINDS),
        publishedOn: fc.integer({ min: 0, max: 5478 }).map((n) => addCalendarDays('2021-01-01', n)),
        urgent: fc.boolean(),
        priorInformationNotice: fc.boolean(),
        electronic: fc.boolean(),
        evaluationDays: fc.integer({ min: 0, max: 60 }),
      })
      .filter((c) => !(c.regime === 'EU' && c.procedure === 'BASIC'));

    it('every proposed date respects its minimum, for any publication day 2021–2035', () => {
      fc.assert(
        fc.property(statutoryCase, (input) => {
          const { items } = proposeSchedule(input);
          for (const i of items) {
            expect(i.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/);
            const due = day(i.dueAt);
            if (i.constraint === 'NOT_BEFORE') expect(due >= (i.minimum ?? '')).toBe(true);
            if (i.constraint === 'NOT_AFTER') expect(due <= (i.minimum ?? '')).toBe(true);
            expect(i.basis).toMatch(/art\. \d+/);
          }
        }),
        { numRuns: 400 },
      );
    });

    it('the proposal meets the statutory numbers restated independently', () => {
      fc.assert(
        fc.property(statutoryCase, (input) => {
          const { items } = proposeSchedule(input);
          const offers = day(item(items, 'OFFERS').dueAt);
          const { regime, procedure, subjectKind, urgent, priorInformationNotice } = input;

          // Offers: at least the statutory number of days after publication, on a working day,
          // and accepted by checkOfferDeadline.
          const offerDays =
            procedure === 'BASIC'
              ? subjectKind === 'WORKS'
                ? OFFER_DAYS.BASIC_WORKS
                : OFFER_DAYS.BASIC_SUPPLIES
              : regime === 'EU' && (urgent || priorInformationNotice)
                ? OFFER_DAYS.EU_SHORTENED
                : OFFER_DAYS.EU;
          expect(daysBetween(input.publishedOn, offers)).toBeGreaterThan(offerDays);
          expect(isWorkingDay(offers)).toBe(true);
          expect(
            checkOfferDeadline({ ...input, offerDeadline: item(items, 'OFFERS').dueAt }).ok,
          ).toBe(true);

          // Clarifications: answers on a working day at least N days before the offers; requests
          // accepted at least until M days before; the announced cut-off precedes the answers.
          const qa = regime === 'EU' ? (urgent ? QA_DAYS.EU_URGENT : QA_DAYS.EU) : QA_DAYS.NATIONAL;
          const answers = day(item(items, 'ANSWERS_DUE').dueAt);
          const cutoff = day(item(items, 'QUESTIONS_CUTOFF').dueAt);
          expect(daysBetween(answers, offers)).toBeGreaterThanOrEqual(qa.answers);
          expect(isWorkingDay(answers)).toBe(true);
          expect(cutoff >= addCalendarDays(offers, -qa.requests)).toBe(true);
          expect(cutoff < answers).toBe(true);
          expect(cutoff > input.publishedOn).toBe(true);

          // Opening 30 minutes after the offer deadline, the same day.
          const opening = item(items, 'OPENING').dueAt;
          expect(Date.parse(opening) - Date.parse(item(items, 'OFFERS').dueAt)).toBe(30 * 60_000);

          // Standstill: at least the statutory days after the opening; the contract after it,
          // on a working day.
          const standstillDays = STANDSTILL_DAYS[regime][input.electronic ? 0 : 1];
          const standstill = day(item(items, 'STANDSTILL_END').dueAt);
          const contract = day(item(items, 'CONTRACT_SIGNING').dueAt);
          expect(daysBetween(offers, standstill)).toBeGreaterThanOrEqual(
            standstillDays + input.evaluationDays,
          );
          expect(contract > standstill).toBe(true);
          expect(isWorkingDay(contract)).toBe(true);

          // Offer validity: the offers day is the first of 30 (tryb podstawowy) or 90 days.
          const validity = day(item(items, 'OFFER_VALIDITY').dueAt);
          expect(daysBetween(offers, validity)).toBe((procedure === 'BASIC' ? 30 : 90) - 1);
          expect(item(items, 'OFFER_VALIDITY').constraint).toBe('NOT_AFTER');

          // Chronological order of the instants.
          const times = items.map((i) => Date.parse(i.dueAt));
          expect([...times].sort((a, b) => a - b)).toEqual(times);
        }),
        { numRuns: 400 },
      );
    });
  });
});

describe('offer validity (termin związania ofertą)', () => {
  it('counts the offers day as the first day: 30 days in tryb podstawowy, 90 in the open procedure', () => {
    expect(offerValidity({ procedure: 'BASIC', offersDay: '2027-01-26' })).toMatchObject({
      until: '2027-02-24',
      days: 30,
      basis: 'art. 307 ust. 1 Pzp',
      extensionDays: 30,
    });
    expect(offerValidity({ procedure: 'OPEN', offersDay: '2027-01-26' })).toMatchObject({
      until: '2027-04-25',
      days: 90,
      basis: 'art. 220 ust. 2 Pzp',
      extensionDays: 60,
    });
  });

  const base = {
    procedure: 'OPEN' as const,
    currentUntil: '2027-04-25',
    requestedOn: '2027-04-20',
    validUntil: '2027-06-24',
    today: '2027-04-21',
    alreadyExtended: false,
  };

  it('allows one extension asked before expiry, up to 60 days (art. 220 ust. 3)', () => {
    expect(offerValidityExtensionProblem(base)).toBeNull();
    expect(offerValidityExtensionProblem({ ...base, validUntil: '2027-06-25' })).toMatchObject({
      field: 'validUntil',
      rule: 'maxExtension',
    });
    expect(offerValidityExtensionProblem({ ...base, alreadyExtended: true })?.rule).toBe('once');
  });

  it('refuses a request after expiry, in the future, or a day not later than the current one', () => {
    expect(
      offerValidityExtensionProblem({ ...base, requestedOn: '2027-04-26', today: '2027-04-27' }),
    ).toMatchObject({ field: 'requestedOn', rule: 'beforeExpiry' });
    expect(offerValidityExtensionProblem({ ...base, requestedOn: '2027-04-22' })).toMatchObject({
      field: 'requestedOn',
      rule: 'notInFuture',
    });
    expect(offerValidityExtensionProblem({ ...base, validUntil: '2027-04-25' })?.rule).toBe(
      'afterCurrent',
    );
  });

  it('allows at most 30 days in tryb podstawowy (art. 307 ust. 2)', () => {
    const basic = { ...base, procedure: 'BASIC' as const, currentUntil: '2027-02-24' };
    const ok = { ...basic, requestedOn: '2027-02-20', today: '2027-02-20' };
    expect(offerValidityExtensionProblem({ ...ok, validUntil: '2027-03-26' })).toBeNull();
    expect(offerValidityExtensionProblem({ ...ok, validUntil: '2027-03-27' })?.message).toMatch(
      /art\. 307 ust\. 2/,
    );
  });
});

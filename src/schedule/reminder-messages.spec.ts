import { escalationMessage, formatWarsawPl, reminderMessage } from './reminder-messages';

const facts = {
  id: 'd1',
  kind: 'SHARE_CONFIRMATION' as const,
  title: 'Potwierdzenie udziałów partnerów',
  dueAt: new Date('2026-12-18T15:00:00+01:00'),
  basis: 'art. 28 i art. 38 Pzp',
  tenderId: 't1',
  tenderReference: 'ZP.271.7.2026',
  tenderTitle: 'Przebudowa dróg gminnych',
  responsibleOrganisationName: null,
};

describe('reminder texts', () => {
  it('writes dates the Polish way in Warsaw time, summer and winter', () => {
    expect(formatWarsawPl(new Date('2026-12-18T14:00:00Z'))).toBe(
      '18 grudnia 2026 r., godz. 15:00',
    );
    expect(formatWarsawPl(new Date('2027-06-01T08:05:00Z'))).toBe('1 czerwca 2027 r., godz. 10:05');
  });

  it('tells the treasurer what waits for them, with a link to the tender', () => {
    const m = reminderMessage(facts, 1440, [
      { organisationName: 'Gmina Liszki', role: 'TREASURER' },
    ]);
    expect(m.title).toBe('Przypomnienie (jutro): Potwierdzenie udziałów partnerów – ZP.271.7.2026');
    expect(m.body).toContain('upływa 18 grudnia 2026 r., godz. 15:00');
    expect(m.body).toContain('Czeka na: Gmina Liszki – skarbnik');
    expect(m).toEqual(
      expect.objectContaining({ kind: 'deadline.reminder', link: '/postepowania/t1' }),
    );
  });

  it('names who did not act when escalating', () => {
    const m = escalationMessage(facts, [{ organisationName: 'Gmina Liszki', role: 'TREASURER' }]);
    expect(m.kind).toBe('deadline.missed');
    expect(m.title).toBe('Termin przekroczony: Potwierdzenie udziałów partnerów – ZP.271.7.2026');
    expect(m.body).toContain('upłynął 18 grudnia 2026 r., godz. 15:00');
    expect(m.body).toContain('Nie wykonali: Gmina Liszki – skarbnik');
  });

  it('makes the deadline the subject that expires, named by its title when it has its own', () => {
    expect(reminderMessage(facts, 60).body).toMatch(
      /^Termin potwierdzenia udziałów partnerów w postępowaniu „Przebudowa dróg gminnych” \(znak sprawy ZP\.271\.7\.2026\) upływa /,
    );
    const payment = {
      ...facts,
      kind: 'PAYMENT' as const,
      title: 'Zapłata faktury FV/2026/10/101',
      responsibleOrganisationName: 'Gmina Skawina',
    };
    expect(escalationMessage(payment).body).toMatch(
      /^Termin płatności „Zapłata faktury FV\/2026\/10\/101” w postępowaniu „Przebudowa dróg gminnych” \(znak sprawy ZP\.271\.7\.2026\) upłynął 18 grudnia 2026 r\., godz\. 15:00, a czynność/,
    );
    expect(
      reminderMessage({ ...payment, title: 'Płatność: zaliczka 30 750,00 zł (Gmina Liszki)' }, 60)
        .body,
    ).toMatch(/^Termin płatności „zaliczka 30 750,00 zł \(Gmina Liszki\)” w postępowaniu /);
    const task = { ...facts, kind: 'CUSTOM' as const, title: 'Dane wejściowe' };
    expect(escalationMessage(task).body).toMatch(/^Termin „Dane wejściowe” w postępowaniu /);
  });
});

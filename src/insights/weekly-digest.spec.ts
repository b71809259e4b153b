import { casesWaiting, digestBody, digestTitle, isoWeekOf } from './weekly-digest.service';

describe('the weekly digest', () => {
  it('names the ISO week of the Warsaw day (a Sunday night in UTC is Monday in Warsaw)', () => {
    expect(isoWeekOf(new Date('2026-12-02T10:00:00Z'))).toBe('2026-W49');
    expect(isoWeekOf(new Date('2026-12-06T23:30:00Z'))).toBe('2026-W50');
    expect(isoWeekOf(new Date('2027-01-01T10:00:00Z'))).toBe('2026-W53');
  });

  it('counts cases in Polish', () => {
    expect([1, 3, 5, 22].map(casesWaiting)).toEqual([
      '1 sprawa czeka',
      '3 sprawy czekają',
      '5 spraw czeka',
      '22 sprawy czekają',
    ]);
  });

  it('lists the oldest wait first, with the step, since when, how long and the link', () => {
    const body = digestBody('Gmina Liszki', [
      {
        tenderReference: 'ZP.271.2.2026',
        lot: 1,
        step: 'HEAD',
        since: new Date('2026-11-20T09:00:00Z'),
        workingDays: 3,
        link: 'https://wspolnie.example/udzialy/b',
      },
      {
        tenderReference: 'ZP.271.1.2026',
        lot: 2,
        step: 'TREASURER',
        since: new Date('2026-11-02T09:00:00Z'),
        workingDays: 21,
        link: 'https://wspolnie.example/udzialy/a',
      },
    ]);
    expect(body.split('\n')).toEqual([
      'Czekają na decyzję w jednostce: Gmina Liszki (najdłużej czekające najpierw):',
      '– ZP.271.1.2026, część 2: kontrasygnata skarbnika, czeka od 02.11.2026 r. (21 dni roboczych): https://wspolnie.example/udzialy/a',
      '– ZP.271.2.2026, część 1: podpis kierownika jednostki (wójta, burmistrza, starosty), czeka od 20.11.2026 r. (3 dni robocze): https://wspolnie.example/udzialy/b',
    ]);
  });
});

describe('the weekly digest with the tasks of the responsibility matrix', () => {
  const task = (title: string, dueOn: string, since: string, id: string) => ({
    tenderReference: 'ZP.271.5.2026',
    title,
    lotNumber: null,
    dueOn,
    since: new Date(`${since}T09:00:00Z`),
    link: `https://wspolnie.example/zadania-postepowania/${id}`,
  });

  it('names both counts in the title, in Polish', () => {
    expect(digestTitle(3, 0)).toBe('Przegląd tygodnia: 3 sprawy czekają na decyzję');
    expect(digestTitle(1, 2)).toBe(
      'Przegląd tygodnia: 1 sprawa czeka na decyzję, 2 zadania do wykonania',
    );
    expect(digestTitle(0, 5)).toBe('Przegląd tygodnia: 5 zadań do wykonania');
    expect(digestTitle(0, 1)).toBe('Przegląd tygodnia: 1 zadanie do wykonania');
  });

  it('lists the open tasks after the shares, the oldest first, overdue in words, with links', () => {
    const body = digestBody(
      'Gmina Liszki',
      [],
      [
        task('Przegląd projektu SWZ', '2026-12-24', '2026-12-03', 'b'),
        task('Dane wejściowe', '2026-12-10', '2026-11-30', 'a'),
      ],
      '2026-12-14',
    );
    expect(body.split('\n')).toEqual([
      'Zadania do wykonania w jednostce: Gmina Liszki (podział zadań i odpowiedzialności, najstarsze najpierw):',
      '– ZP.271.5.2026: Dane wejściowe, termin 10.12.2026 r. (po terminie), otwarte od 30.11.2026 r.: https://wspolnie.example/zadania-postepowania/a',
      '– ZP.271.5.2026: Przegląd projektu SWZ, termin 24.12.2026 r., otwarte od 03.12.2026 r.: https://wspolnie.example/zadania-postepowania/b',
    ]);
  });
});

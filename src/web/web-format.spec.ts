import { dateLong, duration, lotName, plnWords, plural, pln, FORMS, waited } from './web-format';

describe('web formatting for municipal clerks', () => {
  it('chooses the Polish plural form by the number', () => {
    expect(plural(1, FORMS.task)).toBe('1 zadanie');
    expect(plural(3, FORMS.task)).toBe('3 zadania');
    expect(plural(5, FORMS.task)).toBe('5 zadań');
    expect(plural(12, FORMS.task)).toBe('12 zadań');
    expect(plural(22, FORMS.task)).toBe('22 zadania');
    expect(plural(0, FORMS.notification)).toBe('0 powiadomień');
  });

  it('writes amounts with spaces between thousands and the złoty sign', () => {
    expect(pln('1234567.89')).toBe('1 234 567,89 zł');
    expect(pln(null)).toBe('—');
    expect(plnWords('1234.56')).toBe('tysiąc dwieście trzydzieści cztery złote 56/100');
  });

  it('writes dates the way an office letter does', () => {
    expect(dateLong('2026-12-01')).toBe('1 grudnia 2026 r.');
    expect(dateLong('2026-11-30T23:30:00Z')).toBe('1 grudnia 2026 r.');
  });

  it('says how long a task has waited, in the genitive after "od"', () => {
    const now = new Date('2026-12-10T12:00:00Z');
    expect(waited('2026-12-10T11:59:30Z', now)).toBe('od chwili');
    expect(waited('2026-12-10T11:59:00Z', now)).toBe('od 1 minuty');
    expect(waited('2026-12-10T07:00:00Z', now)).toBe('od 5 godzin');
    expect(waited('2026-12-09T12:00:00Z', now)).toBe('od 1 dnia');
    expect(waited('2026-12-07T12:00:00Z', now)).toBe('od 3 dni');
  });

  it('states the sign-in wait in minutes and hours', () => {
    expect(duration(59)).toBe('1 minuta');
    expect(duration(240)).toBe('4 minuty');
    expect(duration(900)).toBe('15 minut');
    expect(duration(3900)).toBe('1 godzina 5 minut');
  });

  it('names a lot once, even when its title starts with "Część N"', () => {
    expect(lotName(1, 'Część 1: drogi w gminach zachodnich')).toBe(
      'Część 1: drogi w gminach zachodnich',
    );
    expect(lotName(2, 'część nr 2 – oświetlenie', true)).toBe('część 2: oświetlenie');
    expect(lotName(3, 'Dostawa energii')).toBe('Część 3: Dostawa energii');
    expect(lotName(1, 'Część 12: inna część')).toBe('Część 1: Część 12: inna część');
    expect(lotName(4, '')).toBe('Część 4');
  });
});

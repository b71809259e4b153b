import { formErrors } from './web-validate';
import { pagerView } from './web-view-models';
import { AUDIT_FILTERS, eventWords, ORGANISATION_FORM, USER_FORM } from './web-words-admin';

describe('administration words', () => {
  it('names each event of the trail in Polish, and shows an unknown code as it is, marked English', () => {
    expect(eventWords('user.role_granted')).toEqual({
      label: 'Nadano rolę w jednostce',
      english: false,
    });
    expect(eventWords('share.approved')).toEqual({
      label: 'Zatwierdzono krok udziału',
      english: false,
    });
    expect(eventWords('probe.new_thing')).toEqual({ label: 'probe.new_thing', english: true });
  });

  it('says the rule a refused field broke, once per field, in the order of the form', () => {
    const errors = formErrors(ORGANISATION_FORM, [
      { field: 'regon', rule: 'isRegon', message: 'regon must be…' },
      { field: 'nip', rule: 'isNip', message: 'nip must be…' },
      { field: 'nip', rule: 'isString', message: 'nip must be a string' },
      { field: 'address.postalCode', rule: 'matches', message: '…' },
    ]);
    expect(errors.map((e) => [e.field, e.label])).toEqual([
      ['nip', 'NIP'],
      ['regon', 'REGON'],
      ['postalCode', 'Kod pocztowy'],
    ]);
    expect(errors[0].message).toMatch(/^NIP ma 10 cyfr/);
  });

  it('uses the sentence of the rule when there is one, the field’s general one otherwise', () => {
    expect(
      formErrors(USER_FORM, [{ field: 'email', rule: 'unique', message: '' }])[0].message,
    ).toBe('Konto z tym adresem e-mail już istnieje.');
    expect(
      formErrors(USER_FORM, [{ field: 'email', rule: 'isEmail', message: '' }])[0].message,
    ).toBe('Wpisz adres e-mail w postaci nazwa@urzad.pl (najwyżej 254 znaki).');
    expect(formErrors(AUDIT_FILTERS, [{ field: 'to', rule: 'afterFrom', message: '' }])[0]).toEqual(
      {
        field: 'to',
        label: 'Do dnia',
        message: 'Dzień końcowy nie może być wcześniejszy niż początkowy.',
      },
    );
  });

  it('never drops a refusal it has no words for: the form still says to check the input', () => {
    expect(formErrors(USER_FORM, [{ field: 'admin', rule: 'isBoolean', message: '' }])).toEqual([
      { field: 'bledy', label: 'Formularz', message: 'Sprawdź wpisane dane.' },
    ]);
  });

  it('pages a list only when it does not fit on one page', () => {
    const link = (n: number) => `?strona=${n}`;
    const to = (n: number, current = false) => ({ n, href: link(n), current });
    expect(pagerView(25, 25, 1, link)).toBeNull();
    expect(pagerView(26, 25, 1, link)).toEqual({
      pages: 2,
      pagesLabel: '2',
      current: 1,
      prev: null,
      next: '?strona=2',
      links: [to(1, true), to(2)],
    });
    expect(pagerView(76, 25, 4, link)).toEqual({
      pages: 4,
      pagesLabel: '4',
      current: 4,
      prev: '?strona=3',
      next: null,
      links: [to(1), to(2), to(3), to(4, true)],
    });
  });

  it('numbers the first, the last and the pages near the current one, with gaps between', () => {
    const link = (n: number) => `?strona=${n}`;
    const pager = pagerView(500, 10, 25, link);
    expect(pager?.links).toEqual([
      { n: 1, href: '?strona=1', current: false },
      { gap: true },
      ...[23, 24, 25, 26, 27].map((n) => ({ n, href: link(n), current: n === 25 })),
      { gap: true },
      { n: 50, href: '?strona=50', current: false },
    ]);
  });

  it('offers a next page beyond a capped count', () => {
    const link = (n: number) => `?strona=${n}`;
    expect(pagerView(1000, 20, 50, link, true)).toMatchObject({
      pagesLabel: 'ponad 50',
      next: '?strona=51',
    });
    expect(pagerView(20, 20, 1, link, true)).toMatchObject({ next: '?strona=2' });
  });
});

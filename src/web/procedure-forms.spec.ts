import {
  amountInput,
  committeeInput,
  criteriaInput,
  errorsPl,
  instantInput,
  intInput,
} from './procedure-forms';

describe('procedure forms', () => {
  it('reads Polish amounts as the API’s, leaving anything else as typed', () => {
    expect(amountInput('1 234 567,89')).toBe('1234567.89');
    expect(amountInput('1\u00a0000,00')).toBe('1000.00');
    expect(amountInput('1000.00')).toBe('1000.00');
    expect(amountInput('12,5 zł')).toBe('12.5zł');
    expect(amountInput(undefined)).toBe('');
  });

  it('reads a day and an hour on Warsaw clocks, winter and summer', () => {
    expect(instantInput('2027-01-11', '10:15')).toBe('2027-01-11T10:15:00+01:00');
    expect(instantInput('2027-07-01', '09:00')).toBe('2027-07-01T09:00:00+02:00');
    expect(instantInput('2027-13-01', '09:00')).toBe('');
    expect(instantInput('2027-01-11', '25:00')).toBe('');
    expect(intInput('5')).toBe(5);
    expect(intInput('5a')).toBe('5a');
  });

  it('says each violation once on the input it concerns, with the rule’s own sentence', () => {
    const { plain, table } = criteriaInput({ c0Weight: '70', c1Name: 'Gwarancja', c1Weight: 'x' });
    expect(plain.criteria).toEqual([
      { key: 'price', name: 'Cena', kind: 'PRICE', weight: 70, direction: 'LOWER_BETTER' },
      { key: 'kryterium_1', name: 'Gwarancja', kind: 'OTHER', weight: 'x', direction: '' },
    ]);
    expect(
      errorsPl(
        [
          { field: 'criteria', rule: 'weightsSum100', message: '' },
          { field: 'criteria[1].weight', rule: 'isInt', message: '' },
          { field: 'criteria[1].weight', rule: 'min', message: '' },
          { field: 'criteria[1].direction', rule: 'isIn', message: '' },
        ],
        table,
      ),
    ).toEqual([
      {
        field: 'c0Weight',
        label: 'Kryteria oceny ofert',
        message: 'Wagi kryteriów muszą sumować się do 100 punktów.',
      },
      {
        field: 'c1Weight',
        label: 'Kryterium 2: waga',
        message: 'Wpisz wagę w pełnych punktach od 1 do 100.',
      },
      {
        field: 'c1Direction',
        label: 'Kryterium 2: lepsza wartość',
        message: 'Wybierz, czy lepsza jest wartość wyższa, czy niższa.',
      },
    ]);
  });

  it('skips empty committee rows and names the row of a violation', () => {
    const { plain, table } = committeeInput({
      orderNumber: '1',
      orderDate: '2027-01-12',
      member0Name: 'Jan Kowalski',
      member0Function: 'HEAD',
      member2Name: 'Anna Nowak',
      member2Function: 'CHAIR',
    });
    expect(plain.members).toEqual([
      { name: 'Jan Kowalski', function: 'HEAD' },
      { name: 'Anna Nowak', function: 'CHAIR' },
    ]);
    expect(errorsPl([{ field: 'members[1].name', rule: 'minLength', message: '' }], table)).toEqual(
      [
        {
          field: 'member2Name',
          label: 'Osoba 3: imię i nazwisko',
          message: 'Wpisz imię i nazwisko (od 3 do 200 znaków).',
        },
      ],
    );
  });
});

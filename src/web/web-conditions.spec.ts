import { conditionPl } from './web-conditions';

describe('blocking conditions in Polish', () => {
  it.each([
    ['2 share(s) are not CONFIRMED yet', 'Niepotwierdzone udziały: 2.'],
    ['lot(s) 2 have no shares', 'Części bez udziałów partnerów: 2.'],
    [
      'shares must come from at least 2 organisations (joint procurement); now 1',
      'teraz jednostek: 1.',
    ],
    [
      'AGREEMENT_NOT_READY: the READY agreement was rendered from a different set of shares than the current one; request a new AGREEMENT version and wait until it is READY',
      'porozumienie musi odpowiadać aktualnym udziałom',
    ],
    [
      'an applied schedule is needed (POST /tenders/:id/schedule/apply with publishedOn 2027-01-04)',
      '(4 stycznia 2027 r.)',
    ],
    [
      'offers cannot be opened before the Składanie ofert (OFFERS) due 25.01.2027 12:00 Europe/Warsaw',
      'terminu „Składanie ofert” (25.01.2027, godz. 12:00).',
    ],
    [
      'lot 1 needs the contracts of Gmina Liszki, Gmina Mogilany',
      'Część 1: brakuje umów: Gmina Liszki, Gmina Mogilany.',
    ],
    ['1 subsidy(ies) are not settled', 'Nierozliczone dotacje: 1.'],
    [
      'the Polish name of CPV code(s) 45233142-6, 45233120-6 is missing: give cpvMainName and cpvAdditionalNames (PATCH /tenders/:id)',
      'Podaj nazwę w języku polskim każdego kodu CPV postępowania (brakuje jej dla: 45233142-6, 45233120-6)',
    ],
    [
      'AGREEMENT_NOT_READY: the READY agreement prints CPV codes or their Polish names that changed since it was rendered; request a new AGREEMENT version and wait until it is READY',
      'Gotowe porozumienie podaje inne kody CPV lub inne ich nazwy niż postępowanie.',
    ],
    [
      "AGREEMENT_NOT_READY: the READY agreement's annex of tasks was rendered from a different responsibility matrix than the current one (changed: Dane wejściowe (Gmina Liszki) 2027-01-15 → 2027-01-22); request a new AGREEMENT version and wait until it is READY",
      'Załącznik „Podział zadań i odpowiedzialności” gotowego porozumienia sporządzono według innego podziału zadań niż obecny',
    ],
  ])('says %s in Polish', (message, polish) => {
    const said = conditionPl(message);
    expect(said.english).toBeUndefined();
    expect(said.text).toContain(polish);
  });

  it('still shows an unknown condition, marked as the service wrote it', () => {
    expect(conditionPl('a brand new rule')).toEqual({
      text: 'Niespełniony warunek (opis w systemie):',
      english: 'a brand new rule',
    });
  });
});

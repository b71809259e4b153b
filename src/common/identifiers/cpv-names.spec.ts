import { DomainError } from '../errors';
import { cpvCodesWithoutName, cpvNamesAfter } from './cpv-names';

const codes = { cpvMain: '45233140-2', cpvAdditional: ['45233142-6', '45233120-6'] };

describe('Polish names of CPV codes', () => {
  it('pairs the additional names with the codes in their order and keeps only the tender’s codes', () => {
    expect(
      cpvNamesAfter(
        codes,
        {
          cpvMainName: ' Roboty drogowe ',
          cpvAdditionalNames: ['Roboty w zakresie naprawy dróg', 'Roboty w zakresie budowy dróg'],
        },
        { '09310000-5': 'Elektryczność' },
      ),
    ).toEqual({
      '45233120-6': 'Roboty w zakresie budowy dróg',
      '45233140-2': 'Roboty drogowe',
      '45233142-6': 'Roboty w zakresie naprawy dróg',
    });
  });

  it('keeps the name of a code that stays when the list changes without names', () => {
    const before = {
      '45233140-2': 'Roboty drogowe',
      '45233142-6': 'Roboty w zakresie naprawy dróg',
    };
    const after = cpvNamesAfter(
      { cpvMain: '45233140-2', cpvAdditional: ['45233120-6', '45233142-6'] },
      {},
      before,
    );
    expect(after).toEqual(before);
    expect(
      cpvCodesWithoutName({
        cpvMain: '45233140-2',
        cpvAdditional: ['45233120-6', '45233142-6'],
        cpvNamesPl: after,
      }),
    ).toEqual(['45233120-6']);
  });

  it('refuses names that do not pair one to one with the codes, naming the field and the rule', () => {
    expect.assertions(2);
    try {
      cpvNamesAfter(codes, { cpvAdditionalNames: ['Roboty w zakresie naprawy dróg'] });
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).errors).toEqual([
        expect.objectContaining({ field: 'cpvAdditionalNames', rule: 'oneNamePerCode' }),
      ]);
    }
  });

  it('counts a tender without stored names (null) as missing every name', () => {
    expect(cpvCodesWithoutName({ ...codes, cpvNamesPl: null })).toEqual([
      '45233140-2',
      '45233142-6',
      '45233120-6',
    ]);
  });
});

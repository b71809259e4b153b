import { lotTitleWithoutNumber } from './lot-title';

describe('lotTitleWithoutNumber', () => {
  it.each([
    [1, 'Część 1: drogi w gminach zachodnich', 'drogi w gminach zachodnich'],
    [2, 'część nr 2 – budynki', 'budynki'],
    [3, 'część 3. Oświetlenie', 'Oświetlenie'],
    [1, 'Część 1', ''],
    [1, 'Energia elektryczna dla oświetlenia', 'Energia elektryczna dla oświetlenia'],
    [1, 'Część 12: inna część', 'Część 12: inna część'],
    [2, 'Część 1: nie ta część', 'Część 1: nie ta część'],
    [1, null, ''],
  ])('lot %i titled %p → %p', (n, title, expected) => {
    expect(lotTitleWithoutNumber(n, title)).toBe(expected);
  });
});

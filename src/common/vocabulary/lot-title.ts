/**
 * A lot's title without the lot's own number in front. Officers often start the title with it
 * ("Część 2: drogi w gminach południowych"); pages and documents then say "część 2" once.
 * Returns '' when the title holds nothing else.
 */
export function lotTitleWithoutNumber(number: number, title: string | null | undefined): string {
  return (title ?? '')
    .trim()
    .replace(new RegExp(`^cz(ę|e)ść\\s*(nr\\.?\\s*)?${number}(?!\\d)\\s*[:.–—-]?\\s*`, 'iu'), '');
}

/**
 * Numbers of council resolutions as municipalities write them: session in Roman numerals, the
 * resolution's number, the year — `XII/123/2026`, also with dots (`XII.123.2026`) or a two-digit
 * year (`XII/123/26`), optionally after "Nr". The year is no later than `currentYear` (a
 * resolution is adopted before it is cited) and not before 1990 (the councils of today's gminy).
 */
const RESOLUTION = /^(?:nr\s+)?([IVXLCDM]{1,9})([/.])(\d{1,5})\2(\d{4}|\d{2})$/i;
const ROMAN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

export type ResolutionRule = 'resolutionNumberFormat' | 'resolutionNumberYear';

export function resolutionNumberProblem(
  value: string,
  currentYear: number,
): { rule: ResolutionRule; message: string } | null {
  const m = RESOLUTION.exec(value.trim());
  if (!m || !ROMAN.test(m[1].toUpperCase()) || Number(m[3]) === 0) {
    return {
      rule: 'resolutionNumberFormat',
      message:
        'resolutionNumber must be a council resolution number such as XII/123/2026 (session in Roman numerals / number / year)',
    };
  }
  const year = m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
  if (year < 1990 || year > currentYear) {
    return {
      rule: 'resolutionNumberYear',
      message: `resolutionNumber: the year ${year} must lie between 1990 and ${currentYear}`,
    };
  }
  return null;
}

/**
 * A reference to the long-term financial forecast (wieloletnia prognoza finansowa, art. 226 ufp):
 * names the WPF and its years, e.g. `WPF 2026–2028, poz. 1.3.2.4`. Years are 1990…currentYear+30
 * and a range runs forwards.
 */
export function wpfReferenceProblem(
  value: string,
  currentYear: number,
): { rule: 'wpfReferenceFormat' | 'wpfReferenceYear'; message: string } | null {
  const text = value.trim();
  if (!/\bWPF\b|wieloletni/i.test(text) || !/\b(19|20)\d{2}\b/.test(text)) {
    return {
      rule: 'wpfReferenceFormat',
      message: 'wpfReference must name the WPF and its years, e.g. "WPF 2026–2028, poz. 1.3.2.4"',
    };
  }
  const years = [...text.matchAll(/\b((?:19|20)\d{2})\b/g)].map((x) => Number(x[1]));
  const range = /\b((?:19|20)\d{2})\s*[–-]\s*((?:19|20)\d{2})\b/.exec(text);
  if (
    years.some((y) => y < 1990 || y > currentYear + 30) ||
    (range && Number(range[2]) < Number(range[1]))
  ) {
    return {
      rule: 'wpfReferenceYear',
      message: `wpfReference: years must lie between 1990 and ${currentYear + 30}, a range running forwards`,
    };
  }
  return null;
}

import { DOCUMENT_FILE_LABEL, type DocumentKind } from './document-kinds';

const POLISH_ASCII: Record<string, string> = {
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
  Ą: 'A',
  Ć: 'C',
  Ę: 'E',
  Ł: 'L',
  Ń: 'N',
  Ó: 'O',
  Ś: 'S',
  Ź: 'Z',
  Ż: 'Z',
};

/** The file name as a lawyer reads it: "Pełnomocnictwo – Gmina Świątniki Górne – ZP.271.1.2026 – wersja 2.pdf". */
export function documentFileName(doc: {
  kind: DocumentKind;
  version: number;
  reference: string;
  organisationName: string | null;
}): string {
  const parts = [DOCUMENT_FILE_LABEL[doc.kind]];
  if (doc.organisationName) parts.push(doc.organisationName);
  parts.push(doc.reference, `wersja ${doc.version}`);
  // No path separators or control characters, whatever an organisation is called.
  const name = [...parts.join(' – ')]
    .map((c) =>
      c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || '/\\:*?"<>|'.includes(c) ? '_' : c,
    )
    .join('');
  return `${name.slice(0, 180)}.pdf`;
}

/** An ASCII-only version for the plain `filename=` parameter and zip entries. */
export function asciiFileName(name: string): string {
  return name
    .replace(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/g, (c) => POLISH_ASCII[c] ?? '_')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s*–\s*/g, '_')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_.]+|_+$/g, '');
}

/** RFC 5987 value: UTF-8, percent-encoded, with the characters RFC 5987 also reserves. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** RFC 6266 Content-Disposition: an ASCII fallback plus the Polish name as `filename*`. */
export function contentDisposition(
  name: string,
  type: 'attachment' | 'inline' = 'attachment',
): string {
  return `${type}; filename="${asciiFileName(name)}"; filename*=UTF-8''${rfc5987(name)}`;
}

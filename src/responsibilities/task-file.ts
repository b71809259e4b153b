import type { FieldViolation } from '../common/errors';

/** An attached file (a protokół odbioru scan, an OPZ) of at most 5 MB. */
export const FILE_MAX_BYTES = 5 * 1024 * 1024;
export const FILE_NAME_MAX = 200;

/** A kind of file a task takes: what it is called, its extensions and how its content begins. */
export interface TaskFileType {
  label: string;
  contentType: string;
  extensions: readonly string[];
  matches: (bytes: Buffer) => boolean;
}

const startsWith = (bytes: Buffer, ...signature: number[]): boolean =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
/** OOXML and ODF documents are ZIP archives. */
const zip = (bytes: Buffer) => startsWith(bytes, 0x50, 0x4b, 0x03, 0x04);

/**
 * The files a task takes: documents and scans a municipality sends (PDF, JPEG, PNG, TIFF, Word,
 * Excel, OpenDocument). The extension says what the file claims to be; its first bytes must agree,
 * so nothing else (an HTML page named `.pdf`, a program) is stored and handed out again.
 */
export const TASK_FILE_TYPES: readonly TaskFileType[] = [
  {
    label: 'PDF',
    contentType: 'application/pdf',
    extensions: ['pdf'],
    matches: (b) => startsWith(b, ...ascii('%PDF-')),
  },
  {
    label: 'JPEG',
    contentType: 'image/jpeg',
    extensions: ['jpg', 'jpeg'],
    matches: (b) => startsWith(b, 0xff, 0xd8, 0xff),
  },
  {
    label: 'PNG',
    contentType: 'image/png',
    extensions: ['png'],
    matches: (b) => startsWith(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  },
  {
    label: 'TIFF',
    contentType: 'image/tiff',
    extensions: ['tif', 'tiff'],
    matches: (b) => startsWith(b, 0x49, 0x49, 0x2a, 0x00) || startsWith(b, 0x4d, 0x4d, 0x00, 0x2a),
  },
  {
    label: 'Word (DOCX)',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    matches: zip,
  },
  {
    label: 'Excel (XLSX)',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    matches: zip,
  },
  {
    label: 'OpenDocument (ODT)',
    contentType: 'application/vnd.oasis.opendocument.text',
    extensions: ['odt'],
    matches: zip,
  },
  {
    label: 'OpenDocument (ODS)',
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    extensions: ['ods'],
    matches: zip,
  },
];

/** "PDF, JPEG, PNG, …": the accepted kinds as a form's hint names them. */
/**
 * Standard Base64 (`A–Z a–z 0–9 + /`, at most two `=` at the end, at least one character before
 * them), checked in linear time: a regular expression with a `+` loop over a 7 MB body overflows
 * the regular-expression engine's stack.
 */
export function isBase64Text(s: string): boolean {
  if (/[^A-Za-z0-9+/=]/.test(s)) return false;
  const pad = s.indexOf('=');
  if (pad === -1) return s.length > 0;
  const tail = s.slice(pad);
  return pad > 0 && (tail === '=' || tail === '==');
}

export const TASK_FILE_LABELS = TASK_FILE_TYPES.map((t) => t.label);
/** The `accept` attribute of a file input. */
export const TASK_FILE_ACCEPT = TASK_FILE_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`));

/**
 * The file's name as stored: the last segment of a path (some browsers send `C:\…\plik.pdf`),
 * without control characters, trimmed.
 */
export function fileBaseName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

/**
 * The rules of an attached file, one place for the API and the web form: a name with an accepted
 * extension, not empty, at most 5 MB, and content that is what the extension says. `field` names
 * the input in the violation (`file.contentBase64` in the API's body).
 */
export function checkTaskFile(
  file: { name: string; bytes: Buffer; truncated?: boolean },
  fields: { name: string; content: string },
): { type: TaskFileType; name: string } | { violation: FieldViolation } {
  const name = fileBaseName(file.name);
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const type = TASK_FILE_TYPES.find((t) => t.extensions.includes(ext));
  const violation = (field: string, rule: string, message: string) => ({
    violation: { field, rule, message },
  });
  if (name.length === 0 || name.length > FILE_NAME_MAX)
    return violation(
      fields.name,
      'fileName',
      `The file name must have 1 to ${FILE_NAME_MAX} characters`,
    );
  if (!type)
    return violation(
      fields.name,
      'fileType',
      `The file must be one of: ${TASK_FILE_LABELS.join(', ')} (by its extension)`,
    );
  if (file.truncated || file.bytes.length > FILE_MAX_BYTES)
    return violation(fields.content, 'maxSize', 'The file must be at most 5 MB');
  if (file.bytes.length === 0) return violation(fields.content, 'isNotEmpty', 'The file is empty');
  if (!type.matches(file.bytes))
    return violation(
      fields.content,
      'fileContent',
      `The content is not a ${type.label} file, as its name says`,
    );
  return { type, name };
}

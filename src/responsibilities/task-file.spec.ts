import { FILE_MAX_BYTES, checkTaskFile, fileBaseName, isBase64Text } from './task-file';

const FIELDS = { name: 'file.name', content: 'file.contentBase64' };
const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n');
const rule = (r: ReturnType<typeof checkTaskFile>) =>
  'violation' in r ? [r.violation.field, r.violation.rule] : ['ok', r.type.contentType];

describe('the rules of a task’s attached file', () => {
  it('takes a PDF, a scan and an office document whose content is what the name says', () => {
    expect(rule(checkTaskFile({ name: 'protokół odbioru.PDF', bytes: pdf }, FIELDS))).toEqual([
      'ok',
      'application/pdf',
    ]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    expect(rule(checkTaskFile({ name: 'skan.jpg', bytes: jpeg }, FIELDS))).toEqual([
      'ok',
      'image/jpeg',
    ]);
    const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);
    expect(rule(checkTaskFile({ name: 'opz.docx', bytes: docx }, FIELDS))[0]).toBe('ok');
  });

  it('refuses another kind, a file that only pretends, an empty and an over-large one', () => {
    expect(rule(checkTaskFile({ name: 'strona.html', bytes: pdf }, FIELDS))).toEqual([
      'file.name',
      'fileType',
    ]);
    expect(rule(checkTaskFile({ name: 'bez-rozszerzenia', bytes: pdf }, FIELDS))).toEqual([
      'file.name',
      'fileType',
    ]);
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    expect(rule(checkTaskFile({ name: 'opz.pdf', bytes: html }, FIELDS))).toEqual([
      'file.contentBase64',
      'fileContent',
    ]);
    expect(rule(checkTaskFile({ name: 'opz.pdf', bytes: Buffer.alloc(0) }, FIELDS))).toEqual([
      'file.contentBase64',
      'isNotEmpty',
    ]);
    const big = Buffer.concat([pdf, Buffer.alloc(FILE_MAX_BYTES)]);
    expect(rule(checkTaskFile({ name: 'opz.pdf', bytes: big }, FIELDS))).toEqual([
      'file.contentBase64',
      'maxSize',
    ]);
    // A stream cut at the limit is over it, whatever arrived.
    expect(rule(checkTaskFile({ name: 'opz.pdf', bytes: pdf, truncated: true }, FIELDS))).toEqual([
      'file.contentBase64',
      'maxSize',
    ]);
    expect(rule(checkTaskFile({ name: `${'a'.repeat(200)}.pdf`, bytes: pdf }, FIELDS))).toEqual([
      'file.name',
      'fileName',
    ]);
  });

  it('keeps the last segment of a path and drops control characters', () => {
    expect(fileBaseName('C:\\Dokumenty\\protokół.pdf')).toBe('protokół.pdf');
    expect(fileBaseName('../../etc/opz.pdf')).toBe('opz.pdf');
    expect(fileBaseName('op\u0000z\n.pdf ')).toBe('opz.pdf');
  });
});

describe('isBase64Text', () => {
  it('takes standard Base64 with or without padding', () => {
    for (const bytes of ['a', 'ab', 'abc', 'zażółć'])
      expect(isBase64Text(Buffer.from(bytes).toString('base64'))).toBe(true);
    expect(isBase64Text('QUJD')).toBe(true);
  });

  it('refuses other characters, padding in the middle or three = and an empty text', () => {
    for (const s of ['', '=', 'QU JD', 'QU-_', 'QQ=A', 'QQ===', 'QUJD\n', 'QUJD\u0000'])
      expect({ s, ok: isBase64Text(s) }).toEqual({ s, ok: false });
  });

  it('checks a 7 MB body without overflowing the stack', () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 7).toString('base64');
    expect(isBase64Text(big)).toBe(true);
    expect(isBase64Text(`${big.slice(0, -4)}*AAA`)).toBe(false);
  });
});

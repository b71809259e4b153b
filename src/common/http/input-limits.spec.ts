import { INPUT_LIMITS, inputViolations, jsonDepthExceeds } from './input-limits';

describe('input limits', () => {
  it('counts JSON nesting without parsing, skipping brackets inside strings', () => {
    expect(jsonDepthExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":"[[[[[[","b":"\\"[[[["}', 1)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(5000), INPUT_LIMITS.maxDepth)).toBe(true);
  });

  it('names the field of a NUL, a null, an over-long string and a huge array', () => {
    expect(
      inputViolations(
        {
          title: 'a\u0000b',
          note: null,
          lots: [{ title: 'x'.repeat(INPUT_LIMITS.maxStringLength + 1) }],
          cpv: new Array(INPUT_LIMITS.maxArrayItems + 1).fill('x'),
        },
        'body',
        false,
      ).map((v) => [v.field, v.rule]),
    ).toEqual([
      ['title', 'noNulCharacter'],
      ['note', 'notNull'],
      ['lots[0].title', 'maxLength'],
      ['cpv', 'maxItems'],
    ]);
  });

  it('lets a well-formed body through, and null in a query (never sent by clients) too', () => {
    expect(inputViolations({ title: 'Drogi', lots: [{ n: 1 }], ok: true }, 'body', false)).toEqual(
      [],
    );
    expect(inputViolations({ q: null }, 'query', true)).toEqual([]);
    expect(inputViolations(undefined, 'body', false)).toEqual([]);
    // A multipart form's file is bytes (limited by the upload), not 5 million fields to walk.
    const file = { kind: 'file', bytes: Buffer.alloc(5 * 1024 * 1024) };
    expect(inputViolations({ plik: file }, 'body', false)).toEqual([]);
  });

  it("leaves a file's Base64 to the file's own rules, and only that field", () => {
    const long = 'A'.repeat(INPUT_LIMITS.maxStringLength + 4);
    expect(inputViolations({ file: { contentBase64: long } }, 'body', false)).toEqual([]);
    expect(
      inputViolations({ file: { content: long } }, 'body', false).map((v) => [v.field, v.rule]),
    ).toEqual([['file.content', 'maxLength']]);
  });
});

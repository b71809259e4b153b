import { type Block, inlineText, parseBlocks, parseInline } from './block-parser';

function only<T extends Block['type']>(blocks: Block[], type: T): Extract<Block, { type: T }>[] {
  return blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);
}

function textOf(block: Block): string {
  return 'text' in block ? inlineText(block.text) : '';
}

describe('block-parser', () => {
  it('reads titles, clauses and numbered paragraphs, numbering them itself', () => {
    const blocks = parseBlocks(
      [
        '# POROZUMIENIE',
        '## o wspólnym przeprowadzeniu postępowania',
        '§ Przedmiot',
        '1. Pierwszy ustęp.',
        '1. Drugi ustęp.',
        '§ 7. Lider',
        '5. Ustęp w nowym paragrafie.',
      ].join('\n'),
    );
    expect(blocks.map((b) => b.type)).toEqual([
      'heading',
      'heading',
      'clause',
      'numbered',
      'numbered',
      'clause',
      'numbered',
    ]);
    const clauses = only(blocks, 'clause');
    expect(clauses.map((c) => c.number)).toEqual([1, 2]);
    expect(clauses.map((c) => (c.title ? inlineText(c.title) : null))).toEqual([
      'Przedmiot',
      'Lider',
    ]);
    expect(only(blocks, 'numbered').map((n) => n.number)).toEqual([1, 2, 1]);
  });

  it('numbers points within a paragraph and letters within a point', () => {
    const blocks = parseBlocks(
      [
        '1. Lider jest upoważniony do:',
        '1) SWZ;',
        '1) ogłoszeń:',
        'a) w BZP,',
        'a) w TED;',
        '1) wyboru oferty.',
      ].join('\n'),
    );
    expect(only(blocks, 'point').map((p) => p.number)).toEqual([1, 2, 3]);
    expect(only(blocks, 'letter').map((l) => l.letter)).toEqual(['a', 'b']);
  });

  it('keeps "###" headings inside a clause without restarting its paragraphs', () => {
    const blocks = parseBlocks(['§ Udziały', '1. Tabela:', '### Część 1', '1. Dalej.'].join('\n'));
    expect(only(blocks, 'numbered').map((n) => n.number)).toEqual([1, 2]);
  });

  it('joins soft-wrapped lines and glues punctuation', () => {
    const blocks = parseBlocks(
      [
        '1. Gmina Skawina',
        ', zwana dalej „Liderem”,',
        'oraz dalszy tekst',
        '',
        'Nowy akapit.',
      ].join('\n'),
    );
    expect(blocks).toHaveLength(2);
    expect(textOf(blocks[0])).toBe('Gmina Skawina, zwana dalej „Liderem”, oraz dalszy tekst');
    expect(blocks[1]).toMatchObject({ type: 'paragraph', align: 'justify' });
  });

  it('reads bold runs and backslash escapes', () => {
    expect(parseInline('a **Lider** b')).toEqual([
      { text: 'a ', bold: false },
      { text: 'Lider', bold: true },
      { text: ' b', bold: false },
    ]);
    expect(parseInline('A \\| B \\*\\*x\\*\\*')).toEqual([{ text: 'A | B **x**', bold: false }]);
    // An unpaired marker stays literal instead of making the rest bold.
    expect(parseInline('a **b** c ** d')).toEqual([
      { text: 'a ', bold: false },
      { text: 'b', bold: true },
      { text: ' c ** d', bold: false },
    ]);
  });

  it('builds tables with a header, alignment hints and relative widths', () => {
    const [table] = parseBlocks(
      [
        '| Lp. | Strona | Netto |',
        '|:--|:------|-----:|',
        '| 1 | A \\| B | 1 234,56 |',
        '| 2 | C |',
      ].join('\n'),
    );
    expect(table.type).toBe('table');
    if (table.type !== 'table') return;
    expect(table.header?.map(inlineText)).toEqual(['Lp.', 'Strona', 'Netto']);
    expect(table.align).toEqual(['left', 'left', 'right']);
    expect(table.widths.map((w) => Math.round(w * 13))).toEqual([2, 6, 5]);
    expect(table.rows.map((r) => r.map(inlineText))).toEqual([
      ['1', 'A | B', '1 234,56'],
      ['2', 'C', ''],
    ]);
  });

  it('treats an empty header row as a key–value table and a table without hints as body rows', () => {
    const [kv] = parseBlocks(['| | |', '|:--|:--|', '| Lider | Gmina Skawina |'].join('\n'));
    expect(kv).toMatchObject({ type: 'table', header: null });
    const [plain] = parseBlocks(['| a | b |', '| c | d |'].join('\n'));
    expect(plain).toMatchObject({ type: 'table', header: null, align: ['left', 'left'] });
    if (plain.type === 'table') expect(plain.rows).toHaveLength(2);
  });

  it('reads a signature block with countersignatures', () => {
    const [sig] = parseBlocks(
      [
        '::: signatures',
        'party: Lider: Gmina Skawina',
        'signer: Burmistrz Miasta i Gminy Skawina | Tomasz Malinowski',
        'countersign: Skarbnik Gminy Skawina | Renata Górecka',
        'party: Partner: Powiat Krakowski',
        'signer: Starosta Krakowski | Wojciech Pająk',
        'signer: Wicestarosta Krakowski | Bożena Nowicka',
        'podpis kwalifikowany',
        ':::',
        'Po bloku.',
      ].join('\n'),
    );
    expect(sig.type).toBe('signatures');
    if (sig.type !== 'signatures') return;
    expect(sig.parties).toHaveLength(2);
    expect(inlineText(sig.parties[0].party)).toBe('Lider: Gmina Skawina');
    expect(sig.parties[0].countersigners).toEqual([
      { title: 'Skarbnik Gminy Skawina', name: 'Renata Górecka' },
    ]);
    expect(sig.parties[1].signers.map((s) => s.name)).toEqual(['Wojciech Pająk', 'Bożena Nowicka']);
    expect(sig.parties[1].countersigners).toEqual([]);
    expect(sig.parties[1].notes.map(inlineText)).toEqual(['podpis kwalifikowany']);
  });

  it('aligns paragraphs inside center and right containers', () => {
    const blocks = parseBlocks(
      ['::: right', 'Skawina, dnia 26 listopada 2026 r.', ':::', '::: center', 'tekst', ':::'].join(
        '\n',
      ),
    );
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        align: 'right',
        text: [{ text: 'Skawina, dnia 26 listopada 2026 r.', bold: false }],
      },
      { type: 'paragraph', align: 'center', text: [{ text: 'tekst', bold: false }] },
    ]);
  });

  it('reads page breaks and small print', () => {
    const blocks = parseBlocks(
      ['> drobny druk', '> ciąg dalszy', '---', 'Strona druga.'].join('\n'),
    );
    expect(blocks.map((b) => b.type)).toEqual(['small', 'pageBreak', 'paragraph']);
    expect(textOf(blocks[0])).toBe('drobny druk ciąg dalszy');
  });

  it('never crashes: unknown or broken syntax becomes text', () => {
    const garbage = [
      '#bez spacji',
      '::: nieznany',
      'treść',
      ':::',
      ':::',
      '§',
      '|',
      '| :-- |',
      '\\# nie tytuł',
      '',
      '1.5 mln',
      '::: signatures',
      'bez zamknięcia',
    ].join('\n');
    const blocks = parseBlocks(garbage);
    expect(blocks.length).toBeGreaterThan(0);
    expect(textOf(blocks[0])).toBe('#bez spacji');
    const texts = blocks.map(textOf);
    expect(texts).toContain('# nie tytuł');
    expect(texts).toContain('1.5 mln');
    expect(blocks[blocks.length - 1]).toMatchObject({ type: 'signatures' });
    expect(parseBlocks('')).toEqual([]);
    expect(parseBlocks('\r\n\r\n')).toEqual([]);
  });
});

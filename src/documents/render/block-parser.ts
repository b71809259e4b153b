/**
 * The block grammar: Handlebars fills the data, this turns the resulting lines into blocks the
 * PDF layout draws. It is deliberately small and never throws: a line it does not understand is
 * a paragraph. The grammar is documented for template authors in templates/README.md.
 */

export interface Span {
  text: string;
  bold: boolean;
}

export type Inline = Span[];

export type Align = 'left' | 'center' | 'right' | 'justify';

export type ColumnAlign = 'left' | 'center' | 'right';

export interface Signatory {
  title: string;
  name: string;
}

export interface SignatureParty {
  /** "Lider: Gmina Skawina" — printed bold above the signature line. */
  party: Inline;
  signers: Signatory[];
  countersigners: Signatory[];
  notes: Inline[];
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: Inline }
  | { type: 'clause'; number: number; title: Inline | null }
  | { type: 'numbered'; number: number; text: Inline }
  | { type: 'point'; number: number; text: Inline }
  | { type: 'letter'; letter: string; text: Inline }
  | { type: 'bullet'; text: Inline }
  | { type: 'paragraph'; text: Inline; align: Align }
  | { type: 'small'; text: Inline }
  | {
      type: 'table';
      header: Inline[] | null;
      rows: Inline[][];
      align: ColumnAlign[];
      /** Relative widths; they sum to 1. */
      widths: number[];
    }
  | { type: 'signatures'; parties: SignatureParty[] }
  | { type: 'pageBreak' };

/**
 * Parses **bold** runs and backslash escapes into spans: "\x" makes any punctuation x literal,
 * which is how data from the snapshot is kept from being read as grammar.
 */
export function parseInline(source: string): Inline {
  const spans: Inline = [];
  let bold = false;
  let current = '';
  const push = (): void => {
    if (current.length > 0) {
      const last = spans[spans.length - 1];
      if (last && last.bold === bold) last.text += current;
      else spans.push({ text: current, bold });
    }
    current = '';
  };
  // An unpaired "**" stays literal, so count the unescaped markers first.
  const markers = [...source.matchAll(/(\\.)|(\*\*)/gu)].filter((m) => m[2] !== undefined).length;
  let usableMarkers = markers - (markers % 2);
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && i + 1 < source.length && /[^\p{L}\p{N}\s]/u.test(source[i + 1])) {
      current += source[i + 1];
      i++;
    } else if (ch === '*' && source[i + 1] === '*' && usableMarkers > 0) {
      push();
      bold = !bold;
      usableMarkers--;
      i++;
    } else {
      current += ch;
    }
  }
  push();
  return spans;
}

/** Appends runs, merging neighbours of the same weight (one run draws better than two). */
function appendInline(target: Inline, more: Inline): void {
  for (const span of more) {
    const last = target[target.length - 1];
    if (last && last.bold === span.bold) last.text += span.text;
    else target.push({ ...span });
  }
}

export function inlineText(inline: Inline): string {
  return inline.map((s) => s.text).join('');
}

/** Splits a table row on unescaped pipes; the outer pipes are optional. */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) {
      cell += ch + line[i + 1];
      i++;
    } else if (ch === '|') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  if (cells.length > 1 && cells[0].trim() === '') cells.shift();
  if (cells.length > 1 && cells[cells.length - 1].trim() === '') cells.pop();
  return cells.map((c) => c.trim());
}

const ALIGN_CELL = /^:?-+:?$/;

function parseAlignRow(cells: string[]): { align: ColumnAlign[]; weights: number[] } | null {
  if (cells.length === 0 || !cells.every((c) => ALIGN_CELL.test(c))) return null;
  return {
    align: cells.map((c) =>
      c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : 'left',
    ),
    // The number of dashes is the column's relative width: "|:--|------|--:|".
    weights: cells.map((c) => Math.max(1, c.replace(/:/g, '').length)),
  };
}

function buildTable(lines: string[]): Block {
  const rows = lines.map(splitRow);
  let header: string[] | null = null;
  let alignInfo: { align: ColumnAlign[]; weights: number[] } | null = null;
  let body = rows;
  const second = rows.length > 1 ? parseAlignRow(rows[1]) : null;
  if (second) {
    // "| | |" above the alignment row: a key–value table without a header.
    header = rows[0].every((c) => c === '') ? null : rows[0];
    alignInfo = second;
    body = rows.slice(2);
  } else if (parseAlignRow(rows[0])) {
    // An alignment row with no header above it: hints only.
    alignInfo = parseAlignRow(rows[0]);
    body = rows.slice(1);
  }
  // Alignment rows anywhere else are noise: drop them rather than print dashes.
  body = body.filter((r) => !parseAlignRow(r));
  const columns = Math.max(
    header?.length ?? 0,
    alignInfo?.align.length ?? 0,
    ...body.map((r) => r.length),
    1,
  );
  const pad = (r: string[]): string[] =>
    [...r, ...Array<string>(Math.max(0, columns - r.length)).fill('')].slice(0, columns);
  const weights = Array.from({ length: columns }, (_, i) => alignInfo?.weights[i] ?? 3);
  const sum = weights.reduce((a, b) => a + b, 0);
  return {
    type: 'table',
    header: header ? pad(header).map(parseInline) : null,
    rows: body.map((r) => pad(r).map(parseInline)),
    align: Array.from({ length: columns }, (_, i) => alignInfo?.align[i] ?? 'left'),
    widths: weights.map((w) => w / sum),
  };
}

/** "Title | Name"; a single value is taken as the name. */
function parseSignatory(rest: string): Signatory {
  const cells = splitRow(rest).map((c) => inlineText(parseInline(c)));
  if (cells.length < 2) return { title: '', name: cells[0] ?? '' };
  return { title: cells[0], name: cells.slice(1).join(' ') };
}

function buildSignatures(lines: string[]): Block {
  const parties: SignatureParty[] = [];
  for (const line of lines) {
    const m = /^(party|signer|countersign)\s*:\s*(.*)$/i.exec(line);
    const key = m?.[1].toLowerCase();
    if (key === 'party' && m) {
      parties.push({ party: parseInline(m[2]), signers: [], countersigners: [], notes: [] });
      continue;
    }
    if (parties.length === 0) {
      parties.push({ party: [], signers: [], countersigners: [], notes: [] });
    }
    const current = parties[parties.length - 1];
    if (key === 'signer' && m) current.signers.push(parseSignatory(m[2]));
    else if (key === 'countersign' && m) current.countersigners.push(parseSignatory(m[2]));
    else current.notes.push(parseInline(line));
  }
  return { type: 'signatures', parties };
}

const HEADING = /^(#{1,3})\s+(.*)$/;
const CLAUSE = /^§\s*(?:\d+[a-z]?\.?(?=\s|$))?\s*(.*)$/;
const NUMBERED = /^\d+\.\s+(.*)$/;
const POINT = /^\d+\)\s+(.*)$/;
const LETTER = /^[a-z]\)\s+(.*)$/;
const BULLET = /^[-–•]\s+(.*)$/;
const PAGE_BREAK = /^-{3,}$/;
const SMALL = /^>\s?(.*)$/;
const CONTAINER = /^:::\s*([\w-]*)\s*$/;

/**
 * Soft-wrapped lines join with a space, except before punctuation: a partial that ends with a
 * newline followed by ", zwana dalej…" must not print "Skawina , zwana".
 */
function joiner(next: string): string {
  return /^[,.;:)”]/.test(next) ? '' : ' ';
}

type Continuable = Extract<
  Block,
  { type: 'numbered' | 'point' | 'letter' | 'bullet' | 'paragraph' | 'small' }
>;

/**
 * Turns block-grammar text into blocks. § clauses are numbered through the document; "1."
 * paragraphs restart in every clause, "1)" points in every paragraph, "a)" letters in every
 * point: the numbers written in the template are ignored, so loops can emit "1." for every item.
 */
export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let clause = 0;
  let numbered = 0;
  let point = 0;
  let letter = 0;
  let container: string | null = null;
  let containerLines: string[] = [];
  let tableLines: string[] = [];
  // The block a following plain line continues (Markdown-style soft wrap), if any.
  let open: Continuable | null = null;

  const flushTable = (): void => {
    if (tableLines.length > 0) blocks.push(buildTable(tableLines));
    tableLines = [];
  };
  const alignFor = (): Align =>
    container === 'center' ? 'center' : container === 'right' ? 'right' : 'justify';

  const parseLine = (raw: string): void => {
    const line = raw.trim();
    if (line.startsWith('|') && !line.startsWith('\\|')) {
      open = null;
      tableLines.push(line);
      return;
    }
    flushTable();
    if (line === '') {
      open = null;
      return;
    }
    let m: RegExpExecArray | null;
    if (PAGE_BREAK.test(line)) {
      open = null;
      blocks.push({ type: 'pageBreak' });
    } else if ((m = HEADING.exec(line))) {
      open = null;
      const level = m[1].length as 1 | 2 | 3;
      // "###" titles a table inside a clause: the clause's paragraph numbers carry on past it.
      if (level < 3) numbered = 0;
      point = 0;
      blocks.push({ type: 'heading', level, text: parseInline(m[2]) });
    } else if ((m = CLAUSE.exec(line))) {
      open = null;
      clause += 1;
      numbered = 0;
      point = 0;
      const title = m[1].trim();
      blocks.push({ type: 'clause', number: clause, title: title ? parseInline(title) : null });
    } else if ((m = NUMBERED.exec(line))) {
      numbered += 1;
      point = 0;
      open = { type: 'numbered', number: numbered, text: parseInline(m[1]) };
      blocks.push(open);
    } else if ((m = POINT.exec(line))) {
      point += 1;
      letter = 0;
      open = { type: 'point', number: point, text: parseInline(m[1]) };
      blocks.push(open);
    } else if ((m = LETTER.exec(line))) {
      letter += 1;
      // Polish legal texts skip no letters; past "z" we fall back to numbers rather than fail.
      const mark = letter <= 26 ? String.fromCharCode(96 + letter) : String(letter);
      open = { type: 'letter', letter: mark, text: parseInline(m[1]) };
      blocks.push(open);
    } else if ((m = BULLET.exec(line))) {
      open = { type: 'bullet', text: parseInline(m[1]) };
      blocks.push(open);
    } else if ((m = SMALL.exec(line))) {
      if (open?.type === 'small') {
        appendInline(open.text, parseInline(`${joiner(m[1])}${m[1]}`));
      } else {
        open = { type: 'small', text: parseInline(m[1]) };
        blocks.push(open);
      }
    } else if (open && open.type !== 'small') {
      appendInline(open.text, parseInline(`${joiner(line)}${line}`));
    } else {
      open = { type: 'paragraph', text: parseInline(line), align: alignFor() };
      blocks.push(open);
    }
  };

  for (const raw of lines) {
    const trimmed = raw.trim();
    const c = CONTAINER.exec(trimmed);
    if (container !== null) {
      if (c && c[1] === '') {
        const name = container;
        const inner = containerLines;
        container = null;
        containerLines = [];
        flushTable();
        open = null;
        if (name === 'signatures') {
          blocks.push(buildSignatures(inner.filter((l) => l !== '')));
        }
        continue;
      }
      if (container === 'signatures') {
        containerLines.push(trimmed);
        continue;
      }
      parseLine(raw);
      continue;
    }
    if (c && c[1] !== '') {
      flushTable();
      open = null;
      container = c[1].toLowerCase();
      containerLines = [];
      continue;
    }
    if (c) {
      // A stray closing ":::" is ignored.
      continue;
    }
    parseLine(raw);
  }
  flushTable();
  if (container === 'signatures') {
    blocks.push(buildSignatures(containerLines.filter((l) => l !== '')));
  }
  return blocks;
}

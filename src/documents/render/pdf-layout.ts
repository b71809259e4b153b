import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Block, ColumnAlign, Inline, SignatureParty, Signatory } from './block-parser';

/**
 * One layout engine for every document kind: blocks in, A4 PDF out. Page breaks of tables and
 * signature blocks are decided here (pdfkit only flows plain text), the page header and the
 * "Strona X z Y" footer are drawn at the end over buffered pages, when the page count is known.
 */

export interface LayoutOptions {
  title: string;
  author: string;
  subject: string;
  /** Also feeds pdfkit's document ID, so different content gets a different ID. */
  keywords: string;
  /** Creation and modification date: fixed by the snapshot, never "now". */
  createdAt: Date;
  headerLeft: string;
  headerRight: string;
}

export interface LayoutResult {
  pdf: Buffer;
  pages: number;
}

/** The part of a fontkit font this module touches; pdfkit uses the rest through the proxy. */
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface FontkitGlyph {
  id: number;
  codePoints: number[];
}

interface GlyphRunLike {
  glyphs: FontkitGlyph[];
  positions: GlyphPosition[];
  readonly advanceWidth: number;
}

interface FontkitFont {
  layout(text: string, features?: unknown): GlyphRunLike;
  readonly characterSet: number[];
  glyphForCodePoint(codePoint: number): FontkitGlyph;
}

interface Fontkit {
  create(buffer: Buffer): FontkitFont;
}

interface SharedFonts {
  serif: FontkitFont;
  serifBold: FontkitFont;
  sans: FontkitFont;
  sansBold: FontkitFont;
}

/** Words cached per font; Polish legal prose has a small vocabulary, so this rarely fills. */
const LAYOUT_CACHE_LIMIT = 50_000;

/**
 * Shaping a word with DejaVu's kerning and mark tables is the slow part of pdfkit (~0.3 ms a
 * word), and pdfkit's own word cache dies with each document. This proxy keeps shaped words for
 * the process. pdfkit scales the positions it gets in place, so every call hands out copies.
 */
function withSharedLayoutCache(font: FontkitFont): FontkitFont {
  const cache = new Map<string, { glyphs: FontkitGlyph[]; positions: GlyphPosition[] }>();
  let nbsp: FontkitGlyph | undefined;
  // tieText() glues amounts with no-break spaces; their glyph is told to extract as a plain
  // space, so copying "1 234,56 zł" out of the PDF (or pdftotext) gives ordinary spaces.
  const plainSpace = (glyph: FontkitGlyph): FontkitGlyph => {
    if (!glyph.codePoints.includes(0xa0)) return glyph;
    nbsp ??= new Proxy(glyph, {
      get: (target, prop): unknown =>
        prop === 'codePoints' ? [0x20] : (Reflect.get(target, prop, target) as unknown),
    });
    return nbsp;
  };
  const layout = (text: string, features?: unknown): GlyphRunLike => {
    if (features !== undefined) return font.layout(text, features);
    let run = cache.get(text);
    if (!run) {
      const fresh = font.layout(text);
      run = {
        glyphs: fresh.glyphs.map(plainSpace),
        positions: fresh.positions.map((p) => ({ ...p })),
      };
      if (cache.size >= LAYOUT_CACHE_LIMIT) cache.clear();
      cache.set(text, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth(): number {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    };
  };
  return new Proxy(font, {
    get: (target, prop): unknown =>
      prop === 'layout' ? layout : (Reflect.get(target, prop, target) as unknown),
  });
}

/**
 * fontkit keeps one glyph object per glyph id, with the code points of whoever asked for it
 * first. pdfkit's subsetter asks for the parts of composite glyphs (the "Z" inside "Ź", the "c"
 * inside "ć") without code points, so with fonts shared between documents a later document would
 * write "Z" with an empty ToUnicode entry: printed right, but lost when the text is copied, searched
 * or read by pdftotext. Creating every mapped glyph first, with its own code point, prevents that.
 */
function primeGlyphCodePoints(font: FontkitFont): void {
  for (const codePoint of font.characterSet) {
    // Ligatures (ﬁ, ﬂ…) are left to shaping, which gives them their letters ("f", "i"), so
    // "finansowej" is still found by a search for "fi".
    if (codePoint >= 0xfb00 && codePoint <= 0xfb4f) continue;
    font.glyphForCodePoint(codePoint);
  }
}

let sharedFonts: SharedFonts | undefined;

/**
 * DejaVu carries every Polish glyph (pdfkit's built-in fonts are WinAnsi and garble ą ę ł ś ż ź
 * ć ń). The TTF files are read and parsed once per process and handed to pdfkit as fontkit
 * objects (pdfkit accepts any object with layout()), so a document only subsets them.
 */
function fonts(): SharedFonts {
  if (!sharedFonts) {
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    // fontkit is pdfkit's own dependency: resolve it from pdfkit so it is the very same copy.
    const fontkitPath = require.resolve('fontkit', {
      paths: [path.dirname(require.resolve('pdfkit'))],
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by path, see above
    const fontkit = require(fontkitPath) as Fontkit;
    const load = (file: string): FontkitFont => {
      const font = fontkit.create(readFileSync(path.join(dir, file)));
      primeGlyphCodePoints(font);
      return withSharedLayoutCache(font);
    };
    sharedFonts = {
      serif: load('DejaVuSerif.ttf'),
      serifBold: load('DejaVuSerif-Bold.ttf'),
      sans: load('DejaVuSans.ttf'),
      sansBold: load('DejaVuSans-Bold.ttf'),
    };
  }
  return sharedFonts;
}

/** pdfkit's types list only paths and buffers, but its font factory also takes fontkit fonts. */
function asFontSource(font: FontkitFont): PDFKit.Mixins.PDFFontSource {
  return font as unknown as PDFKit.Mixins.PDFFontSource;
}

const NBSP = '\u00a0';

/**
 * Polish typesetting ties: an amount, "2026 r.", "art. 38" or a one-letter word ("w", "z", "i")
 * never ends up split across two lines. Applied when drawing, so data and templates keep
 * ordinary spaces.
 */
export function tieText(text: string): string {
  return text
    .replace(/\d{1,3}(?: \d{3})+(?:,\d{2})?/g, (m) => m.replace(/ /g, NBSP))
    .replace(/(\d) (zł|r\.|euro|MWh|%)/g, `$1${NBSP}$2`)
    .replace(/(?<=^|[\s\u00a0(„])([aiouwzAIOUWZ]) /g, `$1${NBSP}`)
    .replace(/(?<![\p{L}])(art\.|ust\.|pkt|poz\.|nr|§) (?=\d)/gu, `$1${NBSP}`);
}

const CM = 72 / 2.54;
const MARGIN = 2.5 * CM;

const F = {
  serif: 'Serif',
  serifBold: 'Serif-Bold',
  sans: 'Sans',
  sansBold: 'Sans-Bold',
} as const;

const BODY_SIZE = 10;
const BODY_GAP = 2;
const SMALL_SIZE = 8;
const TABLE_SIZE = 7.5;
const CELL_PAD = 3;
const INDENT = 20;
const TEXT_COLOR = '#000000';
const MUTED = '#444444';
const RULE = '#555555';
const HEADER_FILL = '#e8e8e8';

type TextAlign = 'left' | 'center' | 'right' | 'justify';

interface TextStyle {
  size: number;
  regular: string;
  bold: string;
  align: TextAlign;
  lineGap: number;
  color?: string;
}

const BODY: TextStyle = {
  size: BODY_SIZE,
  regular: F.serif,
  bold: F.serifBold,
  align: 'justify',
  lineGap: BODY_GAP,
};

class Layout {
  /** Where the markers of the current run of "1)" points sit; "a)" letters go one step in. */
  private pointX = 0;

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get top(): number {
    return this.doc.page.margins.top;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  get atPageTop(): boolean {
    return this.doc.y <= this.top + 0.5;
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.y = this.top;
  }

  /** Starts a new page unless `height` still fits; never on an empty page (that would loop). */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom && !this.atPageTop) this.newPage();
  }

  /** Vertical space that disappears at the top of a page. */
  gap(height: number): void {
    if (this.atPageTop) return;
    if (this.doc.y + height > this.bottom) {
      this.newPage();
      return;
    }
    this.doc.y += height;
  }

  heightOf(text: Inline, width: number, style: TextStyle): number {
    if (text.length === 0) return 0;
    const plain = tieText(text.map((s) => s.text).join(''));
    // Mixed runs are measured in the bold face: a little too tall is safe, too short overflows.
    const font = text.some((s) => s.bold) ? style.bold : style.regular;
    return this.doc
      .font(font)
      .fontSize(style.size)
      .heightOfString(plain, { width, lineGap: style.lineGap });
  }

  lineHeight(style: TextStyle): number {
    return (
      this.doc.font(style.regular).fontSize(style.size).currentLineHeight(true) + style.lineGap
    );
  }

  /** Draws runs of regular and bold text as one flowing paragraph starting at (x, doc.y). */
  text(
    text: Inline,
    x: number,
    width: number,
    style: TextStyle,
    extra: PDFKit.Mixins.TextOptions = {},
  ): void {
    const doc = this.doc;
    // pdfkit drops the leading space of a continued fragment ("Skawinaz siedzibą"): move it to
    // the end of the previous fragment, where it survives.
    const spans: Inline = [];
    for (const span of text) {
      const lead = /^\s+/.exec(span.text)?.[0] ?? '';
      const prev = spans[spans.length - 1];
      if (lead && prev) {
        prev.text += lead;
        if (span.text.length > lead.length)
          spans.push({ ...span, text: span.text.slice(lead.length) });
      } else if (span.text.length > 0) {
        spans.push({ ...span });
      }
    }
    if (spans.length === 0) return;
    doc.fillColor(style.color ?? TEXT_COLOR).fontSize(style.size);
    const y = doc.y;
    spans.forEach((span, i) => {
      const options: PDFKit.Mixins.TextOptions = {
        width,
        align: style.align,
        lineGap: style.lineGap,
        continued: i < spans.length - 1,
        ...extra,
      };
      doc.font(span.bold ? style.bold : style.regular);
      const tied = tieText(span.text);
      if (i === 0) doc.text(tied, x, y, options);
      else doc.text(tied, options);
    });
    doc.fillColor(TEXT_COLOR);
  }

  /** A paragraph with a hanging marker ("1.", "2)", "a)", "–") at `markerX`. */
  marked(marker: string, text: Inline, markerX: number, textX: number): void {
    const doc = this.doc;
    this.ensure(this.lineHeight(BODY) * 2);
    const y = doc.y;
    doc.font(F.serif).fontSize(BODY_SIZE).fillColor(TEXT_COLOR);
    doc.text(marker, markerX, y, { lineBreak: false });
    doc.y = y;
    this.text(text, textX, this.left + this.width - textX, BODY);
  }

  block(block: Block, previous: Block | undefined, next?: Block): void {
    const doc = this.doc;
    const left = this.left;
    if (next?.type === 'signatures') this.keepWithSignatures(block, next.parties);
    switch (block.type) {
      case 'heading': {
        const style: TextStyle = {
          size: block.level === 1 ? 14 : block.level === 2 ? 11.5 : 10.5,
          regular: F.sansBold,
          bold: F.sansBold,
          align: block.level === 3 ? 'left' : 'center',
          lineGap: 2,
        };
        const followingTitle = previous?.type === 'heading' && previous.level <= block.level;
        this.gap(followingTitle ? 2 : block.level === 1 ? 6 : 12);
        // Keep the heading with the first lines of what follows.
        this.ensure(this.heightOf(block.text, this.width, style) + this.leadOf(next));
        this.text(block.text, left, this.width, style);
        doc.y += block.level === 1 ? 6 : 4;
        return;
      }
      case 'clause': {
        const style: TextStyle = {
          size: 10.5,
          regular: F.sansBold,
          bold: F.sansBold,
          align: 'center',
          lineGap: 1,
        };
        this.gap(12);
        const titleHeight = block.title ? this.heightOf(block.title, this.width, style) : 0;
        this.ensure(this.lineHeight(style) + titleHeight + this.leadOf(next));
        this.text([{ text: `§ ${block.number}.`, bold: true }], left, this.width, style);
        if (block.title) this.text(block.title, left, this.width, style);
        doc.y += 4;
        return;
      }
      case 'numbered':
        this.gap(3);
        this.marked(`${block.number}.`, block.text, left, left + INDENT);
        return;
      case 'point': {
        this.gap(1.5);
        this.pointX = isNested(previous) ? left + INDENT : left;
        this.marked(`${block.number})`, block.text, this.pointX, this.pointX + INDENT);
        return;
      }
      case 'letter':
        this.gap(1);
        this.marked(`${block.letter})`, block.text, this.pointX + INDENT, this.pointX + INDENT * 2);
        return;
      case 'bullet': {
        this.gap(1.5);
        const base = isNested(previous) ? left + INDENT : left;
        this.marked('–', block.text, base + 4, base + INDENT);
        return;
      }
      case 'paragraph':
        this.gap(5);
        this.ensure(this.lineHeight(BODY));
        this.text(block.text, left, this.width, { ...BODY, align: block.align });
        return;
      case 'small': {
        const style: TextStyle = {
          size: SMALL_SIZE,
          regular: F.serif,
          bold: F.serifBold,
          align: 'left',
          lineGap: 1,
          color: MUTED,
        };
        this.gap(previous?.type === 'signatures' ? 18 : 4);
        this.ensure(this.lineHeight(style));
        this.text(block.text, left, this.width, style);
        return;
      }
      case 'table':
        this.gap(6);
        this.table(block);
        doc.y += 4;
        return;
      case 'signatures':
        this.gap(28);
        this.signatures(block.parties);
        return;
      case 'pageBreak':
        if (!this.atPageTop) this.newPage();
        return;
      default: {
        const unreachable: never = block;
        return unreachable;
      }
    }
  }

  private table(block: Extract<Block, { type: 'table' }>): void {
    const doc = this.doc;
    const widths = block.widths.map((w) => w * this.width);
    const cellStyle = (align: ColumnAlign, header: boolean): TextStyle => ({
      size: header ? TABLE_SIZE - 0.5 : TABLE_SIZE,
      regular: header ? F.sansBold : F.serif,
      bold: header ? F.sansBold : F.serifBold,
      align,
      lineGap: 1,
    });
    const rowHeight = (cells: Inline[], header: boolean): number =>
      Math.max(
        ...cells.map((cell, i) =>
          this.heightOf(cell, widths[i] - CELL_PAD * 2, cellStyle(block.align[i], header)),
        ),
        this.lineHeight(cellStyle('left', header)) - 1,
      ) +
      CELL_PAD * 2;

    const drawRow = (cells: Inline[], header: boolean, height: number): void => {
      const y = doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        if (header) doc.rect(x, y, widths[i], height).fill(HEADER_FILL);
        doc.lineWidth(0.5).strokeColor(RULE).rect(x, y, widths[i], height).stroke();
        doc.y = y + CELL_PAD;
        // height clips a cell taller than a page instead of letting pdfkit add pages mid-row.
        this.text(cell, x + CELL_PAD, widths[i] - CELL_PAD * 2, cellStyle(block.align[i], header), {
          height: height - CELL_PAD * 2 + 1,
          ellipsis: true,
        });
        x += widths[i];
      });
      doc.y = y + height;
    };

    const headerHeight = block.header ? rowHeight(block.header, true) : 0;
    const maxRow = this.bottom - this.top - headerHeight;
    const heights = block.rows.map((r) => Math.min(rowHeight(r, false), maxRow));
    this.ensure(headerHeight + (heights[0] ?? 0));
    if (block.header) drawRow(block.header, true, headerHeight);
    block.rows.forEach((row, i) => {
      if (doc.y + heights[i] > this.bottom) {
        this.newPage();
        // The header repeats on every page the table continues on.
        if (block.header) drawRow(block.header, true, headerHeight);
      }
      drawRow(row, false, heights[i]);
    });
  }

  /** Draws (or only measures) one signature box; returns its height. */
  private signatureBox(party: SignatureParty, x: number, width: number, draw: boolean): number {
    const doc = this.doc;
    const y0 = doc.y;
    let y = y0;
    const partyStyle: TextStyle = {
      size: 9.5,
      regular: F.sansBold,
      bold: F.sansBold,
      align: 'center',
      lineGap: 1,
    };
    const nameStyle: TextStyle = {
      size: 9,
      regular: F.serifBold,
      bold: F.serifBold,
      align: 'center',
      lineGap: 0.5,
    };
    const titleStyle: TextStyle = {
      size: 8,
      regular: F.serif,
      bold: F.serifBold,
      align: 'center',
      lineGap: 0.5,
    };
    const labelStyle: TextStyle = {
      size: 8,
      regular: F.sansBold,
      bold: F.sansBold,
      align: 'center',
      lineGap: 0.5,
    };
    const put = (text: string, style: TextStyle): void => {
      if (!text) return;
      const inline: Inline = [{ text, bold: false }];
      const h = this.heightOf(inline, width, style);
      if (draw) {
        doc.y = y;
        this.text(inline, x, width, style);
      }
      y += h;
    };
    const signLine = (person: Signatory, space: number): void => {
      y += space;
      if (draw) {
        doc.save().lineWidth(0.6).strokeColor(MUTED).dash(1, { space: 2 });
        doc
          .moveTo(x + width * 0.1, y)
          .lineTo(x + width * 0.9, y)
          .stroke();
        doc.undash().restore();
      }
      y += 3;
      put(person.name, nameStyle);
      put(person.title, titleStyle);
    };

    if (party.party.length > 0) {
      const h = this.heightOf(party.party, width, partyStyle);
      if (draw) {
        doc.y = y;
        this.text(party.party, x, width, partyStyle);
      }
      y += h;
    }
    party.signers.forEach((s) => signLine(s, 34));
    if (party.countersigners.length > 0) {
      y += 12;
      put('Kontrasygnata Skarbnika', labelStyle);
      party.countersigners.forEach((s) => signLine(s, 28));
    }
    for (const note of party.notes) {
      y += 2;
      const style: TextStyle = { ...titleStyle, color: MUTED };
      const h = this.heightOf(note, width, style);
      if (draw) {
        doc.y = y;
        this.text(note, x, width, style);
      }
      y += h;
    }
    if (draw) doc.y = y0;
    return y - y0;
  }

  /**
   * What a heading or a § must find room for below it: the next heading with three lines, a
   * table's header with its first row, or three lines of text.
   */
  private leadOf(next: Block | undefined): number {
    const lines = this.lineHeight(BODY) * 3;
    if (next?.type === 'heading') return this.heightOf(next.text, this.width, BODY) + 12 + lines;
    if (next?.type === 'table') return this.lineHeight(BODY) * 5;
    return lines;
  }

  /**
   * A signature block never stands alone on a page: the text it signs (the last paragraph or
   * point before it) moves to the next page with it when both do not fit.
   */
  private keepWithSignatures(block: Block, parties: SignatureParty[]): void {
    if (!('text' in block) || block.type === 'heading') return;
    const { rows, rowHeights } = this.signatureRows(parties);
    const rowGap = 22;
    const total = rowHeights.reduce((a, b) => a + b, 0) + rowGap * (rows.length - 1);
    const signatures = total <= this.bottom - this.top ? total : rowHeights[0];
    const text = this.heightOf(block.text, this.width - INDENT, BODY);
    if (text + 28 + signatures <= this.bottom - this.top) this.ensure(text + 28 + signatures + 6);
  }

  private signatureRows(parties: SignatureParty[]): {
    rows: (SignatureParty | null)[][];
    rowHeights: number[];
    colWidth: number;
  } {
    const gutter = 30;
    const colWidth = (this.width - gutter) / 2;
    // One party signs on the right, as under a letter; more go in two columns.
    const rows: (SignatureParty | null)[][] =
      parties.length === 1
        ? [[null, parties[0]]]
        : Array.from({ length: Math.ceil(parties.length / 2) }, (_, i) => [
            parties[i * 2],
            parties[i * 2 + 1] ?? null,
          ]);
    const rowHeights = rows.map((row) =>
      Math.max(...row.map((p) => (p ? this.signatureBox(p, 0, colWidth, false) : 0))),
    );
    return { rows, rowHeights, colWidth };
  }

  private signatures(parties: SignatureParty[]): void {
    const doc = this.doc;
    const gutter = 30;
    const rowGap = 22;
    const { rows, rowHeights, colWidth } = this.signatureRows(parties);
    const total = rowHeights.reduce((a, b) => a + b, 0) + rowGap * (rows.length - 1);
    // Keep the whole block together when it fits on a page; otherwise never split a box.
    if (total <= this.bottom - this.top) this.ensure(total);
    rows.forEach((row, i) => {
      if (i > 0) this.gap(rowGap);
      this.ensure(rowHeights[i]);
      const y = doc.y;
      row.forEach((party, col) => {
        if (!party) return;
        doc.y = y;
        this.signatureBox(party, this.left + col * (colWidth + gutter), colWidth, true);
      });
      doc.y = y + rowHeights[i];
    });
  }

  /** Header with the tender reference and "Strona X z Y" on every buffered page. */
  decorate(options: LayoutOptions): number {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margins = { ...doc.page.margins };
      // Text in the margins would make pdfkit add a page: lift the margins while decorating.
      doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      const width = doc.page.width - margins.left - margins.right;
      const headerY = margins.top - 30;
      doc.font(F.sans).fontSize(7.5).fillColor(MUTED);
      doc.text(options.headerLeft, margins.left, headerY, { width: width * 0.6, lineBreak: false });
      doc.text(options.headerRight, margins.left + width * 0.4, headerY, {
        width: width * 0.6,
        align: 'right',
        lineBreak: false,
      });
      doc
        .lineWidth(0.4)
        .strokeColor(RULE)
        .moveTo(margins.left, headerY + 11)
        .lineTo(margins.left + width, headerY + 11)
        .stroke();
      doc.text(
        `Strona ${i - range.start + 1} z ${range.count}`,
        margins.left,
        doc.page.height - margins.bottom + 22,
        {
          width,
          align: 'center',
          lineBreak: false,
        },
      );
      doc.page.margins = margins;
    }
    doc.fillColor(TEXT_COLOR);
    return range.count;
  }
}

/** Points and tirets under a numbered paragraph are indented one step further. */
function isNested(context: Block | undefined): boolean {
  return context?.type === 'numbered';
}

export async function layoutPdf(blocks: Block[], options: LayoutOptions): Promise<LayoutResult> {
  const shared = fonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'pl-PL',
    displayTitle: true,
    info: {
      Title: options.title,
      Author: options.author,
      Subject: options.subject,
      Keywords: options.keywords,
      Creator: 'Wspólnie',
      Producer: 'Wspólnie (pdfkit)',
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  doc.registerFont(F.serif, asFontSource(shared.serif));
  doc.registerFont(F.serifBold, asFontSource(shared.serifBold));
  doc.registerFont(F.sans, asFontSource(shared.sans));
  doc.registerFont(F.sansBold, asFontSource(shared.sansBold));
  doc.font(F.serif);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const layout = new Layout(doc);
  blocks.forEach((block, i) => {
    layout.block(block, contextOf(blocks, i), blocks[i + 1]);
  });
  const pages = layout.decorate(options);
  doc.end();
  return { pdf: await done, pages };
}

/**
 * The block that decides spacing and indentation: for points, letters and tirets the nearest
 * block that is not one of them (the paragraph they belong to); otherwise the previous block.
 */
function contextOf(blocks: Block[], index: number): Block | undefined {
  const block = blocks[index];
  if (block.type !== 'point' && block.type !== 'bullet' && block.type !== 'letter') {
    return blocks[index - 1];
  }
  for (let i = index - 1; i >= 0; i--) {
    const b = blocks[i];
    if (b.type === 'point' || b.type === 'bullet' || b.type === 'letter') continue;
    return b;
  }
  return undefined;
}

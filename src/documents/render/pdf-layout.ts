import PDFDocument from 'pdfkit';
import type { Block, ColumnAlign, Inline, SignatureParty, Signatory } from './block-parser';
import {
  BODY,
  CELL_PAD,
  F,
  HEADER_FILL,
  INDENT,
  LayoutBase,
  type LayoutOptions,
  MARGIN,
  MUTED,
  RULE,
  SMALL_SIZE,
  TABLE_SIZE,
  type TextStyle,
} from './pdf-base';
import { asFontSource, fonts } from './pdf-fonts';

/**
 * One layout engine for every document kind: blocks in, A4 PDF out. Page breaks of tables and
 * signature blocks are decided here (pdfkit only flows plain text), the page header and the
 * "Strona X z Y" footer are drawn at the end over buffered pages, when the page count is known.
 */

export interface LayoutResult {
  pdf: Buffer;
  pages: number;
}

class Layout extends LayoutBase {
  /** Where the markers of the current run of "1)" points sit; "a)" letters go one step in. */
  private pointX = 0;

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
}

/** Points and tirets under a numbered paragraph are indented one step further. */
function isNested(context: Block | undefined): boolean {
  return context?.type === 'numbered';
}

export type { LayoutOptions };

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

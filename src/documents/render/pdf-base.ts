import type { Inline } from './block-parser';
import { tieText } from './pdf-fonts';

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

/** Page geometry, the text styles and the drawing primitives every block of the layout uses. */

export const CM = 72 / 2.54;
export const MARGIN = 2.5 * CM;

export const F = {
  serif: 'Serif',
  serifBold: 'Serif-Bold',
  sans: 'Sans',
  sansBold: 'Sans-Bold',
} as const;

export const BODY_SIZE = 10;
export const BODY_GAP = 2;
export const SMALL_SIZE = 8;
export const TABLE_SIZE = 7.5;
export const CELL_PAD = 3;
export const INDENT = 20;
export const TEXT_COLOR = '#000000';
export const MUTED = '#444444';
export const RULE = '#555555';
export const HEADER_FILL = '#e8e8e8';

export type TextAlign = 'left' | 'center' | 'right' | 'justify';

export interface TextStyle {
  size: number;
  regular: string;
  bold: string;
  align: TextAlign;
  lineGap: number;
  color?: string;
}

export const BODY: TextStyle = {
  size: BODY_SIZE,
  regular: F.serif,
  bold: F.serifBold,
  align: 'justify',
  lineGap: BODY_GAP,
};

/** The page and text primitives of the layout engine; blocks and signatures build on them. */
export class LayoutBase {
  constructor(protected readonly doc: PDFKit.PDFDocument) {}

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

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The fonts of every document: DejaVu (all Polish glyphs) parsed once per process and shared by
 * all documents, and the Polish typesetting ties applied when text is drawn.
 */

/** The part of a fontkit font this module touches; pdfkit uses the rest through the proxy. */
export interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

export interface FontkitGlyph {
  id: number;
  codePoints: number[];
}

export interface GlyphRunLike {
  glyphs: FontkitGlyph[];
  positions: GlyphPosition[];
  readonly advanceWidth: number;
}

export interface FontkitFont {
  layout(text: string, features?: unknown): GlyphRunLike;
  readonly characterSet: number[];
  glyphForCodePoint(codePoint: number): FontkitGlyph;
}

export interface Fontkit {
  create(buffer: Buffer): FontkitFont;
}

export interface SharedFonts {
  serif: FontkitFont;
  serifBold: FontkitFont;
  sans: FontkitFont;
  sansBold: FontkitFont;
}

/** Words cached per font; Polish legal prose has a small vocabulary, so this rarely fills. */
export const LAYOUT_CACHE_LIMIT = 50_000;

/**
 * Shaping a word with DejaVu's kerning and mark tables is the slow part of pdfkit (~0.3 ms a
 * word), and pdfkit's own word cache dies with each document. This proxy keeps shaped words for
 * the process. pdfkit scales the positions it gets in place, so every call hands out copies.
 */
export function withSharedLayoutCache(font: FontkitFont): FontkitFont {
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
export function primeGlyphCodePoints(font: FontkitFont): void {
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
export function fonts(): SharedFonts {
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
export function asFontSource(font: FontkitFont): PDFKit.Mixins.PDFFontSource {
  return font as unknown as PDFKit.Mixins.PDFFontSource;
}

export const NBSP = '\u00a0';

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

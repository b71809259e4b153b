import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { parseBlocks } from './block-parser';
import { DOCUMENT_KIND_LABEL } from './labels';
import { layoutPdf } from './pdf-layout';
import type { DocumentKind, SnapshotByKind } from './snapshot.types';
import { loadTemplate } from './template-engine';
import { buildDocumentModel } from './view-model';

export type { DocumentKind } from './snapshot.types';

export interface RenderedDocument {
  pdf: Buffer;
  pages: number;
  /** SHA-256 of the PDF bytes, hex. */
  sha256: string;
  templateName: string;
  /** SHA-256 of the template, its partials, the legal references and the renderer version. */
  templateHash: string;
}

export interface RenderOptions {
  /** Folder with the .hbs templates; defaults to the project's top-level templates/. */
  templatesDir?: string;
}

/**
 * The project's templates/ folder. Three levels up works from src/documents/render (ts-node,
 * Jest) and from dist/documents/render (the built worker) alike.
 */
export const DEFAULT_TEMPLATES_DIR = path.resolve(__dirname, '..', '..', '..', 'templates');

/** Key order must not change the digest: the same snapshot read back from jsonb is the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Renders one document. Deterministic: the same snapshot and templates give byte-identical PDFs
 * (dates come from snapshot.generatedAt, the PDF ID from the content), so a retried job stores
 * the same bytes and the same SHA-256.
 */
export async function renderDocument<K extends DocumentKind>(
  kind: K,
  snapshot: SnapshotByKind[K],
  options: RenderOptions = {},
): Promise<RenderedDocument> {
  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
  const template = await loadTemplate(templatesDir, kind);
  const view = buildDocumentModel(kind, snapshot, template.law);
  const text = template.render(view);
  const blocks = parseBlocks(text);

  const createdAt = new Date(snapshot.generatedAt);
  if (Number.isNaN(createdAt.getTime())) {
    throw new RangeError(`snapshot.generatedAt is not a date: ${snapshot.generatedAt}`);
  }
  const sourceDigest = createHash('sha256')
    .update(template.hash)
    .update('\0')
    .update(canonicalJson(snapshot))
    .digest('hex');

  const kindLabel = DOCUMENT_KIND_LABEL[kind];
  const partnerSuffix = view.partner && !view.partner.isLeader ? ` – ${view.partner.name}` : '';
  const { pdf, pages } = await layoutPdf(blocks, {
    title: `${kindLabel}${partnerSuffix} – ${snapshot.tender.reference}`,
    author: view.leader.name,
    subject: snapshot.tender.title,
    keywords: `${snapshot.tender.reference}; ${kind}; source-sha256:${sourceDigest}`,
    createdAt,
    headerLeft: `Znak sprawy: ${snapshot.tender.reference}`,
    headerRight: `${kindLabel}${partnerSuffix}`,
  });
  return {
    pdf,
    pages,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    templateName: template.name,
    templateHash: template.hash,
  };
}

/** Every construct of the grammar once, in each font, with the words documents use most. */
const WARM_UP_TEXT = [
  '# POROZUMIENIE',
  '## o wspólnym przeprowadzeniu postępowania',
  '§ Przedmiot Porozumienia',
  '1. Strony, działając na podstawie art. 38 ust. 1 i 2 ustawy Pzp, postanawiają, co następuje: **Gmina** zamówienia publicznego, udziału, Partnerów, Lidera, wartość netto, brutto.',
  '1) przygotowania dokumentów zamówienia; 1 234 567,89 zł (słownie: złotych 89/100)',
  '| Lp. | Strona | Wartość netto |',
  '|:--|:------|-----:|',
  '| 1 | Gmina Świątniki Górne | 2 184 600,00 |',
  '> Źródło danych: rejestr zatwierdzeń.',
  '::: signatures',
  'party: Lider: Gmina Skawina',
  'signer: Burmistrz Miasta i Gminy | Jan Kowalski',
  'countersign: Skarbnik Gminy | Anna Nowak',
  ':::',
].join('\n');

/**
 * Loads the fonts and warms the shaping cache and the JIT, so the worker's first real document
 * is not the one that pays ~2 s of start-up. Call once when the worker boots; safe to skip.
 */
export async function warmUpRenderer(): Promise<void> {
  await layoutPdf(parseBlocks(WARM_UP_TEXT), {
    title: 'warm-up',
    author: 'Wspólnie',
    subject: 'warm-up',
    keywords: 'warm-up',
    createdAt: new Date(0),
    headerLeft: 'Znak sprawy',
    headerRight: 'Strona',
  });
}

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import {
  amountInWordsPl,
  formatAmountPl,
  formatDatePl,
  formatDateTimePl,
  formatPln,
  formatPlnWithWords,
  formatVatRate,
} from './polish-format';
import type { DeadlineModel, DocumentModel } from './view-model';
import type { DocumentKind } from './snapshot.types';

/**
 * Bumped when the block grammar or the layout changes the output for the same template and data:
 * it is part of templateHash, so stored documents can tell they would now render differently.
 */
export const RENDERER_VERSION = 'wspolnie-render-1';

export const TEMPLATE_FILE: Record<DocumentKind, string> = {
  AGREEMENT: 'agreement.hbs',
  POWER_OF_ATTORNEY: 'power-of-attorney.hbs',
  SHARE_CONFIRMATION: 'share-confirmation.hbs',
  COST_SPLIT: 'cost-split.hbs',
  PROTOCOL: 'protocol.hbs',
  SETTLEMENT: 'settlement.hbs',
};

export class TemplateError extends Error {
  readonly code = 'DOCUMENT_TEMPLATE_INVALID';
}

/**
 * Escapes data so it can never be read as block grammar: a partner called "A | B" must not split
 * a table cell, and an address starting with "1." must not become a numbered paragraph. The
 * parser turns "\x" back into "x" for any punctuation x.
 */
export function escapeBlockText(value: string): string {
  return value
    .replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ')
    .replace(/[\\|*]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>§:\-–•])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
    .replace(/^(\s*[a-z])\)/, '$1\\)');
}

function escapeDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeBlockText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => escapeDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = escapeDeep(v);
    return out as T;
  }
  return value;
}

function asGrosz(value: unknown, helper: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TemplateError(`{{${helper}}} needs an integer amount in grosz, got ${String(value)}`);
  }
  return value;
}

function asString(value: unknown, helper: string): string {
  if (typeof value !== 'string' && !(value instanceof Date)) {
    throw new TemplateError(`{{${helper}}} needs a date string, got ${String(value)}`);
  }
  return typeof value === 'string' ? value : value.toISOString();
}

/** Handlebars passes its options object last; the helpers only need the positional values. */
function positional(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

function optionsOf(args: unknown[]): Handlebars.HelperOptions {
  return args[args.length - 1] as Handlebars.HelperOptions;
}

// An isolated instance: e-mail templates elsewhere in the process may register other helpers.
const hbs = Handlebars.create();

const helpers: Record<string, (...args: unknown[]) => unknown> = {
  pln: (...args) => formatPln(asGrosz(positional(args)[0], 'pln')),
  amount: (...args) => formatAmountPl(asGrosz(positional(args)[0], 'amount')),
  words: (...args) => amountInWordsPl(asGrosz(positional(args)[0], 'words')),
  plnWords: (...args) => formatPlnWithWords(asGrosz(positional(args)[0], 'plnWords')),
  date: (...args) => formatDatePl(asString(positional(args)[0], 'date')),
  dateTime: (...args) => formatDateTimePl(asString(positional(args)[0], 'dateTime')),
  vat: (...args) => {
    const rate = positional(args)[0];
    if (typeof rate !== 'number') throw new TemplateError('{{vat}} needs a number');
    return formatVatRate(rate);
  },
  inc: (...args) => Number(positional(args)[0]) + 1,
  eq: (...args) => {
    const [a, b] = positional(args);
    return a === b;
  },
  ne: (...args) => {
    const [a, b] = positional(args);
    return a !== b;
  },
  and: (...args) => positional(args).every(Boolean),
  or: (...args) => positional(args).some(Boolean),
  not: (...args) => !positional(args)[0],
  upper: (...args) => {
    const value = positional(args)[0];
    return typeof value === 'string' ? value.toLocaleUpperCase('pl-PL') : '';
  },
  /**
   * {{deadline "OFFERS" fallback="…"}}: the due date of the first deadline of that kind, so the
   * agreement's list of duties picks dates from the schedule without a loop.
   */
  deadline: (...args) => {
    const options = optionsOf(args);
    const found = scheduled(args);
    if (found) return found.dueLabel;
    const fallback = (options.hash as Record<string, unknown>).fallback;
    return typeof fallback === 'string' ? fallback : 'w terminie wyznaczonym przez Lidera';
  },
  /**
   * {{byDeadline "AGREEMENT_SIGNING"}}: "w terminie do dnia 11 grudnia 2026 r.", or "w terminie
   * wyznaczonym przez Lidera" while the schedule has no such date — a whole phrase either way.
   */
  byDeadline: (...args) => {
    const found = scheduled(args);
    return found ? `w terminie do dnia ${found.dueLabel}` : 'w terminie wyznaczonym przez Lidera';
  },
  /** {{#if (hasDeadline "STANDSTILL_END")}}: the schedule holds a date of that kind. */
  hasDeadline: (...args) => scheduled(args) !== undefined,
};
for (const [name, fn] of Object.entries(helpers)) hbs.registerHelper(name, fn);

/** The first deadline of the kind named by a helper's first argument. */
function scheduled(args: unknown[]): DeadlineModel | undefined {
  const root = (optionsOf(args).data as { root: DocumentModel }).root;
  return root.deadlines.find((d) => d.kind === positional(args)[0]);
}

export interface LoadedTemplate {
  name: string;
  hash: string;
  render(view: DocumentModel): string;
  law: Record<string, string>;
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

function compileCached(source: string, name: string): HandlebarsTemplateDelegate {
  const key = createHash('sha256').update(source).digest('hex');
  let template = compiled.get(key);
  if (!template) {
    try {
      // noEscape: the output is block-grammar text, not HTML; data is escaped by escapeDeep.
      // strict stays off so {{#if optional}} works on absent fields.
      // Parse eagerly: compile() is lazy and would report a syntax error only at first render.
      hbs.parse(source);
      template = hbs.compile(source, { noEscape: true });
    } catch (err) {
      throw new TemplateError(`Template ${name}: ${(err as Error).message}`);
    }
    compiled.set(key, template);
  }
  return template;
}

async function readPartials(dir: string): Promise<[string, string][]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  const hbsFiles = files.filter((f) => f.endsWith('.hbs')).sort();
  return Promise.all(
    hbsFiles.map(async (f): Promise<[string, string]> => [
      path.basename(f, '.hbs'),
      await readFile(path.join(dir, f), 'utf8'),
    ]),
  );
}

async function readLaw(file: string): Promise<[string, Record<string, string>]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return ['', {}];
  }
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TemplateError(`${file} must be a JSON object of strings`);
  }
  const law: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof v === 'string') law[k] = v;
  }
  return [text, law];
}

/**
 * Reads the template of a kind with its partials and legal references. Files are read on every
 * call (a few KB) so a lawyer's edit applies without a restart; compilation is cached by content.
 */
export async function loadTemplate(
  templatesDir: string,
  kind: DocumentKind,
): Promise<LoadedTemplate> {
  const name = TEMPLATE_FILE[kind];
  let source: string;
  try {
    source = await readFile(path.join(templatesDir, name), 'utf8');
  } catch (err) {
    throw new TemplateError(
      `Template ${name} not found in ${templatesDir}: ${(err as Error).message}`,
    );
  }
  const partialSources = await readPartials(path.join(templatesDir, 'partials'));
  const [lawText, law] = await readLaw(path.join(templatesDir, 'legal-references.json'));

  const hash = createHash('sha256');
  hash.update(`${RENDERER_VERSION}\0${name}\0${source}\0`);
  for (const [partialName, text] of partialSources) hash.update(`${partialName}\0${text}\0`);
  hash.update(lawText);

  const template = compileCached(source, name);
  const partials = Object.fromEntries(
    partialSources.map(([partialName, text]) => [partialName, compileCached(text, partialName)]),
  );
  return {
    name,
    hash: hash.digest('hex'),
    law,
    render(view: DocumentModel): string {
      try {
        // "… 2029 r." followed by the sentence's full stop would print "r..": keep one.
        return template(escapeDeep(view), { partials }).replace(/(\d r\.)\.(?!\.)/g, '$1');
      } catch (err) {
        if (err instanceof TemplateError) throw err;
        throw new TemplateError(`Template ${name}: ${(err as Error).message}`);
      }
    },
  };
}

import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inlineText, parseBlocks } from './block-parser';
import { demoAgreementSnapshot } from './fixtures';
import { DEFAULT_TEMPLATES_DIR } from './render-document';
import { TemplateError, escapeBlockText, loadTemplate } from './template-engine';
import { buildDocumentModel } from './view-model';

describe('template-engine', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'wspolnie-templates-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('escapes data so it cannot be read as grammar', () => {
    for (const hostile of [
      'A | B',
      '# Tytuł',
      '1. Maja 5',
      '3) punkt',
      'a) litera',
      '> drobny',
      '**gruby**',
      '---',
      '::: signatures',
      'C:\\dane',
    ]) {
      const blocks = parseBlocks(`| ${escapeBlockText(hostile)} | x |`);
      expect(blocks).toHaveLength(1);
      const [table] = blocks;
      if (table.type !== 'table') throw new Error('not a table');
      expect(table.rows[0].map(inlineText)).toEqual([hostile, 'x']);
      const [paragraph] = parseBlocks(escapeBlockText(hostile));
      expect(paragraph).toMatchObject({ type: 'paragraph' });
      if (paragraph.type === 'paragraph') expect(inlineText(paragraph.text)).toBe(hostile);
    }
    expect(escapeBlockText('dwa\nwiersze')).toBe('dwa wiersze');
  });

  it('keeps a partner with a pipe in its name inside its table cell', async () => {
    const snapshot = demoAgreementSnapshot();
    snapshot.parties[1].name = 'Gmina | Test **bold**';
    const template = await loadTemplate(DEFAULT_TEMPLATES_DIR, 'COST_SPLIT');
    const blocks = parseBlocks(
      template.render(buildDocumentModel('COST_SPLIT', snapshot, template.law)),
    );
    const cells = blocks.flatMap((b) => (b.type === 'table' ? b.rows.flat().map(inlineText) : []));
    expect(cells).toContain('Gmina | Test **bold**');
  });

  it('picks up an edited template without a restart and changes the hash', async () => {
    await writeFile(path.join(dir, 'cost-split.hbs'), '# Wersja 1 {{tender.reference}}\n');
    const view = buildDocumentModel('COST_SPLIT', demoAgreementSnapshot(), {});
    const first = await loadTemplate(dir, 'COST_SPLIT');
    expect(first.render(view)).toBe('# Wersja 1 ZP.271.14.2026\n');
    await writeFile(path.join(dir, 'cost-split.hbs'), '# Wersja 2\n');
    const second = await loadTemplate(dir, 'COST_SPLIT');
    expect(second.render(view)).toBe('# Wersja 2\n');
    expect(second.hash).not.toBe(first.hash);
    expect(second.name).toBe('cost-split.hbs');
  });

  it('hashes partials and legal references with the template', async () => {
    await writeFile(path.join(dir, 'cost-split.hbs'), '{{> p}} {{law.pzp}}\n');
    await mkdir(path.join(dir, 'partials'));
    await writeFile(path.join(dir, 'partials', 'p.hbs'), 'A');
    await writeFile(path.join(dir, 'legal-references.json'), '{"pzp": "ustawy Pzp"}');
    const a = await loadTemplate(dir, 'COST_SPLIT');
    await writeFile(path.join(dir, 'legal-references.json'), '{"pzp": "ustawy Pzp (t.j.)"}');
    const b = await loadTemplate(dir, 'COST_SPLIT');
    await writeFile(path.join(dir, 'partials', 'p.hbs'), 'B');
    const c = await loadTemplate(dir, 'COST_SPLIT');
    expect(new Set([a.hash, b.hash, c.hash]).size).toBe(3);
    expect(c.render(buildDocumentModel('COST_SPLIT', demoAgreementSnapshot(), c.law))).toBe(
      'B ustawy Pzp (t.j.)\n',
    );
  });

  it('names the file when a template is missing or broken', async () => {
    await expect(loadTemplate(dir, 'PROTOCOL')).rejects.toThrow(/protocol\.hbs not found/);
    await writeFile(path.join(dir, 'protocol.hbs'), '{{#each parties}}bez zamknięcia');
    await expect(loadTemplate(dir, 'PROTOCOL')).rejects.toThrow(TemplateError);
    await writeFile(path.join(dir, 'protocol.hbs'), '{{pln tender.title}}');
    const bad = await loadTemplate(dir, 'PROTOCOL');
    expect(() => bad.render(buildDocumentModel('COST_SPLIT', demoAgreementSnapshot(), {}))).toThrow(
      /needs an integer amount in grosz/,
    );
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  DEMO_ORG,
  demoAwardedCostSplitSnapshot,
  demoSettlementSnapshot,
  demoSnapshot,
} from './fixtures';
import { formatPln } from './polish-format';
import { DEFAULT_TEMPLATES_DIR, type RenderedDocument, renderDocument } from './render-document';
import type { DocumentKind, SettlementModel } from './snapshot.types';

const run = promisify(execFile);

const KINDS: DocumentKind[] = [
  'AGREEMENT',
  'POWER_OF_ATTORNEY',
  'SHARE_CONFIRMATION',
  'COST_SPLIT',
  'PROTOCOL',
  'SETTLEMENT',
];

const PARTY_NAMES = [
  'Gmina Skawina',
  'Gmina Czernichów',
  'Gmina Liszki',
  'Gmina Mogilany',
  'Gmina Świątniki Górne',
  'Powiat Krakowski',
];

/** Names each document must show: the per-partner ones name their partner and the leader. */
const EXPECTED_NAMES: Record<DocumentKind, string[]> = {
  AGREEMENT: PARTY_NAMES,
  POWER_OF_ATTORNEY: ['Gmina Liszki', 'Gmina Skawina', 'Agnieszka Zielińska'],
  SHARE_CONFIRMATION: ['Gmina Liszki', 'Gmina Skawina', 'Agnieszka Zielińska', 'Janusz Wróbel'],
  COST_SPLIT: PARTY_NAMES,
  PROTOCOL: PARTY_NAMES,
  SETTLEMENT: ['Gmina Liszki', 'Gmina Skawina', 'Agnieszka Zielińska', 'Janusz Wróbel'],
};

const TITLES: Record<DocumentKind, string> = {
  AGREEMENT: 'POROZUMIENIE',
  POWER_OF_ATTORNEY: 'PEŁNOMOCNICTWO',
  SHARE_CONFIRMATION: 'POTWIERDZENIE UDZIAŁU',
  COST_SPLIT: 'PODZIAŁ KOSZTÓW',
  PROTOCOL: 'PROTOKÓŁ POSTĘPOWANIA',
  SETTLEMENT: 'ZESTAWIENIE ROZLICZEŃ PARTNERA',
};

let workDir: string;

async function tool(cmd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(cmd, args, { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(`${cmd} is missing: apt-get install -y poppler-utils qpdf`);
    }
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.stderr ?? e.message}\n${e.stdout ?? ''}`);
  }
}

async function toFile(name: string, pdf: Buffer): Promise<string> {
  const file = path.join(workDir, name);
  await writeFile(file, pdf);
  return file;
}

/** pdftotext with line breaks and runs of spaces folded, so wrapped names still match. */
async function textOf(file: string): Promise<string> {
  return (await tool('pdftotext', ['-enc', 'UTF-8', file, '-'])).replace(/\s+/g, ' ');
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'wspolnie-render-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe.each(KINDS)('renderDocument(%s)', (kind) => {
  let rendered: RenderedDocument;
  let file: string;
  let text: string;

  beforeAll(async () => {
    rendered = await renderDocument(kind, demoSnapshot(kind));
    file = await toFile(`${kind}.pdf`, rendered.pdf);
    text = await textOf(file);
    // The first render loads fonts and templates; a busy machine needs more than jest's 5 s.
  }, 30000);

  it('names its template and hashes the bytes it returns', () => {
    expect(rendered.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(rendered.templateName).toMatch(/\.hbs$/);
    expect(rendered.templateHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rendered.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows the parties, the reference and Polish letters intact', () => {
    for (const name of EXPECTED_NAMES[kind]) expect(text).toContain(name);
    expect(text).toContain('ZP.271.14.2026');
    for (const letter of 'ąćęłńóśźż') expect(text).toContain(letter);
    expect(text).toContain(TITLES[kind]);
    expect(text).not.toContain('\ufffd');
    expect(text).toMatch(/Strona 1 z \d+/);
  });

  it('prints amounts in the Polish format', () => {
    const snapshot = demoSnapshot(kind);
    // Liszki's street-lighting share, or the lot total where shares are not listed.
    expect(text).toContain(kind === 'PROTOCOL' ? '3 901 816,45' : '468 900,00');
    if (kind === 'AGREEMENT' || kind === 'PROTOCOL' || kind === 'COST_SPLIT') {
      expect(text).toContain(`${formatPln(snapshot.tender.valueNet)} (słownie: dziesięć milionów`);
      expect(text).toContain('złotych 75/100)');
    }
    if (kind === 'SHARE_CONFIRMATION') {
      expect(text).toContain('821 818,40 zł (słownie: osiemset dwadzieścia jeden tysięcy');
      expect(text).toContain('unieważniono');
    }
    if (kind === 'SETTLEMENT') {
      // The invoices with the partner's parts, the subsidy, the balance in figures and words.
      for (const s of ['FV/2027/04/118', 'FV/2027/05/007', '23 270,27', '7 756,76', '31 027,03'])
        expect(text).toContain(s);
      expect(text).toContain('uchwały nr XV/123/2027');
      expect(text).toContain('termin zwrotu niewykorzystanej części: 15 lipca 2027 r.');
      expect(text).toContain('stan na dzień 2 lipca 2027 r.');
      expect(text).toContain(
        'Nadpłata – kwota należna Partnerowi: 3 972,97 zł (słownie: trzy tysiące dziewięćset siedemdziesiąt dwa złote 97/100)',
      );
      expect(text).toContain('Kontrasygnata');
    }
  });

  it('embeds DejaVu and no standard PDF font', async () => {
    const fonts = await tool('pdffonts', [file]);
    const rows = fonts
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    expect(fonts).toMatch(/DejaVuSerif/);
    for (const row of rows) {
      // name type encoding emb sub uni object ID
      expect(row).toMatch(/DejaVu/);
      expect(row).toMatch(/\byes\s+yes\s+yes\b/);
    }
  });

  it('passes qpdf --check and reports the page count pdfinfo sees', async () => {
    const check = await tool('qpdf', ['--check', file]);
    expect(check).toContain('No syntax or stream encoding errors found');
    const info = await tool('pdfinfo', [file]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBe(rendered.pages);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/CreationDate:.*2026/);
  });

  it('renders byte-identical PDFs from the same snapshot', async () => {
    const again = await renderDocument(kind, demoSnapshot(kind));
    expect(again.sha256).toBe(rendered.sha256);
    expect(again.pdf.equals(rendered.pdf)).toBe(true);
    expect(again.templateHash).toBe(rendered.templateHash);
  });
});

describe('renderDocument', () => {
  it('changes the bytes when the snapshot changes', async () => {
    const a = await renderDocument('COST_SPLIT', demoSnapshot('COST_SPLIT'));
    const changed = demoSnapshot('COST_SPLIT');
    changed.lots[0].shares[0].amountNet += 100;
    changed.lots[0].shares[0].amountGross += 123;
    const b = await renderDocument('COST_SPLIT', changed);
    expect(b.sha256).not.toBe(a.sha256);
    // Same generation time: the PDF's /ID must still differ, it is derived from the content.
    const id = (pdf: Buffer): string | undefined =>
      /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))?.[1];
    expect(id(a.pdf)).toBeDefined();
    expect(id(b.pdf)).not.toBe(id(a.pdf));
  });

  it.each<SettlementModel>(['SEPARATE_CONTRACTS', 'LEADER_CONTRACT'])(
    'writes the settlement clauses of the %s model',
    async (model) => {
      const { pdf } = await renderDocument(
        'AGREEMENT',
        demoSnapshot('AGREEMENT', { settlementModel: model }),
      );
      const text = await textOf(await toFile(`agreement-${model}.pdf`, pdf));
      expect(text).toContain('art. 38 ust. 3');
      expect(text).toContain('pod rygorem nieważności');
      expect(text).toContain('Kontrasygnata Skarbnika');
      if (model === 'LEADER_CONTRACT') {
        expect(text).toContain('pomocy finansowej');
        expect(text).toContain('w terminie 15 dni');
        expect(text).toMatch(/art\. 250/);
        expect(text).toContain('zawarcia w imieniu własnym umowy');
      } else {
        expect(text).toContain('Lider nie jest upoważniony do zawierania umów');
        expect(text).not.toContain('pomocy finansowej');
      }
    },
  );

  it("states the leader's own settlement: partners' money received, one signature box", async () => {
    const snapshot = demoSettlementSnapshot(DEMO_ORG.SKAWINA);
    snapshot.settlement = {
      ...snapshot.settlement,
      receivedFromPartners: 15000000,
      paid: 15000000,
      balance: -1234567,
      subsidies: { ...snapshot.settlement.subsidies, granted: 0, toReturn: 0, returnDueOn: null },
      nextDue: null,
      payments: [],
    };
    const text = await textOf(
      await toFile('SETTLEMENT-leader.pdf', (await renderDocument('SETTLEMENT', snapshot)).pdf),
    );
    expect(text).toContain('ZESTAWIENIE ROZLICZEŃ LIDERA');
    expect(text).toContain('Środki otrzymane od Partnerów 150 000,00 zł');
    expect(text).toContain(
      'Niedopłata – kwota do zapłaty przez Lidera: 12 345,67 zł (słownie: dwanaście tysięcy trzysta czterdzieści pięć złotych 67/100)',
    );
    // An underpayment with nothing scheduled is never "no pending payments".
    expect(text).not.toContain('nie ma płatności oczekujących na zapłatę');
    expect(text).toContain('Na kwotę niedopłaty nie wyznaczono jeszcze płatności');
    expect(text).not.toContain('Potwierdza – Partner');
    expect(text).not.toContain('Dotacje celowe (pomoc finansowa) udzielone');
  });

  it.each<SettlementModel>(['SEPARATE_CONTRACTS', 'LEADER_CONTRACT'])(
    'grants a power of attorney (%s) on behalf of the principal, citing the agreement, without a countersignature',
    async (model) => {
      const snapshot = demoSnapshot('POWER_OF_ATTORNEY', { settlementModel: model });
      const text = await textOf(
        await toFile(`poa-${model}.pdf`, (await renderDocument('POWER_OF_ATTORNEY', snapshot)).pdf),
      );
      expect(text).toContain('Pełnomocnictwa udziela się');
      expect(text).not.toContain('Pełnomocnictwo udziela się');
      expect(text).toContain('w imieniu i na rzecz Mocodawcy');
      expect(text).not.toContain('w imieniu własnym');
      expect(text).toContain(
        '(znak sprawy: ZP.271.14.2026), w brzmieniu z dnia 24 listopada 2026 r. (wersja 2)',
      );
      expect(text).toContain('w trybie przetargu nieograniczonego, o którym mowa w art. 132');
      expect(text).not.toContain('Kontrasygnata');
      expect(text).not.toContain('Janusz Wróbel');
    },
  );

  it('names the procedure with its article, the contacts of every party and the RODO roles', async () => {
    const basic = demoSnapshot('AGREEMENT');
    basic.tender.procedure = 'BASIC';
    basic.lots[0].title = 'Część 1: Energia elektryczna dla oświetlenia ulicznego';
    const text = await textOf(
      await toFile('agreement-basic.pdf', (await renderDocument('AGREEMENT', basic)).pdf),
    );
    expect(text).toContain('w trybie podstawowym bez negocjacji, o którym mowa w art. 275 pkt 1');
    expect(text).toContain('część 1 – Energia elektryczna dla oświetlenia ulicznego');
    expect(text).not.toMatch(/[Cc]zęść 1 – Część 1/);
    expect(text).toContain('Gmina Skawina – Anna Nowak, e-mail: zamowienia@skawina.example');
    expect(text).toContain('Gmina Świątniki Górne – osoba wskazana przez kierownika jednostki');
    expect(text).toContain('odrębnym administratorem danych osobowych');
    expect(text).toContain('art. 6 ust. 1 lit. c i e RODO');
  });

  it('says "w terminie wyznaczonym przez Lidera" as a whole phrase while the schedule has no date', async () => {
    const early = demoSnapshot('AGREEMENT', { settlementModel: 'LEADER_CONTRACT' });
    early.deadlines = [];
    const text = await textOf(
      await toFile('agreement-early.pdf', (await renderDocument('AGREEMENT', early)).pdf),
    );
    expect(text).toContain('w terminie wyznaczonym przez Lidera');
    expect(text).not.toMatch(/do dnia w terminie|terminu zawieszającego \(w terminie/);
    expect(text).not.toContain('tak aby wyjaśnienia mogły zostać udzielone do dnia');
    expect(text).toContain('na podstawie protokołu zdawczo-odbiorczego');
  });

  it('splits costs after the award with the estimate beside the awarded price, prepared by the requester', async () => {
    const text = await textOf(
      await toFile(
        'cost-split-awarded.pdf',
        (await renderDocument('COST_SPLIT', demoAwardedCostSplitSnapshot())).pdf,
      ),
    );
    expect(text).toContain('Udział wg szacunku netto (zł)');
    expect(text).toContain('Wg wyboru oferty netto (zł)');
    expect(text).toContain('3 901 816,45 100,00% 3 512 000,00 4 319 759,99');
    expect(text).toContain('Sporządził');
    expect(text).toContain('Sporządził Zatwierdził – Lider: Gmina Skawina Katarzyna Wiśniewska');
    expect(text).toContain('specjalista ds. zamówień publicznych');
    expect(text).not.toContain('Sporządził – Lider');
  });

  it('keeps a budget classification on one line and the § with what follows it', async () => {
    const { pdf } = await renderDocument('SHARE_CONFIRMATION', demoSnapshot('SHARE_CONFIRMATION'));
    const file = await toFile('share-confirmation-layout.pdf', pdf);
    const layout = await tool('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
    expect(layout).toMatch(/900\/90015\/4260/);
    const pages = layout.split('\f');
    const page = pages.findIndex((p) => p.includes('Rejestr zatwierdzeń'));
    expect(pages[page]).toMatch(/Rejestr zatwierdzeń[\s\S]*Część 1/);
  });

  it.each<DocumentKind>(['COST_SPLIT', 'SETTLEMENT'])(
    'never leaves the signatures of the %s alone on a page, wherever the page ends',
    async (kind) => {
      // A longer title pushes everything down a line at a time, through a whole page.
      const word = 'oraz zadania uzupełniające partnerów w zakresie dróg i chodników';
      let signedAlone = 0;
      let breaksBeforeSignatures = 0;
      for (let extra = 0; extra < 48; extra += 1) {
        const snapshot =
          kind === 'COST_SPLIT' ? demoAwardedCostSplitSnapshot() : demoSnapshot(kind);
        snapshot.tender.title = `${snapshot.tender.title} ${Array(extra).fill(word).join(' ')}`;
        const { pdf } = await renderDocument(kind, snapshot);
        const file = await toFile(`${kind}-signatures-${extra}.pdf`, pdf);
        const pages = (await tool('pdftotext', ['-enc', 'UTF-8', file, '-'])).split('\f');
        const signed = pages.findIndex((p) => p.includes('Sporządził'));
        expect(signed).toBeGreaterThanOrEqual(0);
        // The text the signatures sign (the data source note before them) is on their page.
        if (!pages[signed].includes('Źródło danych')) signedAlone += 1;
        if (signed > 0 && !pages[signed - 1].includes('Sporządził')) breaksBeforeSignatures += 1;
      }
      expect(signedAlone).toBe(0);
      // The sweep did move the signatures to a later page at least once.
      expect(breaksBeforeSignatures).toBeGreaterThan(0);
    },
    120000,
  );

  it('writes dates in words and keeps them on the Warsaw calendar', async () => {
    const { pdf } = await renderDocument('AGREEMENT', demoSnapshot('AGREEMENT'));
    const text = await textOf(await toFile('agreement-dates.pdf', pdf));
    expect(text).toContain('4 grudnia 2026 r., godz. 23:59');
    expect(text).toContain('25 stycznia 2027 r., godz. 10:00');
    expect(text).toContain('Strony postanawiają, co następuje:');
    expect(text).toMatch(/§ 1\. Przedmiot Porozumienia/);
    expect(text).not.toMatch(/r\.\./);
  });

  it('renders from a templates folder given by the caller', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'wspolnie-tpl-'));
    try {
      await writeFile(path.join(dir, 'protocol.hbs'), '# Próba {{tender.reference}}\n\nŻółć.\n');
      const result = await renderDocument('PROTOCOL', demoSnapshot('PROTOCOL'), {
        templatesDir: dir,
      });
      expect(result.pages).toBe(1);
      expect(result.templateName).toBe('protocol.hbs');
      expect(await textOf(await toFile('custom.pdf', result.pdf))).toContain(
        'Próba ZP.271.14.2026 Żółć.',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('finds the templates folder from the source tree', () => {
    expect(DEFAULT_TEMPLATES_DIR).toBe(path.resolve(__dirname, '../../../templates'));
  });
});

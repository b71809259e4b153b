import { inlineText, parseBlocks } from './block-parser';
import { DEMO_ORG, demoAgreementSnapshot } from './fixtures';
import { DEFAULT_TEMPLATES_DIR } from './render-document';
import type { TaskSnapshot } from './snapshot.types';
import { loadTemplate } from './template-engine';
import { buildDocumentModel } from './view-model';

/** Demo snapshot's day is 26.11.2026: a task due on the 24th and still open is overdue. */
const TASKS: TaskSnapshot[] = [
  {
    id: 't1',
    kind: 'SWZ_REVIEW',
    scope: 'LEADER_FOR_ALL',
    title: 'Przegląd projektu SWZ',
    organisationId: DEMO_ORG.SKAWINA,
    organisationName: 'Gmina Skawina',
    dueOn: '2026-12-10',
    status: 'OPEN',
  },
  {
    id: 't2',
    kind: 'OPZ',
    scope: 'EACH_PARTNER',
    title: 'Opis przedmiotu zamówienia (OPZ) – część 1',
    lotNumber: 1,
    organisationId: DEMO_ORG.LISZKI,
    organisationName: 'Gmina Liszki',
    personName: 'Anna Nowak',
    dueOn: '2026-11-24',
    status: 'OPEN',
  },
  {
    id: 't3',
    kind: 'INPUT_DATA',
    scope: 'EACH_PARTNER',
    title: 'Dane wejściowe',
    organisationId: DEMO_ORG.CZERNICHOW,
    organisationName: 'Gmina Czernichów',
    dueOn: '2026-11-20',
    status: 'DONE',
    doneOn: '2026-11-19',
  },
  {
    id: 't4',
    kind: 'INPUT_DATA',
    scope: 'EACH_PARTNER',
    title: 'Dane wejściowe',
    organisationId: DEMO_ORG.LISZKI,
    organisationName: 'Gmina Liszki',
    dueOn: '2026-12-01',
    status: 'WAIVED',
    waivedReason: 'Dane przekazano w fiszce projektu.',
  },
  {
    id: 't5',
    kind: 'INPUT_DATA',
    scope: 'EACH_PARTNER',
    title: 'Dane wejściowe',
    organisationId: DEMO_ORG.SKAWINA,
    organisationName: 'Gmina Skawina',
    dueOn: '2026-12-01',
    status: 'OPEN',
  },
];

const withTasks = (tasks: TaskSnapshot[]) => ({ ...demoAgreementSnapshot(), tasks });

async function agreementText(tasks: TaskSnapshot[] | undefined): Promise<string> {
  const template = await loadTemplate(DEFAULT_TEMPLATES_DIR, 'AGREEMENT');
  const snapshot = tasks ? withTasks(tasks) : demoAgreementSnapshot();
  const blocks = parseBlocks(
    template.render(buildDocumentModel('AGREEMENT', snapshot, template.law)),
  );
  return blocks
    .map((b) =>
      b.type === 'table'
        ? b.rows.map((r) => `| ${r.map(inlineText).join(' | ')} |`).join('\n')
        : 'text' in b && Array.isArray(b.text)
          ? inlineText(b.text)
          : JSON.stringify(b),
    )
    .join('\n');
}

describe('the agreement’s annex "Podział zadań i odpowiedzialności"', () => {
  it('splits the leader’s tasks for all from each party’s own, in the parties’ order', () => {
    const model = buildDocumentModel('AGREEMENT', withTasks(TASKS), {}).taskAnnex;
    expect(model?.any).toBe(true);
    expect(model?.leaderForAll.map((t) => [t.title, t.responsible, t.dueLabel])).toEqual([
      ['Przegląd projektu SWZ', 'Gmina Skawina (Lider)', '10 grudnia 2026 r.'],
    ]);
    // The leader first (its own part), then partners as the agreement lists them.
    expect(model?.ownParts.map((p) => `${p.roleLabel}: ${p.name}`)).toEqual([
      'Lider: Gmina Skawina',
      'Partner: Gmina Czernichów',
      'Partner: Gmina Liszki',
    ]);
    const liszki = model?.ownParts[2].tasks ?? [];
    expect(liszki.map((t) => [t.ordinal, t.title, t.statusLabel, t.overdue])).toEqual([
      [
        1,
        'Opis przedmiotu zamówienia (OPZ) – część 1 (odpowiada: Anna Nowak)',
        'nie wykonano w terminie',
        true,
      ],
      [2, 'Dane wejściowe', 'odstąpiono: Dane przekazano w fiszce projektu.', false],
    ]);
    expect(model?.ownParts[1].tasks[0].statusLabel).toBe('wykonano 19 listopada 2026 r.');
    expect(model).toMatchObject({
      count: 5,
      openCount: 3,
      overdueCount: 1,
      doneCount: 1,
      waivedCount: 1,
    });
  });

  it('prints the annex as załącznik nr 3 with who does what by when', async () => {
    const text = await agreementText(TASKS);
    expect(text).toContain('określa załącznik nr 3 do Porozumienia');
    expect(text).toContain('załącznik nr 3 – podział zadań i odpowiedzialności Stron.');
    expect(text).toContain('potwierdzenia udziałów Stron;');
    expect(text).toContain('PODZIAŁ ZADAŃ I ODPOWIEDZIALNOŚCI');
    expect(text).toContain('(art. 38 ust. 1 ustawy Pzp)');
    expect(text).toContain('| 1 | Przegląd projektu SWZ | 10 grudnia 2026 r. | do wykonania |');
    expect(text).toContain('Partner: Gmina Liszki');
    expect(text).toContain(
      '| 2 | Dane wejściowe | 1 grudnia 2026 r. | odstąpiono: Dane przekazano w fiszce projektu. |',
    );
    expect(text).not.toContain('nie ustaliły odrębnego podziału zadań');
  });

  it('without tasks has no annex and says so in one sentence of § 4', async () => {
    for (const tasks of [undefined, []]) {
      const text = await agreementText(tasks);
      expect(text).toContain(
        'Strony nie ustaliły odrębnego podziału zadań i odpowiedzialności w Postępowaniu',
      );
      expect(text).not.toContain('PODZIAŁ ZADAŃ I ODPOWIEDZIALNOŚCI');
      expect(text).not.toContain('załącznik nr 3');
      expect(text).toContain('potwierdzenia udziałów Stron.');
    }
  });

  it('is only an agreement’s', () => {
    expect(buildDocumentModel('COST_SPLIT', withTasks(TASKS), {}).taskAnnex).toBeNull();
  });
});

/**
 * The demo of "every partner carries its part" (issue #14), built through the API like the other
 * stages (demo-stages.ts) with the clock set back to each act:
 *
 *   ZP.271.7.2026 COLLECTING_SHARES: photovoltaic installations of four partners, with
 *   – the responsibility matrix of the works task set: the input data of Skawina, Czernichów and
 *     Liszki and Czernichów's OPZ done (with notes), the rest open, and Mogilany's input data
 *     overdue (due three days ago, still open: the overdue sweep escalates it to its head);
 *   – a stalled share: Czernichów's coordinator confirmed its share nine working days ago and its
 *     treasurer has not countersigned since, so the tender's stall report (`/postepowania/:id/
 *     zastoje`) lists Czernichów at the treasurer's step first; Liszki's treasurer waits two days;
 *   – a draft of the agreement rendered yesterday, whose załącznik nr 3 lists the matrix.
 *
 * The project sheet (fiszka) with the partners' interests is written by the seed
 * (src/projects/demo-sheet.ts). Idempotent: skipped once the reference exists.
 */
import { addCalendarDays, isWorkingDay, warsawDateTime } from '../common/polish-calendar';
import { at } from './demo-stage-specs';
import type { StageContext, TenderView } from './demo-stages';

export const COOPERATION_DEMO = {
  reference: 'ZP.271.7.2026',
  status: 'COLLECTING_SHARES',
  title: 'Zakup i montaż instalacji fotowoltaicznych na budynkach użyteczności publicznej',
  /** The partner whose treasurer has been waiting since its coordinator confirmed the share. */
  stalledPartner: 'czernichow',
  /** Working days since the coordinator's confirmation (the stall report counts from then). */
  stalledWorkingDays: 9,
  /** The partner whose input data is overdue. */
  overduePartner: 'mogilany',
} as const;

const SHARES = [
  { lot: 1, slug: 'skawina', amountNet: '420000.00', budgetClassification: '750/75023/6050' },
  { lot: 1, slug: 'czernichow', amountNet: '260000.00', budgetClassification: '750/75023/6050' },
  { lot: 2, slug: 'liszki', amountNet: '180000.00', budgetClassification: '801/80101/6050' },
  { lot: 2, slug: 'mogilany', amountNet: '210000.00', budgetClassification: '801/80101/6050' },
];

interface TaskRow {
  id: string;
  version: number;
  kind: string;
  lotNumber: number | null;
  organisationId: string;
}

/** The day `n` working days (Polish calendar) before `today`. */
function workingDaysBefore(today: string, n: number): string {
  let day = today;
  for (let left = n; left > 0;) {
    day = addCalendarDays(day, -1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

export async function buildCooperationDemo(c: StageContext): Promise<void> {
  const { clock, officer, org, today } = c;
  const tenderOf = async (id: string) =>
    (await officer('GET', `/tenders/${id}`)) as unknown as TenderView;
  const stalledSince = workingDaysBefore(today, COOPERATION_DEMO.stalledWorkingDays);

  // 1. The tender and the partners' proposed shares, three days before the stall began.
  clock.set(warsawDateTime(addCalendarDays(stalledSince, -3), '09:00'));
  const created = (await officer('POST', '/tenders', {
    partnershipId: c.partnershipId,
    reference: COOPERATION_DEMO.reference,
    title: COOPERATION_DEMO.title,
    description:
      'Wspólny zakup i montaż instalacji fotowoltaicznych na dachach urzędów i szkół partnerów; partnerzy potwierdzają udziały, a zadania przy przygotowaniu postępowania są podzielone w macierzy odpowiedzialności.',
    subjectKind: 'WORKS',
    cpvMain: '45261215-4',
    cpvAdditional: [],
    cpvMainName: 'Pokrywanie dachów panelami ogniw słonecznych',
    cpvAdditionalNames: [],
    procedure: 'BASIC',
    settlementModel: 'SEPARATE_CONTRACTS',
    shareDeadline: warsawDateTime(addCalendarDays(today, 14), '15:00').toISOString(),
    plannedStartOn: addCalendarDays(today, 45),
    lots: [
      { number: 1, title: 'Część 1: urzędy w Skawinie i Czernichowie', vatRate: 23 },
      { number: 2, title: 'Część 2: szkoły w Liszkach i Mogilanach', vatRate: 23 },
    ],
  })) as unknown as TenderView;
  const id = created.id;
  for (const s of SHARES)
    await officer('POST', `/tenders/${id}/shares`, {
      lotId: created.lots.find((l) => l.number === s.lot)?.id,
      organisationId: org(s.slug),
      amountNet: s.amountNet,
    });
  const moved = await tenderOf(id);
  await officer('POST', `/tenders/${id}/transition`, {
    to: 'COLLECTING_SHARES',
    version: moved.version,
  });

  const approve = async (slug: string, roles: string[]) => {
    const spec = SHARES.find((s) => s.slug === slug);
    for (const role of roles) {
      const share = (await tenderOf(id)).lots
        .flatMap((l) => l.shares)
        .find((x) => x.organisationId === org(slug) && x.status !== 'WITHDRAWN');
      if (!share || !spec) throw new Error(`demo share of ${slug} missing`);
      await (
        await c.as(`${role}@${slug}.demo`)
      )('POST', `/shares/${share.id}/approve`, {
        version: share.version,
        ...(role === 'treasurer' ? { budgetClassification: spec.budgetClassification } : {}),
      });
    }
  };

  // 2. The stall begins: Skawina and Mogilany confirm through their heads; Czernichów's
  //    coordinator confirms and the share waits for its treasurer's countersignature since.
  clock.set(warsawDateTime(stalledSince, '10:00'));
  await approve('skawina', ['coordinator', 'treasurer', 'head']);
  await approve('mogilany', ['coordinator', 'treasurer', 'head']);
  await approve(COOPERATION_DEMO.stalledPartner, ['coordinator']);

  // 3. The officer applies the works task set ten days ago: input data due three days ago.
  clock.set(at(today, 10, '09:00'));
  const matrix = (await officer('POST', `/tenders/${id}/tasks/apply-set`, {
    set: 'WORKS',
  })) as unknown as { tasks: TaskRow[] };
  const task = (kind: string, slug: string, lot: number | null = null) => {
    const found = matrix.tasks.find(
      (t) => t.kind === kind && t.organisationId === org(slug) && t.lotNumber === lot,
    );
    if (!found) throw new Error(`demo task ${kind} of ${slug} missing`);
    return found;
  };
  const done = async (t: TaskRow, slug: string, note: string) =>
    (await c.as(`coordinator@${slug}.demo`))('POST', `/tender-tasks/${t.id}/done`, {
      version: t.version,
      note,
    });

  // 4. Three partners deliver their input data in time; Mogilany does not (overdue).
  clock.set(at(today, 6, '11:00'));
  await done(
    task('INPUT_DATA', 'skawina'),
    'skawina',
    'Zestawienie dachów urzędu z mocą przyłączeniową przekazane.',
  );
  await done(
    task('INPUT_DATA', 'czernichow'),
    'czernichow',
    'Inwentaryzacja dachu urzędu gminy i warunki przyłączenia przekazane liderowi.',
  );
  clock.set(at(today, 5, '14:00'));
  await done(
    task('INPUT_DATA', 'liszki'),
    'liszki',
    'Dane o dachach szkół w Liszkach i Kryspinowie przekazane.',
  );

  // 5. Two days ago: Czernichów's OPZ for lot 1 is ready; Liszki's coordinator confirms its share.
  clock.set(at(today, 2, '12:00'));
  await done(
    task('OPZ', 'czernichow', 1),
    'czernichow',
    'OPZ części 1 (urząd gminy) przekazany liderowi do SWZ.',
  );
  await approve('liszki', ['coordinator']);

  // 6. The lawyers' draft of the agreement, with the annex "Podział zadań i odpowiedzialności".
  clock.set(at(today, 1, '09:30'));
  const agreement = (await officer('POST', `/tenders/${id}/documents`, {
    kind: 'AGREEMENT',
  })) as { id: string };
  await c.renderer.render(agreement.id);
}

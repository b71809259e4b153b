import { Session, TestApp } from './app';
import { createTender, proposeShare, type TenderBody } from './tenders';

/** A task of the responsibility matrix as the API answers it. */
export interface TaskBody {
  id: string;
  version: number;
  kind: string;
  scope: string;
  lotNumber: number | null;
  title: string;
  organisationName: string;
  dueOn: string;
  status: string;
  note: string | null;
  fileName: string | null;
}

/**
 * A tender collecting shares with the proposed shares `[lot, partner slug, net amount]` and the
 * works task set applied: the tender and its tasks.
 */
export async function tenderWithTaskMatrix(
  t: TestApp,
  officer: Session,
  shares: [number, string, string][],
): Promise<{ tender: TenderBody; tasks: TaskBody[] }> {
  let tender = await createTender(officer);
  for (const [lot, slug, amount] of shares)
    tender = await proposeShare(t, officer, tender, lot, slug, amount);
  tender = (
    await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'COLLECTING_SHARES',
        version: tender.version,
      })
      .expect(200)
  ).body as TenderBody;
  const tasks = (
    await officer.post(`/tenders/${tender.id}/tasks/apply-set`, { set: 'WORKS' }).expect(200)
  ).body.tasks as TaskBody[];
  return { tender, tasks };
}

/** The task of `kind` for the organisation whose name contains `org` (and of `lot`). */
export function taskIn(tasks: TaskBody[], kind: string, org: string, lot: number | null = null) {
  const found = tasks.find(
    (x) => x.kind === kind && x.organisationName.includes(org) && x.lotNumber === lot,
  );
  if (!found) throw new Error(`no task ${kind} of ${org} (lot ${lot})`);
  return found;
}

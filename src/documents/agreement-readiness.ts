import type { EntityManager } from 'typeorm';
import { loadTenderGraphs } from '../tenders';
import type { Tender } from '../tenders';
import { Document } from './document.entity';
import { outdatedScheduleDates } from './schedule-order';
import { sharesFingerprint } from './shares-fingerprint';
import { cpvSnapshot, scheduleDates } from './snapshot-builder';
import { loadScheduleDeadlines, shareFacts } from './snapshot-source';
import { changedTasks, taskMatrixFingerprint, taskSnapshots } from './task-annex';
import { currentTasks } from '../responsibilities';

export const AGREEMENT_REQUIRED = 'AGREEMENT_NOT_READY';

/** The tasks an agreement's annex printed (none in agreements rendered before the annex). */
const printedTasks = (a: Document) => ('tasks' in a.snapshot ? a.snapshot.tasks : undefined) ?? [];

/** The CPV codes with their Polish names as an agreement prints them. */
const cpvOf = (t: Tender) => [t.cpvMain, ...t.cpvAdditional].map((code) => cpvSnapshot(t, code));

/**
 * Publishing needs a READY agreement rendered from the current set of shares (the fingerprint
 * stored with the agreement equals that of the shares now) whose printed schedule still holds:
 * every date it printed is still the schedule's date (schedule-order.ts), whose CPV codes and
 * their Polish names are still the tender's, and whose annex "Podział zadań i odpowiedzialności"
 * holds the responsibility matrix's current terms (task-annex.ts: who does what by when, waived
 * or not; a task marked done fulfils the agreement and does not outdate it).
 */
export async function agreementMissing(manager: EntityManager, tender: Tender): Promise<string[]> {
  const [graph] = await loadTenderGraphs(manager, [tender.id]);
  const current = sharesFingerprint(shareFacts(graph));
  const agreements = await manager.getRepository(Document).find({
    where: { tenderId: tender.id, kind: 'AGREEMENT', status: 'READY' },
    select: { id: true, sharesHash: true, version: true, snapshot: true },
    order: { version: 'DESC' },
  });
  const ofShares = agreements.filter((a) => a.sharesHash === current);
  if (agreements.length === 0)
    return [
      `${AGREEMENT_REQUIRED}: a READY joint procurement agreement (document kind AGREEMENT) is required before publication; request it with POST /tenders/${tender.id}/documents {"kind":"AGREEMENT"} and wait until it is READY`,
    ];
  if (ofShares.length === 0)
    return [
      `${AGREEMENT_REQUIRED}: the READY agreement was rendered from a different set of shares than the current one; request a new AGREEMENT version and wait until it is READY`,
    ];
  // The agreement names the subject by its CPV codes in Polish: a change of them outdates it.
  const cpvNow = JSON.stringify(cpvOf(graph));
  const ofCpv = ofShares.filter(
    (a) =>
      JSON.stringify([a.snapshot.tender.cpvMain, ...(a.snapshot.tender.cpvAdditional ?? [])]) ===
      cpvNow,
  );
  if (ofCpv.length === 0)
    return [
      `${AGREEMENT_REQUIRED}: the READY agreement prints CPV codes or their Polish names that changed since it was rendered; request a new AGREEMENT version and wait until it is READY`,
    ];
  const tasksNow = taskSnapshots(await currentTasks(manager, tender.id));
  const matrixNow = taskMatrixFingerprint(tasksNow);
  const ofTasks = ofCpv.filter((a) => taskMatrixFingerprint(printedTasks(a)) === matrixNow);
  if (ofTasks.length === 0)
    return [
      `${AGREEMENT_REQUIRED}: the READY agreement's annex of tasks was rendered from a different responsibility matrix than the current one (${changedTasks(printedTasks(ofCpv[0]), tasksNow).join('; ')}); request a new AGREEMENT version and wait until it is READY`,
    ];
  const schedule = scheduleDates(graph, await loadScheduleDeadlines(manager, tender.id));
  const outdated = ofTasks.map((a) => outdatedScheduleDates(a.snapshot.deadlines ?? [], schedule));
  if (outdated.some((dates) => dates.length === 0)) return [];
  return [
    `${AGREEMENT_REQUIRED}: the READY agreement prints schedule dates that changed since it was rendered (${outdated[0].join('; ')}); request a new AGREEMENT version and wait until it is READY`,
  ];
}

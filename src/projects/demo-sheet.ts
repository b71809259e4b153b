import { EntityManager } from 'typeorm';
import { recordAudit } from '../audit';
import { organisationRows } from '../organisations';
import { userRows } from '../auth';
import { partnershipRows } from '../partnerships';

const DEMO_TITLE = 'Wspólny zakup energii elektrycznej dla budynków gminnych na lata 2028–2029';

/**
 * The demo project sheet (issue #14): an open sheet of "Razem Blisko Krakowa" written by the
 * leader's officer, with the interest of Czernichów (and the head's oral consent) and of Liszki;
 * Świątniki Górne have not answered yet, so it waits in their coordinator's "Moje zadania".
 * Idempotent: a sheet of that title is seeded once.
 */
export async function seedDemoProjectSheet(
  manager: EntityManager,
  log: (m: string) => void,
): Promise<void> {
  const [p] = await manager.query<{ id: string; leader: string }[]>(
    `SELECT id, leader_organisation_id AS leader FROM ${partnershipRows} partnerships WHERE name = 'Razem Blisko Krakowa'`,
  );
  if (!p) return;
  const [exists] = await manager.query<unknown[]>(
    'SELECT 1 FROM project_sheets WHERE partnership_id = $1 AND title = $2',
    [p.id, DEMO_TITLE],
  );
  if (exists) return;
  const orgs = new Map(
    (
      await manager.query<{ id: string; slug: string }[]>(
        `SELECT id, slug FROM ${organisationRows} organisations WHERE slug = ANY($1)`,
        [['czernichow', 'liszki', 'swiatniki-gorne']],
      )
    ).map((o) => [o.slug, o.id]),
  );
  const people = new Map(
    (
      await manager.query<{ id: string; email: string; name: string }[]>(
        `SELECT id, email, display_name AS name FROM ${userRows} users WHERE email = ANY($1)`,
        [['officer@skawina.demo', 'coordinator@czernichow.demo', 'coordinator@liszki.demo']],
      )
    ).map((u) => [u.email, u]),
  );
  const officer = people.get('officer@skawina.demo');
  if (!officer || orgs.size < 3) return;
  const [{ id }] = await manager.query<{ id: string }[]>(
    `INSERT INTO project_sheets (partnership_id, title, need, subject_kind, cpv_main,
       estimated_value_net, planned_announcement_month, planned_start_on, author_user_id,
       author_name, author_organisation_id, created_at)
     VALUES ($1, $2, $3, 'SUPPLIES', '09310000-5', 1800000.00,
       to_char(now() + interval '6 months', 'YYYY-MM'), NULL, $4, $5, $6, now() - interval '9 days')
     RETURNING id`,
    [
      p.id,
      DEMO_TITLE,
      'Umowy gmin na dostawę energii elektrycznej wygasają z końcem 2027 r.; wspólny zakup ' +
        'większego wolumenu pozwoli uzyskać niższą cenę i ograniczy koszty obsługi postępowań.',
      officer.id,
      officer.name,
      p.leader,
    ],
  );
  for (const org of orgs.values())
    await manager.query(
      'INSERT INTO project_sheet_partners (sheet_id, organisation_id) VALUES ($1, $2)',
      [id, org],
    );
  const interest = async (slug: string, email: string, amount: string, consent: boolean) => {
    const who = people.get(email);
    if (!who) return;
    await manager.query(
      `INSERT INTO project_sheet_interests (sheet_id, organisation_id, version, action, amount_net,
         head_consent_on, head_name, recorded_by_user_id, recorded_by_name, created_at)
       VALUES ($1, $2, 1, 'DECLARED', $3, $4, $5, $6, $7, now() - interval '5 days')`,
      [
        id,
        orgs.get(slug),
        amount,
        consent ? new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10) : null,
        consent ? 'Wójt Gminy Czernichów' : null,
        who.id,
        who.name,
      ],
    );
  };
  await interest('czernichow', 'coordinator@czernichow.demo', '420000.00', true);
  await interest('liszki', 'coordinator@liszki.demo', '380000.00', false);
  await recordAudit(
    manager,
    { userId: officer.id, displayName: officer.name, requestId: 'seed' },
    {
      action: 'project_sheet.created',
      entityType: 'project_sheet',
      entityId: id,
      organisationId: p.leader,
      partnershipId: p.id,
      data: { title: DEMO_TITLE, seed: true },
    },
  );
  log('demo: project sheet with two partners’ interest');
}

import { lendRelation } from '../common/db';

/** Every version of every task, as the inbox of the tenders module reads it (lent: tenders is below). */
export const taskVersionRows = `(SELECT task_id, version, tender_id, organisation_id, person_user_id,
         title, due_on, status, lot_number, created_at FROM tender_tasks)`;

lendRelation('taskVersions', 'responsibilities', taskVersionRows);

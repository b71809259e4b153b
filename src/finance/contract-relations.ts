import { lendRelation } from '../common/db';

/** The contracts as the procedure's gates and protocol read them (lent: procedure is below finance). */
export const contractRows = `(SELECT id, tender_id, lot_id, organisation_id, contractor_name, signed_on,
         amount_net, amount_gross, cancelled_at FROM contracts)`;

lendRelation('contracts', 'finance', contractRows);

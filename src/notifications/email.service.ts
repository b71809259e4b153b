import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { emailsFailed, emailsSent } from '../common/metrics';
import { AppConfig } from '../config';
import { composeNotificationEmail } from './email-composer';
import { wantsEmail } from './email-preferences';
import { MailTransport } from './mail-transport';
import { userRows } from '../auth';

interface EmailRow {
  id: string;
  title: string;
  body: string;
  link: string | null;
  emailed_at: Date | null;
  email: string;
  display_name: string;
  active: boolean;
  email_opt_out: boolean;
  email_opt_out_kinds: string[];
  kind: string;
}

export type EmailOutcome = 'done' | 'skipped';

/**
 * Sends the e-mail copy of one notification. Re-reads everything first: a notification already
 * e-mailed, or a user who opted out (of all e-mail or of this kind) or was deactivated since it was queued, gets nothing.
 */
@Injectable()
export class EmailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly transport: MailTransport,
  ) {}

  async sendNotification(notificationId: string): Promise<EmailOutcome> {
    const rows = await this.dataSource.query<EmailRow[]>(
      `SELECT n.id, n.kind, n.title, n.body, n.link, n.emailed_at, u.email, u.display_name, u.active, u.email_opt_out,
              u.email_opt_out_kinds
         FROM notifications n JOIN ${userRows} u ON u.id = n.user_id WHERE n.id = $1`,
      [notificationId],
    );
    const n = rows[0];
    if (!n || n.emailed_at !== null || !n.active) return 'skipped';
    const pref = { emailOptOut: n.email_opt_out, emailOptOutKinds: n.email_opt_out_kinds ?? [] };
    if (!wantsEmail(pref, n.kind)) return 'skipped';
    const message = composeNotificationEmail(
      n,
      { email: n.email, displayName: n.display_name },
      {
        from: this.config.mailFrom,
        publicUrl: this.config.publicUrl,
        messageIdDomain: new URL(this.config.publicUrl).hostname,
      },
    );
    try {
      await this.transport.send(message);
    } catch (err) {
      emailsFailed.inc();
      throw err;
    }
    emailsSent.inc();
    // Sent first, marked second: a crash in between re-sends once (at least once, never lost).
    await this.dataSource.query(
      'UPDATE notifications SET emailed_at = now() WHERE id = $1 AND emailed_at IS NULL',
      [notificationId],
    );
    return 'done';
  }
}

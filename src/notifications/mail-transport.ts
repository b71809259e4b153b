import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../config';
import type { ComposedEmail } from './email-composer';

/**
 * The outgoing mail transport: SMTP from SMTP_URL, or — when it is not set — a log transport that
 * writes each message (as JSON) to the log instead of sending it, so development needs no mail
 * server and loses nothing silently.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter;
  readonly kind: 'smtp' | 'log';

  constructor(config: AppConfig) {
    if (config.smtpUrl) {
      this.kind = 'smtp';
      this.transport = createTransport(config.smtpUrl);
    } else {
      this.kind = 'log';
      this.transport = createTransport({ jsonTransport: true });
      if (config.production) {
        this.logger.warn('SMTP_URL is not set: e-mails are written to the log, not sent');
      }
    }
  }

  async send(mail: ComposedEmail): Promise<void> {
    const info: { message?: unknown } = await this.transport.sendMail(mail);
    if (this.kind === 'log') {
      this.logger.log(`E-mail (log transport, SMTP_URL not set): ${String(info.message)}`);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

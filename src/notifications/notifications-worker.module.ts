import { Module } from '@nestjs/common';
import { EmailProcessor } from './email.processor';
import { EmailService } from './email.service';
import { MailTransport } from './mail-transport';

/** The worker side of notifications: the e-mail sender. */
@Module({
  providers: [MailTransport, EmailService, EmailProcessor],
  exports: [EmailService],
})
export class NotificationsWorkerModule {}

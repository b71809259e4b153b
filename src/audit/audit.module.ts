import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditTimelineQuery } from './audit-timeline.query';

@Global()
@Module({ controllers: [AuditController], providers: [AuditService, AuditTimelineQuery],
  exports: [AuditService, AuditTimelineQuery],
})
export class AuditModule {}

export { AuditEvent } from './audit-event.entity';
export { AuditEventView, AuditQuery } from './dto/audit.dto';
export { AuditService, changedFields, recordAudit } from './audit.service';
export { AuditModule } from './audit.module';
export { AuditTimelineQuery } from './audit-timeline.query';
export type { TimelineEvent } from './audit-timeline.query';
export { auditRows } from './audit-relations';

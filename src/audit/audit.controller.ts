import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth';
import { CurrentActor } from '../auth';
import type { Page } from '../common/pagination';
import { AuditService } from './audit.service';
import { AuditEventView, AuditQuery } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: 'The append-only audit trail',
    description: 'Administrators see every event; lawyers see the events of their partnerships.',
  })
  @ApiForbiddenResponse({ description: "Only administrators and the partnership's lawyers" })
  list(@CurrentActor() actor: Actor, @Query() q: AuditQuery): Promise<Page<AuditEventView>> {
    return this.audit.listFor(actor, q);
  }
}

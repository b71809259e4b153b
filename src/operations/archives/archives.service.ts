import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordAudit } from '../../audit';
import { AuditTimelineQuery } from '../../audit';
import type { Actor } from '../../auth';
import { AccessPolicyService } from '../../auth';
import { jobIds } from '../../common/jobs';
import { OutboxService } from '../../common/outbox';
import { tenderFacts, tenderRows } from '../../tenders';
import { TendersService } from '../../tenders';
import { NOT_A_CHANGE } from './archive-rules';
import { TenderArchive } from './tender-archive.entity';

export type ArchiveAnswer =
  | { ready: true; archive: TenderArchive; content: Buffer; fileName: string }
  | { ready: false; archive: TenderArchive };

/**
 * The tender archive for the partnership's lawyers and the leader's officers: the newest archive
 * when it is READY and nothing changed since; otherwise one is queued (or already being built)
 * and the caller is told to come back. Building happens in the worker (ArchiveBuilder).
 */
@Injectable()
export class ArchivesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
    private readonly policy: AccessPolicyService,
    private readonly timeline: AuditTimelineQuery,
    private readonly outbox: OutboxService,
  ) {}

  async fetch(actor: Actor, tenderId: string): Promise<ArchiveAnswer> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    const lawyerOf = await this.policy.canSeePartnership(actor, tender.partnershipId, 'LAWYER');
    this.policy.assert(actor, {
      action: 'document.request',
      tender: tenderFacts(tender, participants),
      lawyerOf,
    });
    return this.dataSource.transaction(async (manager) => {
      // One request at a time per tender decides whether a new archive is needed.
      await manager.query(`SELECT id FROM ${tenderRows} tenders WHERE id = $1 FOR UPDATE`, [
        tenderId,
      ]);
      const upTo = await this.timeline.lastChangeId(tenderId, NOT_A_CHANGE);
      const latest = await manager
        .getRepository(TenderArchive)
        .findOne({ where: { tenderId }, order: { createdAt: 'DESC' } });
      const current = latest && latest.upToEventId === upTo && latest.status !== 'FAILED';
      if (current && latest.status === 'READY') {
        const [row] = await manager.query<{ content: Buffer }[]>(
          'SELECT content FROM tender_archives WHERE id = $1',
          [latest.id],
        );
        await recordAudit(manager, actor, {
          action: 'archive.downloaded',
          entityType: 'tender_archive',
          entityId: latest.id,
          tenderId,
          partnershipId: tender.partnershipId,
          organisationId: tender.leaderOrganisationId,
          data: { sha256: latest.sha256 },
        });
        return {
          ready: true,
          archive: latest,
          content: row.content,
          fileName: `Dokumentacja postępowania – ${tender.reference}.zip`,
        };
      }
      if (current) return { ready: false, archive: latest };
      const archive = await manager.getRepository(TenderArchive).save(
        manager.getRepository(TenderArchive).create({
          tenderId,
          upToEventId: upTo,
          requestedById: actor.userId,
          status: 'QUEUED',
        }),
      );
      await this.outbox.enqueue(
        manager,
        'archive.build',
        { archiveId: archive.id },
        { jobId: jobIds.archive(archive.id) },
      );
      await recordAudit(manager, actor, {
        action: 'archive.requested',
        entityType: 'tender_archive',
        entityId: archive.id,
        tenderId,
        partnershipId: tender.partnershipId,
        organisationId: tender.leaderOrganisationId,
        data: { upToEventId: upTo },
      });
      return { ready: false, archive };
    });
  }
}

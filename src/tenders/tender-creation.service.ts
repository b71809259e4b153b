import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth';
import type { CreateShareDto, CreateTenderDto } from './dto/tender.dto';
import type { TenderView } from './dto/tender-view.dto';
import { Lot } from './lot.entity';
import { SharesService } from './shares.service';
import { TendersService } from './tenders.service';

/** One partner's share in a lot named by its number (the lot's id does not exist before creation). */
export interface InitialShare {
  lotNumber: number;
  organisationId: string;
  amountNet: string;
}

/**
 * A tender created together with its first shares in one transaction: the same rules as
 * POST /tenders and POST /tenders/:id/shares, but a refused share leaves no half-written DRAFT.
 */
@Injectable()
export class TenderCreationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
    private readonly shares: SharesService,
  ) {}

  async createWithShares(
    actor: Actor,
    dto: CreateTenderDto,
    initial: InitialShare[],
  ): Promise<TenderView> {
    const id = await this.dataSource.transaction((manager) =>
      this.createIn(manager, actor, dto, initial),
    );
    return this.tenders.get(actor, id);
  }

  /** The same inside the caller's transaction (a project sheet records its link with it). */
  async createIn(
    manager: EntityManager,
    actor: Actor,
    dto: CreateTenderDto,
    initial: InitialShare[],
  ): Promise<string> {
    const tenderId = await this.tenders.createIn(manager, actor, dto);
    const lots = await manager.getRepository(Lot).find({ where: { tenderId } });
    for (const s of initial) {
      const lot = lots.find((l) => l.number === s.lotNumber);
      if (!lot) continue;
      const share: CreateShareDto = {
        lotId: lot.id,
        organisationId: s.organisationId,
        amountNet: s.amountNet,
      };
      await this.shares.proposeIn(manager, actor, tenderId, share);
    }
    return tenderId;
  }
}

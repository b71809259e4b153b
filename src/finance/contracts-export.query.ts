import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Contract } from './contract.entity';
import { Invoice } from './invoice.entity';

/** Read-only export of the contracts and invoices of tenders, for open data and archives. */
@Injectable()
export class ContractsExportQuery {
  constructor(private readonly dataSource: DataSource) {}

  async forTenders(ids: string[]): Promise<{ contracts: Contract[]; invoices: Invoice[] }> {
    if (ids.length === 0) return { contracts: [], invoices: [] };
    const [contracts, invoices] = [
      await this.dataSource
        .getRepository(Contract)
        .find({ where: { tenderId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }),
      await this.dataSource
        .getRepository(Invoice)
        .find({ where: { tenderId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ];
    return { contracts, invoices };
  }
}

import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource, In } from 'typeorm';
import { Organisation } from '../organisations';
import { Tender } from '../tenders';
import { DOCUMENT_FILE_LABEL } from './document-kinds';
import { Document } from './document.entity';
import { asciiFileName, documentFileName } from './download-names';
import { DocumentStorages } from './storage/document-storages';

export interface CurrentDocumentFile {
  id: string;
  kind: string;
  label: string;
  organisationId: string | null;
  version: number;
  /** The Polish title and the ASCII entry name a zip can carry everywhere. */
  title: string;
  file: string;
  sha256: string;
  sizeBytes: number | null;
  open(): Promise<Readable>;
}

/**
 * Read-only export for archives: the current (newest READY) version of every document of a
 * tender, with a way to read its file from the store its row names. No access check: the caller
 * decided who may have the whole documentation.
 */
@Injectable()
export class DocumentFilesQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storages: DocumentStorages,
  ) {}

  async current(tenderId: string): Promise<CurrentDocumentFile[]> {
    const tender = await this.dataSource.getRepository(Tender).findOneByOrFail({ id: tenderId });
    const ready = await this.dataSource.getRepository(Document).find({
      where: { tenderId, status: 'READY' },
      order: { kind: 'ASC', version: 'DESC' },
    });
    const current = new Map<string, Document>();
    for (const d of ready) {
      const key = `${d.kind}/${d.organisationId ?? ''}`;
      if (!current.has(key)) current.set(key, d);
    }
    const orgIds = [...current.values()]
      .map((d) => d.organisationId)
      .filter((x): x is string => !!x);
    const names = new Map(
      (await this.dataSource.getRepository(Organisation).findBy({ id: In(orgIds) })).map((o) => [
        o.id,
        o.name,
      ]),
    );
    return [...current.values()]
      .sort(
        (a, b) =>
          a.kind.localeCompare(b.kind) ||
          (a.organisationId ?? '').localeCompare(b.organisationId ?? ''),
      )
      .map((d) => {
        const title = documentFileName({
          kind: d.kind,
          version: d.version,
          reference: tender.reference,
          organisationName: d.organisationId ? (names.get(d.organisationId) ?? null) : null,
        });
        return {
          id: d.id,
          kind: d.kind,
          label: DOCUMENT_FILE_LABEL[d.kind],
          organisationId: d.organisationId,
          version: d.version,
          title,
          file: asciiFileName(title),
          sha256: d.sha256 as string,
          sizeBytes: d.sizeBytes,
          open: async () => {
            const stream = await this.storages
              .get(d.storage ?? 'postgres')
              .open(d.sha256 as string);
            if (!stream) throw new Error(`The file of document ${d.id} is missing from its store`);
            return stream;
          },
        };
      });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config';
import type { StorageBackend } from '../document-kinds';
import { DiskDocumentStorage } from './disk-document-storage';
import type { DocumentStorage } from './document-storage';
import { PostgresDocumentStorage } from './postgres-document-storage';

/**
 * Both stores; new files go to the one DOCUMENT_STORAGE selects, and each document is read from
 * the store its row names, so switching the setting keeps older files downloadable.
 */
@Injectable()
export class DocumentStorages {
  private readonly stores: Record<StorageBackend, DocumentStorage>;

  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.stores = {
      postgres: new PostgresDocumentStorage(dataSource),
      disk: new DiskDocumentStorage(config.dataDir),
    };
  }

  /** The store new renders write to. */
  forWriting(): DocumentStorage {
    return this.stores[this.config.documentStorage];
  }

  get(backend: StorageBackend): DocumentStorage {
    return this.stores[backend];
  }
}

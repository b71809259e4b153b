import { Module } from '@nestjs/common';
import { DocumentFilesQuery } from './document-files.query';
import { DocumentRendererService } from './document-renderer.service';
import { DocumentsProcessor } from './documents.processor';
import { DocumentStorages } from './storage/document-storages';

/** The worker side of documents: the render processor and the stores it writes to. */
@Module({
  providers: [DocumentStorages, DocumentRendererService, DocumentsProcessor, DocumentFilesQuery],
  exports: [DocumentRendererService, DocumentFilesQuery],
})
export class DocumentsWorkerModule {}

import { Module } from '@nestjs/common';
import { TendersModule } from '../tenders';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DocumentStorages } from './storage/document-storages';

/**
 * Documents on the API side: requests, downloads, the bundle and the publication guard (a READY
 * agreement of the current shares). Rendering happens in DocumentsWorkerModule.
 */
@Module({
  imports: [TendersModule],
  controllers: [DocumentsController],
  providers: [DocumentStorages, DocumentsService],
})
export class DocumentsModule {}

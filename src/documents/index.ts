export { DocumentsWorkerModule } from './documents-worker.module';
export { DocumentsModule } from './documents.module';
export { DocumentFilesQuery } from './document-files.query';
export type { CurrentDocumentFile } from './document-files.query';
export { contentDisposition } from './download-names';

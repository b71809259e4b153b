export { DocumentsWorkerModule } from './documents-worker.module';
export { DocumentsModule } from './documents.module';

export { DocumentsWorkerModule } from './documents-worker.module';
export { DocumentsModule } from './documents.module';
export { DocumentsService } from './documents.service';
export { DOCUMENT_FILE_LABEL, DOCUMENT_KINDS, isPerPartnerKind } from './document-kinds';
export { RequestDocumentDto } from './dto/document.dto';
export type { DocumentView } from './dto/document.dto';
export { contentDisposition } from './download-names';
export { amountInWordsPl, formatDatePl, formatDateTimePl } from './render/polish-format';

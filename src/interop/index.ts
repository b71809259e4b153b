export { InteropModule } from './interop.module';
export { OcdsService, type ReleasePackage, type RecordPackage } from './ocds.service';

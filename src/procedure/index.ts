/** The procedure module's public face: what other modules may use. */
export { loadProcedureRecord, type ProcedureRecord } from './protocol-record';
export { ProcedureModule } from './procedure.module';
export { ProcedureService } from './procedure.service';
export { cancelledLotIds } from './protocol-record';
export { loadLotContractFacts, lotContractProblems, warsawLabel } from './lifecycle-gates';
export { lotAwardedOn } from './award-date';

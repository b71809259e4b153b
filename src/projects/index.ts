export { ProjectsModule } from './projects.module';
export { MIN_INTERESTED_PARTNERS, ProjectSheetsService } from './project-sheets.service';
export {
  ConvertSheetDto,
  CreateProjectSheetDto,
  LOT_LAYOUTS,
  ProjectSheetsQuery,
  RecordInterestDto,
  WithdrawInterestDto,
} from './dto/project-sheet.dto';
export type { ProjectSheetView, SheetPartnerView } from './dto/project-sheet.dto';
export { seedDemoProjectSheet } from './demo-sheet';

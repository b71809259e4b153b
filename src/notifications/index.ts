export { NotificationsWorkerModule } from './notifications-worker.module';
export { NotificationsService, type PreferenceRow } from './notifications.service';
export { NotificationsModule } from './notifications.module';
export { PreferencesDto } from './notifications.dto';
export { wantsEmail } from './email-preferences';

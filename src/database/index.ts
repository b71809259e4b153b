export { dataSourceOptions } from './data-source';
export { runMigrations } from './migrate';
export {
  DEMO_ORGANISATIONS,
  DEMO_PARTNERSHIP,
  DEMO_PASSWORD,
  DEMO_ROLE_PEOPLE,
} from './seed/demo-data';
export { seedDemo } from './seed/seed';

import { loadConfig } from '../../config';
import { seedDemo } from './seed';

/** `npm run seed`: seeds the demo data into the configured database (never in production). */
async function main(): Promise<void> {
  const config = loadConfig();
  await seedDemo(config.databaseUrl, (m) => console.log(m), config.env);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

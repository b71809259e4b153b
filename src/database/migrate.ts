import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/** Applies every pending migration; returns the names of those it ran. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(databaseUrl), entities: [] });
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

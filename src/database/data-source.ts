import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

/**
 * One definition of the database connection, shared by the Nest app, the migration CLI
 * (`npm run migration:*`), the demo launcher and the test bootstrap. Schema changes go through
 * migrations only: `synchronize` is off everywhere.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    // Bigint columns hold grosz and counters; pg returns them as strings and we convert explicitly.
    parseInt8: false,
    // JIT compilation costs 13–28 ms per statement on the list queries and buys nothing at this
    // scale; it is off for the application's connections (not for the server as a whole).
    extra: { max: 10, application_name: 'wspolnie', options: '-c jit=off' },
  };
}

// Only the TypeORM CLI uses this default export; it reads DATABASE_URL directly for that reason.
const cliUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wspolnie';
export default new DataSource(dataSourceOptions(cliUrl));

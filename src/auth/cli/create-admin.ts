import { createInterface } from 'node:readline/promises';
import { DataSource } from 'typeorm';
import { recordAudit } from '../../audit';
import { systemActor } from '../actor';
import { loadConfig } from '../../config';
import { dataSourceOptions } from '../../database';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../passwords';
import { createUserRecord } from '../users.service';

/**
 * Creates the first administrator:
 *   npm run admin:create -- --email admin@gmina.pl --name "Jan Kowalski"
 * The password is read from ADMIN_PASSWORD or asked for on the terminal (never a CLI argument,
 * which would land in the shell history).
 */
async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const email = arg('email');
  const name = arg('name') ?? 'Administrator';
  if (!email)
    throw new Error(
      'Usage: npm run admin:create -- --email admin@example.pl [--name "Jan Kowalski"]',
    );
  const config = loadConfig();
  // eslint-disable-next-line no-restricted-properties -- a one-off secret for this CLI only
  let password = process.env.ADMIN_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question(
      `Password for ${email} (min. ${MIN_PASSWORD_LENGTH} characters): `,
    );
    rl.close();
  }
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new Error(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  const ds = new DataSource(dataSourceOptions(config.databaseUrl));
  await ds.initialize();
  try {
    const passwordHash = await hashPassword(password);
    const user = await ds.transaction(async (manager) => {
      const u = await createUserRecord(manager, {
        email,
        displayName: name,
        passwordHash,
        admin: true,
      });
      await recordAudit(manager, systemActor('cli'), {
        action: 'user.created',
        entityType: 'user',
        entityId: u.id,
        data: { email: u.email, admin: true, via: 'cli' },
      });
      return u;
    });
    console.log(`Administrator ${user.email} created (id ${user.id}).`);
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

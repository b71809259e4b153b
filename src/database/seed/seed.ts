import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../../audit';
import { systemActor, hashPassword, RoleMembership, ROLES, User } from '../../auth';
import { Organisation } from '../../organisations';
import { PartnershipMember, Partnership } from '../../partnerships';
import { seedDemoProjectSheet } from '../../projects';
import { seedDemoTenders } from '../../tenders';
import { dataSourceOptions } from '../data-source';
import {
  DEMO_ORGANISATIONS,
  DEMO_PARTNERSHIP,
  DEMO_PASSWORD,
  DEMO_ROLE_PEOPLE,
  demoNip,
  demoPersonName,
  demoRegon,
} from './demo-data';

export type SeedStep = (manager: EntityManager, log: (m: string) => void) => Promise<void>;

/** Demo data of later modules, run in order after the partnership; each step is idempotent. */
const EXTRA_SEED_STEPS: SeedStep[] = [seedDemoTenders, seedDemoProjectSheet];

/**
 * Seeds the demo partnership, organisations and accounts. Idempotent: running it again changes
 * nothing that is already there. Refuses to run against a production configuration.
 */
export async function seedDemo(
  databaseUrl: string,
  log: (m: string) => void,
  nodeEnv = 'development',
): Promise<void> {
  if (nodeEnv === 'production') {
    throw new Error(
      'Refusing to seed demo data: NODE_ENV is production. Demo accounts have a public password.',
    );
  }
  const ds = new DataSource(dataSourceOptions(databaseUrl));
  await ds.initialize();
  try {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await ds.transaction(async (manager) => {
      const created = { organisations: 0, users: 0, memberships: 0, partnerships: 0, members: 0 };
      const orgIds = new Map<string, string>();
      for (const o of DEMO_ORGANISATIONS) {
        const repo = manager.getRepository(Organisation);
        let org = await repo.findOne({ where: { slug: o.slug } });
        if (!org) {
          org = await repo.save(
            repo.create({
              slug: o.slug,
              kind: o.kind,
              name: o.name,
              nip: demoNip(o.nipPrefix),
              regon: demoRegon(o.regonPrefix),
              teryt: o.teryt,
              addressStreet: o.street,
              addressPostalCode: o.postalCode,
              addressCity: o.city,
              headTitle: o.headTitle,
              headName: o.headName,
              treasurerName: o.treasurerName,
              email: `urzad@${o.slug}.demo`,
              demo: true,
            }),
          );
          created.organisations += 1;
        }
        orgIds.set(o.slug, org.id);
      }

      const users = manager.getRepository(User);
      if (!(await users.exist({ where: { email: 'admin@wspolnie.demo' } }))) {
        await users.insert({
          email: 'admin@wspolnie.demo',
          displayName: 'Administrator (demo)',
          passwordHash,
          admin: true,
          demo: true,
        });
        created.users += 1;
      }
      for (const o of DEMO_ORGANISATIONS) {
        for (const [index, role] of ROLES.entries()) {
          const email = `${DEMO_ROLE_PEOPLE[role].local}@${o.slug}.demo`;
          let user = await users.findOne({ where: { email } });
          if (!user) {
            user = await users.save(
              users.create({
                email,
                displayName: demoPersonName(o, role, index),
                passwordHash,
                admin: false,
                demo: true,
              }),
            );
            created.users += 1;
          }
          const organisationId = orgIds.get(o.slug) as string;
          if (
            !(await manager
              .getRepository(RoleMembership)
              .exist({ where: { userId: user.id, organisationId, role } }))
          ) {
            await manager
              .getRepository(RoleMembership)
              .insert({ userId: user.id, organisationId, role });
            created.memberships += 1;
          }
        }
      }

      const leaderId = orgIds.get(DEMO_PARTNERSHIP.leaderSlug) as string;
      let partnership = await manager
        .getRepository(Partnership)
        .findOne({ where: { name: DEMO_PARTNERSHIP.name, leaderOrganisationId: leaderId } });
      if (!partnership) {
        partnership = await manager.getRepository(Partnership).save(
          manager.getRepository(Partnership).create({
            name: DEMO_PARTNERSHIP.name,
            leaderOrganisationId: leaderId,
            agreementReference: DEMO_PARTNERSHIP.agreementReference,
            agreementSignedOn: DEMO_PARTNERSHIP.agreementSignedOn,
          }),
        );
        created.partnerships += 1;
      }
      for (const slug of [DEMO_PARTNERSHIP.leaderSlug, ...DEMO_PARTNERSHIP.memberSlugs]) {
        const organisationId = orgIds.get(slug) as string;
        if (
          !(await manager
            .getRepository(PartnershipMember)
            .exist({ where: { partnershipId: partnership.id, organisationId } }))
        ) {
          await manager.insert(PartnershipMember, {
            partnershipId: partnership.id,
            organisationId,
            joinedOn: DEMO_PARTNERSHIP.agreementSignedOn,
          });
          created.members += 1;
        }
      }
      for (const step of EXTRA_SEED_STEPS) await step(manager, log);

      const changed = Object.values(created).some((n) => n > 0);
      if (changed) {
        await recordAudit(manager, systemActor('seed'), {
          action: 'demo.seeded',
          entityType: 'partnership',
          entityId: partnership.id,
          partnershipId: partnership.id,
          data: created,
        });
      }
      log(
        changed
          ? `Demo data seeded: ${created.organisations} organisations, ${created.users} users, ${created.memberships} role memberships, ${created.partnerships} partnership, ${created.members} members`
          : 'Demo data already present; nothing to do',
      );
    });
  } finally {
    await ds.destroy();
  }
}

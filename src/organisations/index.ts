export { Organisation } from './organisation.entity';
export type { OrganisationKind } from './organisation.entity';
export { OrganisationsModule } from './organisations.module';

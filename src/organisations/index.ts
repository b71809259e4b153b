export { Organisation } from './organisation.entity';
export type { OrganisationKind } from './organisation.entity';
export { OrganisationsModule } from './organisations.module';
export { OrganisationsService } from './organisations.service';
export { organisationNames } from './organisation-names.query';
export { ORGANISATION_KIND_PL, ORGANISATION_KINDS } from './organisation.entity';
export {
  CreateOrganisationDto,
  OrganisationsQuery,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
export type { OrganisationView } from './dto/organisation.dto';
export { organisationEntityRows, organisationRows } from './organisation-relations';

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth';
import { AccessPolicyService, escapeLike } from '../auth';
import { changedFields, recordAudit } from '../audit';
import { assertVersion, conflict, fieldError, notFound } from '../common/errors';
import { isValidPowiatTeryt, isValidTeryt } from '../common/identifiers';
import { Page, page } from '../common/pagination';
import type {
  CreateOrganisationDto,
  OrganisationView,
  OrganisationsQuery,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { Organisation } from './organisation.entity';

export function toOrganisationView(o: Organisation): OrganisationView {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    slug: o.slug,
    nip: o.nip,
    regon: o.regon,
    teryt: o.teryt,
    address: { street: o.addressStreet, postalCode: o.addressPostalCode, city: o.addressCity },
    headTitle: o.headTitle,
    headName: o.headName,
    treasurerName: o.treasurerName,
    email: o.email,
    demo: o.demo,
    version: o.version,
  };
}

/** "Gmina Świątniki Górne" → "swiatniki-gorne" (drops the unit word, folds Polish letters). */
export function slugify(name: string): string {
  return name
    .replace(/^(gmina|miasto|powiat|związek|stowarzyszenie)\s+/i, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

type OrganisationFields = Omit<Partial<Organisation>, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
  ) {}

  async list(q: OrganisationsQuery): Promise<Page<OrganisationView>> {
    const qb = this.dataSource
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .orderBy('o.name', 'ASC');
    if (q.kind) qb.andWhere('o.kind = :kind', { kind: q.kind });
    if (q.q)
      qb.andWhere('(o.name ILIKE :q OR o.nip LIKE :q OR o.regon LIKE :q)', {
        q: `%${escapeLike(q.q)}%`,
      });
    const [rows, total] = await qb.take(q.limit).skip(q.offset).getManyAndCount();
    return page(rows.map(toOrganisationView), total, q);
  }

  async get(id: string): Promise<OrganisationView> {
    const o = await this.dataSource.getRepository(Organisation).findOne({ where: { id } });
    if (!o) throw notFound('Organisation', id);
    return toOrganisationView(o);
  }

  async create(actor: Actor, dto: CreateOrganisationDto): Promise<OrganisationView> {
    this.policy.assert(actor, { action: 'organisation.create' });
    const fields = this.fieldsFrom(dto);
    const id = await this.dataSource.transaction(async (manager) => {
      const slug = dto.slug ?? slugify(dto.name);
      await this.assertUnique(manager, { nip: dto.nip, regon: dto.regon, slug });
      const saved = await manager
        .getRepository(Organisation)
        .save(manager.getRepository(Organisation).create({ ...fields, slug }));
      await recordAudit(manager, actor, {
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: saved.id,
        organisationId: saved.id,
        data: { name: saved.name, nip: saved.nip, regon: saved.regon },
      });
      return saved.id;
    });
    return this.get(id);
  }

  async update(actor: Actor, id: string, dto: UpdateOrganisationDto): Promise<OrganisationView> {
    this.policy.assert(actor, { action: 'organisation.update', organisationId: id });
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Organisation);
      const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound('Organisation', id);
      assertVersion(
        current.version,
        dto.version,
        'ORGANISATION_VERSION_CONFLICT',
        `Organisation was changed by someone else (current version ${current.version})`,
      );
      const fields = this.fieldsFrom(dto);
      await this.assertUnique(manager, { nip: dto.nip, regon: dto.regon, slug: dto.slug }, id);
      const diff = changedFields(current, fields);
      if (Object.keys(diff).length === 0) return;
      await repo.update({ id }, { ...fields, version: current.version + 1 });
      await recordAudit(manager, actor, {
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: id,
        organisationId: id,
        data: diff,
      });
    });
    return this.get(id);
  }

  private fieldsFrom(dto: Partial<CreateOrganisationDto>): OrganisationFields {
    if (dto.teryt !== undefined) {
      const ok =
        dto.kind === 'POWIAT' || dto.teryt.length === 4
          ? isValidPowiatTeryt(dto.teryt)
          : isValidTeryt(dto.teryt);
      if (!ok) {
        throw fieldError(
          'teryt',
          'isTeryt',
          'teryt must be a valid TERC code: WWPPGGR (gmina, R ∈ 1,2,3,4,5,8,9) or WWPP (powiat), WW an even voivodeship code 02–32',
        );
      }
    }
    const out: OrganisationFields = {};
    if (dto.kind !== undefined) out.kind = dto.kind;
    if (dto.name !== undefined) out.name = dto.name.trim();
    if (dto.slug !== undefined) out.slug = dto.slug;
    if (dto.nip !== undefined) out.nip = dto.nip;
    if (dto.regon !== undefined) out.regon = dto.regon;
    if (dto.teryt !== undefined) out.teryt = dto.teryt;
    if (dto.address !== undefined) {
      out.addressStreet = dto.address.street;
      out.addressPostalCode = dto.address.postalCode;
      out.addressCity = dto.address.city;
    }
    if (dto.headTitle !== undefined) out.headTitle = dto.headTitle;
    if (dto.headName !== undefined) out.headName = dto.headName;
    if (dto.treasurerName !== undefined) out.treasurerName = dto.treasurerName;
    if (dto.email !== undefined) out.email = dto.email;
    return out;
  }

  private async assertUnique(
    manager: EntityManager,
    values: { nip?: string; regon?: string; slug?: string },
    exceptId?: string,
  ): Promise<void> {
    for (const field of ['nip', 'regon', 'slug'] as const) {
      const value = values[field];
      if (value === undefined) continue;
      const other = await manager
        .getRepository(Organisation)
        .findOne({ where: { [field]: value } });
      if (other && other.id !== exceptId) {
        throw conflict(
          `ORGANISATION_${field.toUpperCase()}_TAKEN`,
          `${field} ${value} is already registered for ${other.name}`,
          {
            errors: [
              {
                field,
                rule: 'unique',
                message: `${field} must be unique; already used by ${other.name}`,
              },
            ],
          },
        );
      }
    }
  }
}

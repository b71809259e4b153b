import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const ORGANISATION_KINDS = [
  'GMINA_MIEJSKA',
  'GMINA_WIEJSKA',
  'GMINA_MIEJSKO_WIEJSKA',
  'POWIAT',
  'WOJEWODZTWO',
  'ZWIAZEK',
  'STOWARZYSZENIE',
  'LGD',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_PL: Record<OrganisationKind, string> = {
  GMINA_MIEJSKA: 'gmina miejska',
  GMINA_WIEJSKA: 'gmina wiejska',
  GMINA_MIEJSKO_WIEJSKA: 'gmina miejsko-wiejska',
  POWIAT: 'powiat',
  WOJEWODZTWO: 'województwo',
  ZWIAZEK: 'związek jednostek samorządu terytorialnego',
  STOWARZYSZENIE: 'stowarzyszenie',
  LGD: 'lokalna grupa działania',
};

/** A local government unit (JST) or an association of them. */
@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  @Column({ type: 'text' })
  name: string;

  /** Short stable handle (e.g. `skawina`), used in demo logins and file names. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Index({ unique: true })
  @Column({ type: 'char', length: 10 })
  nip: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 14 })
  regon: string;

  @Column({ type: 'varchar', length: 7, nullable: true })
  teryt: string | null;

  @Column({ type: 'text', nullable: true })
  addressStreet: string | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  addressPostalCode: string | null;

  @Column({ type: 'text', nullable: true })
  addressCity: string | null;

  /** Wójt / Burmistrz / Prezydent Miasta / Starosta / Przewodniczący Zarządu … */
  @Column({ type: 'text', nullable: true })
  headTitle: string | null;

  @Column({ type: 'text', nullable: true })
  headName: string | null;

  @Column({ type: 'text', nullable: true })
  treasurerName: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** Seeded demonstration data (identifiers pass checksums but are not real). */
  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

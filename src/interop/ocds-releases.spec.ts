import {
  validateRecordPackage,
  validateReleasePackage,
} from '../../test/support/ocds/ocds-validator';
import { EXAMPLE_RELEASE_PACKAGE, EXAMPLE_SOURCE } from './ocds-example';
import { compileReleases } from './ocds-merge';
import { buildReleases, ocidOf, previewRelease, type OcdsRelease } from './ocds-releases';
import type { OcdsTenderSource } from './ocds-source';

// The broken packages are edited freely, whatever the field's type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const pkgOf = (releases: OcdsRelease[]) => ({
  ...clone(EXAMPLE_RELEASE_PACKAGE),
  releases: clone(releases),
});

describe('OCDS mapping of a joint tender', () => {
  const releases = buildReleases(EXAMPLE_SOURCE, 'ocds-wspoln').map((p) => p.release);
  const compiled = compileReleases(releases[0].ocid, releases);

  it('makes one release per milestone from the publication on, and the package is valid OCDS 1.1.5', () => {
    expect(releases.map((r) => r.tag)).toEqual([
      ['planning'],
      ['tender'],
      ['tenderUpdate'],
      ['award'],
      ['contract'],
    ]);
    const report = validateReleasePackage(pkgOf(releases));
    expect(report).toEqual({ errors: [], warnings: [] });
  });

  it('names the leader buyer, procuring entity and lead buyer, and every partner a buyer', () => {
    const parties = compiled.parties as {
      id: string;
      roles: string[];
      identifier: { scheme: string };
    }[];
    expect(parties.find((p) => p.id === 'PL-REGON-999000014')?.roles).toEqual([
      'buyer',
      'procuringEntity',
      'leadBuyer',
    ]);
    expect(parties.find((p) => p.id === 'PL-REGON-999000020')?.roles).toEqual(['buyer']);
    expect(parties.find((p) => p.id === 'PL-NIP-8567346215')?.roles).toEqual(['supplier']);
    expect(compiled.buyer).toEqual({ id: 'PL-REGON-999000014', name: 'Gmina Skawina' });
    expect((compiled.tender as { procuringEntity: unknown }).procuringEntity).toEqual(
      compiled.buyer,
    );
  });

  it('puts each partner’s share into planning.budget per buyer, and names the buyer of each contract and award', () => {
    const budget = (
      compiled.planning as {
        budget: {
          amount: { amount: number };
          budgetBreakdown: { sourceParty: { id: string }; amount: { amount: number } }[];
        };
      }
    ).budget;
    expect(budget.amount).toEqual({ amount: 1500000, currency: 'PLN' });
    expect(budget.budgetBreakdown.map((b) => [b.sourceParty.id, b.amount.amount])).toEqual([
      ['PL-REGON-999000014', 1000000],
      ['PL-REGON-999000020', 500000],
    ]);
    const [contract] = compiled.contracts as { buyer: { id: string }; awardID: string }[];
    expect(contract.buyer.id).toBe('PL-REGON-999000020');
    const [award] = compiled.awards as {
      id: string;
      buyers: { id: string }[];
      relatedLots: string[];
    }[];
    expect(contract.awardID).toBe(award.id);
    expect(award.relatedLots).toEqual(['1']);
    expect(award.buyers.map((b) => b.id)).toEqual(['PL-REGON-999000014', 'PL-REGON-999000020']);
  });

  it('compiles the record: later releases win (tender complete after the award), and the record package is valid', () => {
    expect((compiled.tender as { status: string }).status).toBe('complete');
    expect(compiled.tag).toEqual(['compiled']);
    const record = {
      ...clone(EXAMPLE_RELEASE_PACKAGE),
      releases: undefined,
      records: [
        { ocid: compiled.ocid, releases: clone(releases), compiledRelease: clone(compiled) },
      ],
    };
    delete record.releases;
    expect(validateRecordPackage(record)).toEqual({ errors: [], warnings: [] });
  });

  it('uses the recorded e-Zamówienia ocid when there is one', () => {
    const src: OcdsTenderSource = {
      ...EXAMPLE_SOURCE,
      tender: { ...EXAMPLE_SOURCE.tender, ocid: 'ocds-148610-ab12' },
    };
    expect(ocidOf(src.tender, 'ocds-wspoln')).toBe('ocds-148610-ab12');
    expect(
      buildReleases(src, 'ocds-wspoln').every((p) => p.release.ocid === 'ocds-148610-ab12'),
    ).toBe(true);
    expect(ocidOf(EXAMPLE_SOURCE.tender, 'ocds-wspoln')).toBe(
      `ocds-wspoln-${EXAMPLE_SOURCE.tender.id}`,
    );
  });

  it('makes no release of a tender that was never published; its participants’ preview is a valid planning release', () => {
    const draft: OcdsTenderSource = {
      ...EXAMPLE_SOURCE,
      tender: { ...EXAMPLE_SOURCE.tender, status: 'COLLECTING_SHARES', publishedOn: null },
      milestones: [],
    };
    expect(buildReleases(draft, 'ocds-wspoln')).toEqual([]);
    const preview = previewRelease(draft, 'ocds-wspoln');
    expect((preview.tender as { status: string }).status).toBe('planning');
    expect(validateReleasePackage(pkgOf([preview]))).toEqual({ errors: [], warnings: [] });
  });

  describe('the validator catches a broken package', () => {
    const broken = (change: (pkg: { releases: Loose[] }) => void): string[] => {
      const pkg = pkgOf(releases) as unknown as { releases: Loose[] };
      change(pkg);
      return validateReleasePackage(pkg).errors;
    };

    it('a wrong type', () => {
      expect(broken((p) => (p.releases[1].tender.value.amount = '1500000.00'))).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/\/releases\/1\/tender\/value\/amount: must be number/),
        ]),
      );
    });
    it('a code outside a closed codelist', () => {
      expect(broken((p) => (p.releases[1].tender.status = 'open'))).toEqual(
        expect.arrayContaining([expect.stringMatching(/tenderStatus/)]),
      );
      expect(broken((p) => (p.releases[1].tender.mainProcurementCategory = 'roboty'))).toEqual(
        expect.arrayContaining([expect.stringMatching(/procurementCategory/)]),
      );
    });
    it('a lot with a status outside the lots extension’s codelist', () => {
      expect(broken((p) => (p.releases[1].tender.lots[0].status = 'awarded'))).toEqual(
        expect.arrayContaining([expect.stringMatching(/lots\/0\/status/)]),
      );
    });
    it('a contract buyer that is not an organization reference (contract_buyer extension)', () => {
      expect(broken((p) => (p.releases[4].contracts[0].buyer = 'Gmina Liszki'))).toEqual(
        expect.arrayContaining([expect.stringMatching(/contracts\/0\/buyer: must be object/)]),
      );
    });
    it('a party id used twice', () => {
      expect(broken((p) => (p.releases[0].parties[1].id = p.releases[0].parties[0].id))).toEqual(
        expect.arrayContaining([expect.stringMatching(/parties\/1\/id: .* used twice/)]),
      );
    });
    it('an ocid without a registered prefix', () => {
      expect(broken((p) => (p.releases[0].ocid = 'wspolnie-123'))).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/ocid: "wspolnie-123" does not start with a registered prefix/),
        ]),
      );
    });
    it('a missing required field', () => {
      expect(broken((p) => delete p.releases[2].date)).toEqual(
        expect.arrayContaining([expect.stringMatching(/must have required property 'date'/)]),
      );
    });
  });
});

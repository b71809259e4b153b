import { ShareFact, sharesFingerprint } from './shares-fingerprint';

const share = (over: Partial<ShareFact> = {}): ShareFact => ({
  id: '00000000-0000-4000-8000-000000000001',
  organisationId: '00000000-0000-4000-8000-0000000000a1',
  lotId: '00000000-0000-4000-8000-0000000000b1',
  amountNet: 12_000_000,
  vatRate: 23,
  status: 'CONFIRMED',
  budgetClassification: '600/60016/4270',
  wpfReference: null,
  ...over,
});
const second = share({ id: '00000000-0000-4000-8000-000000000002', amountNet: 5_000_000 });

describe('sharesFingerprint', () => {
  it('does not depend on the order the shares were loaded in', () => {
    expect(sharesFingerprint([share(), second])).toBe(sharesFingerprint([second, share()]));
  });

  it.each<[string, Partial<ShareFact>]>([
    ['amount', { amountNet: 12_000_001 }],
    ['status', { status: 'PROPOSED' }],
    ['budget classification', { budgetClassification: '600/60016/6050' }],
    ['WPF entry', { wpfReference: 'WPF 2026–2029 poz. 1' }],
    ['organisation', { organisationId: '00000000-0000-4000-8000-0000000000a2' }],
    ['lot', { lotId: '00000000-0000-4000-8000-0000000000b2' }],
    ['VAT rate', { vatRate: 8 }],
  ])('changes when the %s of a share changes', (_, change) => {
    expect(sharesFingerprint([share(change), second])).not.toBe(
      sharesFingerprint([share(), second]),
    );
  });

  it('changes when a share is added or withdrawn, and ignores withdrawn shares', () => {
    const both = sharesFingerprint([share(), second]);
    expect(sharesFingerprint([share()])).not.toBe(both);
    expect(sharesFingerprint([share(), { ...second, status: 'WITHDRAWN' }])).toBe(
      sharesFingerprint([share()]),
    );
  });

  it('is a SHA-256 in hex', () => {
    expect(sharesFingerprint([])).toMatch(/^[0-9a-f]{64}$/);
  });
});

/**
 * How one invoice is allocated to the partners of a lot under the leader's contract (pure; no Nest,
 * no TypeORM). Amounts are integer grosz; weights are the partners' confirmed net shares of the lot.
 *
 * The issue asks for net, VAT and gross each split by the largest-remainder method, so that each
 * column adds up to the invoice to the grosz and no part is negative. Splitting the three columns
 * independently is not enough: a partner could get net 100.01 + VAT 23.00 but gross 123.00, and an
 * allocation whose own net + VAT ≠ gross cannot be booked. Splitting net and VAT and adding them
 * keeps every row consistent and the gross column exact, but a gross part can then be 1–2 grosz
 * away from its exact share; splitting gross and net and subtracting can give a VAT part of −1.
 *
 * So the three columns are rounded together ("controlled rounding", Bacharach 1966): every part
 * starts from the floor of its exact share, and the grosz left over in each column go one each to
 * partners so that
 *   - the net parts add up to the invoice net, the VAT parts to its VAT (so the gross parts, being
 *     net + VAT, add up to its gross);
 *   - every net, VAT and gross part is the floor or the ceiling of its exact proportional share, i.e.
 *     less than 1 grosz away from it (an exact share is never rounded at all), never negative;
 *   - among such roundings the gross column is the largest-remainder split of the gross whenever one
 *     is compatible (in practice almost always), and the remaining choices follow the largest
 *     remainders too, lower index first on a tie, so the result is deterministic.
 * Such a rounding always exists for a two-column table; the search below is exact (it tries every
 * possible count of partners that take a grosz in both columns), and property tests check it.
 */

export interface AllocationAmounts {
  net: number;
  vat: number;
  gross: number;
}

interface Row {
  index: number;
  netFloor: bigint;
  vatFloor: bigint;
  /** Remainders of the exact shares, in units of 1/W grosz (0 ≤ r < W). */
  netRem: bigint;
  vatRem: bigint;
  /** netRem + vatRem: the gross remainder before carrying a whole grosz (0 ≤ s < 2W). */
  sum: bigint;
}

function assertAmount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `${name} must be a non-negative safe integer number of grosz, got ${value}`,
    );
  }
}

const bySumDesc = (a: Row, b: Row): number =>
  a.sum === b.sum ? a.index - b.index : a.sum > b.sum ? -1 : 1;

/**
 * Splits an invoice's net and VAT (gross = net + VAT) into consistent parts proportional to
 * `weights`. Throws a RangeError for negative or non-integer input, or when every weight is 0 and
 * the invoice is not.
 */
export function splitInvoice(
  amounts: { net: number; vat: number },
  weights: readonly number[],
): AllocationAmounts[] {
  assertAmount(amounts.net, 'net');
  assertAmount(amounts.vat, 'vat');
  assertAmount(amounts.net + amounts.vat, 'gross');
  weights.forEach((w, i) => {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new RangeError(`weights[${i}] must be a non-negative safe integer, got ${w}`);
    }
  });
  const W = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (W === 0n) {
    if (amounts.net === 0 && amounts.vat === 0)
      return weights.map(() => ({ net: 0, vat: 0, gross: 0 }));
    throw new RangeError('cannot split a non-zero invoice: no positive weight');
  }
  const N = BigInt(amounts.net);
  const V = BigInt(amounts.vat);
  const rows: Row[] = weights.map((w, index) => {
    const n = N * BigInt(w);
    const v = V * BigInt(w);
    const netRem = n % W;
    const vatRem = v % W;
    return { index, netFloor: n / W, vatFloor: v / W, netRem, vatRem, sum: netRem + vatRem };
  });
  const netLeft = Number(N - rows.reduce((s, r) => s + r.netFloor, 0n));
  const vatLeft = Number(V - rows.reduce((s, r) => s + r.vatFloor, 0n));

  // A row whose remainders add up to a whole grosz or more must take at least one grosz (its gross
  // floor already includes it); exactly one when they add up to exactly one grosz (E), up to two
  // when more (H). A row below one grosz (L) takes at most one, and only in a column whose
  // remainder is positive: an exact share is never rounded.
  const H = rows.filter((r) => r.sum > W).sort(bySumDesc);
  const E = rows.filter((r) => r.sum === W);
  const L = rows.filter((r) => r.sum > 0n && r.sum < W).sort(bySumDesc);
  const onlyNet = L.filter((r) => r.vatRem === 0n).length;
  const onlyVat = L.filter((r) => r.netRem === 0n).length;
  const both = L.length - onlyNet - onlyVat;
  // Grosz handed out beyond one per H and E row: each goes to an H row (its second) or an L row.
  const rest = netLeft + vatLeft - H.length - E.length;

  const feasible = (doubles: number): boolean => {
    const taken = rest - doubles;
    if (doubles < 0 || doubles > H.length || doubles > netLeft || doubles > vatLeft) return false;
    if (taken < 0 || taken > L.length) return false;
    return (
      taken <= both + Math.min(onlyNet, netLeft - doubles) + Math.min(onlyVat, vatLeft - doubles)
    );
  };

  // Prefer the count the largest-remainder split of the gross would give, then the nearest ones.
  const grossRem = (r: Row) => (r.sum >= W ? r.sum - W : r.sum);
  const lrOrder = [...H, ...L].sort((a, b) => {
    const ra = grossRem(a);
    const rb = grossRem(b);
    return ra === rb ? a.index - b.index : ra > rb ? -1 : 1;
  });
  const preferred = lrOrder.slice(0, Math.max(0, rest)).filter((r) => r.sum > W).length;
  let doubles = -1;
  for (let d = 0; d <= H.length + L.length + 1 && doubles < 0; d++) {
    if (feasible(preferred - d)) doubles = preferred - d;
    else if (d > 0 && feasible(preferred + d)) doubles = preferred + d;
  }
  if (doubles < 0) throw new Error('invoice split: no consistent rounding found (a bug)');

  const netBump = new Set<number>();
  const vatBump = new Set<number>();
  for (const r of H.slice(0, doubles)) {
    netBump.add(r.index);
    vatBump.add(r.index);
  }
  // L rows by largest remainder, within what each column can still take.
  let toTake = rest - doubles;
  let netRoom = netLeft - doubles;
  let vatRoom = vatLeft - doubles;
  const flexible: Row[] = [...H.slice(doubles), ...E];
  for (const r of L) {
    if (toTake === 0) break;
    if (r.vatRem === 0n) {
      if (netRoom === 0) continue;
      netBump.add(r.index);
      netRoom--;
    } else if (r.netRem === 0n) {
      if (vatRoom === 0) continue;
      vatBump.add(r.index);
      vatRoom--;
    } else {
      flexible.push(r);
    }
    toTake--;
  }
  // Rows taking one grosz in either column: the largest net remainders take it in net.
  flexible.sort((a, b) =>
    a.netRem === b.netRem ? a.index - b.index : a.netRem > b.netRem ? -1 : 1,
  );
  for (const r of flexible) {
    if (netRoom > 0) {
      netBump.add(r.index);
      netRoom--;
    } else {
      vatBump.add(r.index);
      vatRoom--;
    }
  }
  if (netRoom !== 0 || vatRoom !== 0) throw new Error('invoice split: grosz left over (a bug)');

  return rows.map((r) => {
    const net = Number(r.netFloor) + (netBump.has(r.index) ? 1 : 0);
    const vat = Number(r.vatFloor) + (vatBump.has(r.index) ? 1 : 0);
    return { net, vat, gross: net + vat };
  });
}

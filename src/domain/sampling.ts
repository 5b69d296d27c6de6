import seedrandom from 'seedrandom';

/**
 * Stratified random sampling of candidate cases, reproducible from its seed. Candidates are grouped
 * into strata by the chosen dimensions; each stratum gets a share of the sample proportional to its
 * size (largest-remainder rounding), and at least one case when the sample is big enough to give
 * every stratum one. Within a stratum the cases are picked by a seeded shuffle. The same candidates,
 * dimensions, size and seed always give the same draw, whatever order the candidates arrive in.
 */
export const DIMENSIONS = ['legalStatus', 'ageBand', 'sex', 'ethnicity'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_LABELS: Record<Dimension, string> = {
  legalStatus: 'Legal status',
  ageBand: 'Age band',
  sex: 'Sex',
  ethnicity: 'Ethnicity',
};

export type SamplingCandidate = { id: string } & Record<Dimension, string>;

export type StratumAllocation = {
  key: string;
  values: Partial<Record<Dimension, string>>;
  available: number;
  quota: number;
  allocated: number;
};

export type Draw = { ids: string[]; strata: StratumAllocation[]; requested: number; drawn: number };

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}

function stratumKey(candidate: SamplingCandidate, dimensions: readonly Dimension[]): string {
  return dimensions.length === 0 ? 'all' : dimensions.map((d) => candidate[d]).join('|');
}

/** Proportional allocation with largest-remainder rounding, at least one per stratum when size allows. */
export function allocate(sizes: readonly number[], size: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const target = Math.min(size, total);
  if (target <= 0) return sizes.map(() => 0);
  const quotas = sizes.map((n) => (target * n) / total);
  const alloc = quotas.map((q, i) => Math.min(sizes[i]!, Math.floor(q)));
  const minimum = target >= sizes.filter((n) => n > 0).length ? 1 : 0;
  for (let i = 0; i < alloc.length; i++) if (sizes[i]! > 0) alloc[i] = Math.max(alloc[i]!, minimum);
  let sum = alloc.reduce((a, b) => a + b, 0);
  // Ties go to the larger stratum, then the earlier one: deterministic, no randomness here.
  const order = (score: (i: number) => number) =>
    sizes.map((_, i) => i).sort((a, b) => score(b) - score(a) || sizes[b]! - sizes[a]! || a - b);
  while (sum < target) {
    const i = order((j) => (alloc[j]! < sizes[j]! ? quotas[j]! - alloc[j]! : -Infinity))[0]!;
    alloc[i]!++;
    sum++;
  }
  while (sum > target) {
    const i = order((j) => (alloc[j]! > minimum ? alloc[j]! - quotas[j]! : -Infinity))[0]!;
    alloc[i]!--;
    sum--;
  }
  return alloc;
}

/** Picks `count` of `items` by a Fisher–Yates shuffle driven by the seeded generator. */
function pick<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  for (let i = 0; i < count && i < pool.length; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

export function drawSample(
  candidates: readonly SamplingCandidate[],
  options: { dimensions: readonly Dimension[]; size: number; seed: string },
): Draw {
  const dimensions = DIMENSIONS.filter((d) => options.dimensions.includes(d));
  const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const groups = new Map<string, SamplingCandidate[]>();
  for (const candidate of sorted) {
    const key = stratumKey(candidate, dimensions);
    const group = groups.get(key);
    if (group) group.push(candidate);
    else groups.set(key, [candidate]);
  }
  const keys = [...groups.keys()].sort();
  const sizes = keys.map((k) => groups.get(k)!.length);
  const requested = Math.max(0, Math.floor(options.size));
  const allocation = allocate(sizes, requested);
  const total = sorted.length;
  const chosen = new Set<string>();
  const strata: StratumAllocation[] = keys.map((key, i) => {
    const members = groups.get(key)!;
    // Each stratum has its own stream, so one stratum's draw does not depend on another's.
    const random = seedrandom(`${options.seed}\u0000${key}`);
    for (const c of pick(members, allocation[i]!, random)) chosen.add(c.id);
    const first = members[0]!;
    return {
      key,
      values: Object.fromEntries(dimensions.map((d) => [d, first[d]])),
      available: members.length,
      quota: total === 0 ? 0 : (Math.min(requested, total) * members.length) / total,
      allocated: allocation[i]!,
    };
  });
  const ids = candidates.filter((c) => chosen.has(c.id)).map((c) => c.id);
  return { ids, strata, requested, drawn: ids.length };
}

export type BalanceRow = {
  value: string;
  candidates: number;
  candidatesPercent: number;
  sample: number;
  samplePercent: number;
};

/** For each dimension, the sample's mix beside the candidates': counts and whole percentages. */
export function balance(
  candidates: readonly SamplingCandidate[],
  sampleIds: Iterable<string>,
): Record<Dimension, BalanceRow[]> {
  const inSample = new Set(sampleIds);
  const sampled = candidates.filter((c) => inSample.has(c.id));
  const percent = (n: number, of: number) => (of === 0 ? 0 : Math.round((n * 1000) / of) / 10);
  const result = {} as Record<Dimension, BalanceRow[]>;
  for (const dimension of DIMENSIONS) {
    const counts = new Map<string, { candidates: number; sample: number }>();
    for (const c of candidates) {
      const entry = counts.get(c[dimension]) ?? { candidates: 0, sample: 0 };
      entry.candidates++;
      if (inSample.has(c.id)) entry.sample++;
      counts.set(c[dimension], entry);
    }
    result[dimension] = [...counts.entries()]
      .sort((a, b) => b[1].candidates - a[1].candidates || (a[0] < b[0] ? -1 : 1))
      .map(([value, n]) => ({
        value,
        candidates: n.candidates,
        candidatesPercent: percent(n.candidates, candidates.length),
        sample: n.sample,
        samplePercent: percent(n.sample, sampled.length),
      }));
  }
  return result;
}

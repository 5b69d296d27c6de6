import type { ExchangeAgency } from './exchange-document.ts';

/**
 * Matching the file's agencies to the importing partnership's: an explicit mapping first
 * ("Source name=Target name"), then the same name and type, then the same name alone. What is
 * left is missing: the import stops with the list unless told to create them.
 */
export type TargetAgency = { id: string; name: string; type: string };
export type AgencyMatch =
  | { ok: true; byKey: Map<string, string>; toCreate: ExchangeAgency[] }
  | {
      ok: false;
      missing: { key: string; name: string; type: string }[];
      unknownTargets: string[];
      available: TargetAgency[];
    };

const norm = (s: string) => s.trim().toLowerCase();

export function matchAgencies(
  fileAgencies: ExchangeAgency[],
  available: TargetAgency[],
  mapping: Record<string, string>,
  createMissing: boolean,
): AgencyMatch {
  const byName = new Map<string, TargetAgency[]>();
  for (const a of available) byName.set(norm(a.name), [...(byName.get(norm(a.name)) ?? []), a]);
  const mapped = new Map(Object.entries(mapping).map(([from, to]) => [norm(from), to]));
  const byKey = new Map<string, string>();
  const missing: ExchangeAgency[] = [];
  const unknownTargets: string[] = [];
  for (const agency of fileAgencies) {
    const wanted = mapped.get(norm(agency.name));
    if (wanted !== undefined) {
      const target = available.find((a) => a.id === wanted) ?? byName.get(norm(wanted))?.[0];
      if (target) byKey.set(agency.key, target.id);
      else {
        unknownTargets.push(wanted);
        missing.push(agency);
      }
      continue;
    }
    const sameName = byName.get(norm(agency.name)) ?? [];
    const target = sameName.find((a) => a.type === agency.type) ?? (sameName.length === 1 ? sameName[0] : undefined);
    if (target) byKey.set(agency.key, target.id);
    else missing.push(agency);
  }
  if (missing.length && (!createMissing || unknownTargets.length)) {
    return {
      ok: false,
      missing: missing.map((a) => ({ key: a.key, name: a.name, type: a.type })),
      unknownTargets,
      available,
    };
  }
  return { ok: true, byKey, toCreate: missing };
}

/** "Source name=Target name" as typed on the command line; the last "=" would be ambiguous, so the first splits. */
export function parseAgencyMapping(pairs: readonly string[]): { mapping: Record<string, string>; problems: string[] } {
  const mapping: Record<string, string> = {};
  const problems: string[] = [];
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const from = at > 0 ? pair.slice(0, at).trim() : '';
    const to = at > 0 ? pair.slice(at + 1).trim() : '';
    if (!from || !to) problems.push(`--map-agency "${pair}" must be "Source name=Target name"`);
    else mapping[from] = to;
  }
  return { mapping, problems };
}

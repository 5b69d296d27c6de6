import { z } from 'zod';

/**
 * A case's identifying details: the only place names, dates of birth, addresses and record numbers
 * are kept. Stored as one encrypted JSON value (case_identity.encrypted); children and adults are
 * keyed by their pseudonymous records' ids, never by name.
 */
const text = (max: number) => z.string().max(max);

export const caseIdentitySchema = z.object({
  children: z.array(z.object({ childId: z.string(), name: text(200), dateOfBirth: z.string().nullable() })).default([]),
  adults: z.array(z.object({ memberId: z.string(), name: text(200) })).default([]),
  addresses: z.array(text(500)).default([]),
  records: z.array(z.object({ agencyId: z.string().nullable(), label: text(100), value: text(100) })).default([]),
});
export type CaseIdentity = z.infer<typeof caseIdentitySchema>;

export function emptyIdentity(): CaseIdentity {
  return { children: [], adults: [], addresses: [], records: [] };
}

/**
 * Reads a stored value. Older values (the first demo data) named children by pseudonym rather than
 * by id and kept record numbers as plain strings: they are read into today's shape, children matched
 * by pseudonym (`childIdByPseudonym`, the case's children), so nothing recorded is lost on the next save.
 */
export function readIdentity(json: string, childIdByPseudonym: ReadonlyMap<string, string> = new Map()): CaseIdentity {
  const raw: unknown = JSON.parse(json);
  if (!raw || typeof raw !== 'object') return caseIdentitySchema.parse(raw);
  const value = { ...(raw as Record<string, unknown>) };
  if (Array.isArray(value.children)) {
    value.children = value.children.map((child: Record<string, unknown>) =>
      child && typeof child === 'object' && child.childId === undefined
        ? {
            childId: childIdByPseudonym.get(String(child.pseudonym)) ?? '',
            name: child.name ?? '',
            dateOfBirth: child.dateOfBirth || null,
          }
        : child,
    );
  }
  if (Array.isArray(value.recordNumbers)) {
    const legacy = value.recordNumbers
      .filter((r): r is string => typeof r === 'string' && r.trim() !== '')
      .map((r) => ({ agencyId: null, label: 'Record number', value: r }));
    value.records = [...(Array.isArray(value.records) ? (value.records as unknown[]) : []), ...legacy];
    delete value.recordNumbers;
  }
  return caseIdentitySchema.parse(value);
}

/** Whether a stored value names a child by pseudonym only (see readIdentity). */
export function namesChildrenByPseudonym(json: string): boolean {
  const raw = JSON.parse(json) as { children?: unknown };
  return (
    Array.isArray(raw?.children) &&
    raw.children.some((c: { childId?: unknown } | null) => c && typeof c === 'object' && c.childId === undefined)
  );
}

export function isEmptyIdentity(identity: CaseIdentity): boolean {
  return (
    identity.children.every((c) => !c.name && !c.dateOfBirth) &&
    identity.adults.every((a) => !a.name) &&
    identity.addresses.length === 0 &&
    identity.records.length === 0
  );
}

/** Keeps only entries for children and adults that still exist, dropping empty ones. */
export function pruneIdentity(
  identity: CaseIdentity,
  childIds: readonly string[],
  memberIds: readonly string[],
): CaseIdentity {
  return {
    children: identity.children.filter((c) => childIds.includes(c.childId) && (c.name || c.dateOfBirth)),
    adults: identity.adults.filter((a) => memberIds.includes(a.memberId) && a.name),
    addresses: identity.addresses.filter((a) => a.trim()),
    records: identity.records.filter((r) => r.label.trim() || r.value.trim()),
  };
}

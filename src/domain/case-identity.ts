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

export function readIdentity(json: string): CaseIdentity {
  return caseIdentitySchema.parse(JSON.parse(json));
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
export function pruneIdentity(identity: CaseIdentity, childIds: readonly string[], memberIds: readonly string[]): CaseIdentity {
  return {
    children: identity.children.filter((c) => childIds.includes(c.childId) && (c.name || c.dateOfBirth)),
    adults: identity.adults.filter((a) => memberIds.includes(a.memberId) && a.name),
    addresses: identity.addresses.filter((a) => a.trim()),
    records: identity.records.filter((r) => r.label.trim() || r.value.trim()),
  };
}

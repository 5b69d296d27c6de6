import { dateInWords } from '../../domain/calendar-date.ts';
import { memberView } from './case-view-model.ts';
import type { StoredIdentity } from './identity-repository.ts';

/** Stored identifying details as the pages show them: beside each child's pseudonym and adult's role. */
export function identityView(
  stored: StoredIdentity,
  children: { id: string; pseudonym: string }[],
  members: Parameters<typeof memberView>[0][],
  agencies: { id: string; name: string }[],
) {
  return {
    children: children.map((c) => {
      const found = stored.identity.children.find((i) => i.childId === c.id);
      return {
        pseudonym: c.pseudonym,
        name: found?.name ?? '',
        dateOfBirth: found?.dateOfBirth ? dateInWords(found.dateOfBirth) : '',
      };
    }),
    adults: members.map((m) => ({
      ...memberView(m),
      name: stored.identity.adults.find((a) => a.memberId === m.id)?.name ?? '',
    })),
    addresses: stored.identity.addresses,
    records: stored.identity.records.map((r) => ({
      ...r,
      agencyName: agencies.find((a) => a.id === r.agencyId)?.name ?? '',
    })),
  };
}

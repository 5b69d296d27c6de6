import type { CaseIdentity } from '../../domain/case-identity.ts';
import type * as exportRepo from './exchange-export-repository.ts';
import type * as lookupRepo from './exchange-lookup-repository.ts';

/** The rows an exchange file is built from, and the formatting every part of the build shares. */
export const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
export const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Rows<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** A case's identifying details as stored (decrypted), by case id. */
export type StoredIdentities = ReadonlyMap<string, { identity: CaseIdentity }>;

/** Every row of the audit the file is made from, as the export repository reads them. */
export type ExportRows = { audit: Rows<typeof exportRepo.auditHead> } & Rows<typeof exportRepo.auditParts> &
  Rows<typeof exportRepo.caseParts> &
  Rows<typeof exportRepo.returnParts> &
  Rows<typeof exportRepo.outcomes> &
  Rows<typeof exportRepo.outcomeLinks> & { identities: StoredIdentities };

/** The records the rows name by id, looked up once `referencedIds` says which. */
export type ExportLookups = {
  agencies: Rows<typeof lookupRepo.agenciesByIds>;
  people: Rows<typeof lookupRepo.peopleByIds>;
  versions: Rows<typeof lookupRepo.templateVersionsByIds>;
  themes: Rows<typeof lookupRepo.learningThemesByIds>;
};

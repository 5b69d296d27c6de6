import type { Executor } from '../../db/transaction.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import type { ImportCounts } from './exchange-import-types.ts';

/** What the importer has settled before the writer starts: agencies, people, who leads the unmatched. */
export type Resolved = {
  byKey: Map<string, string>;
  toCreate: ExchangeDocument['agencies'];
  personId: (p: { email: string | null } | null) => string | null;
  fallbackLead: string | null;
  progress: (step: string) => void;
  /** Adds the audit tools every partnership starts with, so an imported tool can match one. */
  ensureShippedTemplates: (trx: Executor, partnershipId: string) => Promise<void>;
};

/**
 * What the parts of one import's writing share: the transaction, the new audit, the ids already
 * given to the file's keys, and the counts the result reports.
 */
export type WriteContext = Pick<Resolved, 'personId' | 'fallbackLead' | 'progress'> & {
  trx: Executor;
  userId: string | null;
  auditId: string;
  counts: ImportCounts;
  /** A new id. */
  id: () => string;
  /** Creation times one apart, so rows written together keep the file's order. */
  inOrder: () => Date;
  /** The database id of the file's agency, template version and learning theme keys. */
  A: (key: string) => string;
  An: (key: string | null) => string | null;
  T: (key: string) => string;
  themes: Map<string, string>;
  caseId: Map<string, string>;
  childId: Map<string, string>;
  memberId: Map<string, string>;
  pointId: Map<string, string>;
  saId: Map<string, string>;
};

import type { Actor } from '../../web/request-context.ts';
import type { TargetAgency } from './exchange-agencies.ts';
import type { ExchangeProblem } from './exchange-schema.ts';

/** What an import is asked to do, and every answer it can give: shared by the importer and the writer. */
export type ImportOptions = {
  partnershipId: string;
  actor: Actor;
  /** The importer may hold identifying details (can(user, 'case:identity')). */
  mayHoldIdentities: boolean;
  agencyMapping?: Record<string, string>;
  createMissingAgencies?: boolean;
  asCopy?: boolean;
  /** Leads actions whose lead is not a person of this partnership; the importer by default. */
  fallbackLeadUserId?: string | null;
  onProgress?: (step: string) => void;
};

export type ImportCounts = Record<
  | 'cases'
  | 'children'
  | 'returns'
  | 'chronologyEntries'
  | 'findings'
  | 'recommendations'
  | 'actions'
  | 'createdAgencies'
  | 'createdTemplates',
  number
>;

export type ImportResult =
  | { kind: 'invalid'; message: string; problems: ExchangeProblem[] }
  | { kind: 'newer-version'; message: string }
  | {
      kind: 'agencies-missing';
      message: string;
      missing: { key: string; name: string; type: string }[];
      unknownTargets: string[];
      available: TargetAgency[];
    }
  | { kind: 'duplicate'; message: string; previousAuditId: string | null; importedAt: Date }
  | { kind: 'leads-missing'; message: string; people: string[] }
  | { kind: 'failed'; message: string }
  | {
      kind: 'imported';
      auditId: string;
      reference: string;
      referenceChanged: boolean;
      identitiesDropped: boolean;
      counts: ImportCounts;
      importId: string;
    };

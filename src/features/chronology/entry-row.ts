import crypto from 'node:crypto';
import type { CheckedEntry } from '../../domain/chronology-entry.ts';
import type { ChronologyCategory } from '../../domain/discussion-points.ts';

/** A chronology entry as stored and as read back, and the fingerprint that finds the same one twice. */
export type EntryInput = {
  from: string;
  to: string;
  precision: 'day' | 'month';
  event: string;
  source: string;
  category: ChronologyCategory;
  impact: 'positive' | 'negative' | 'neutral';
  actionTaken: string;
  significant: boolean;
};

export type EntryRow = EntryInput & {
  id: string;
  caseId: string;
  agencyId: string;
  agencyName: string;
  version: number;
  importId: string | null;
};

/** The same event from the same agency, however it was typed: so a re-import adds nothing twice. */
export function fingerprint(e: Pick<EntryInput, 'from' | 'to' | 'category' | 'event'>): string {
  const text = e.event
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return crypto.createHash('sha256').update(`${e.from}|${e.to}|${e.category}|${text}`).digest('hex');
}

export const toRow = (r: {
  id: string;
  case_id: string;
  agency_id: string;
  agency_name: string;
  date_from: string;
  date_to: string;
  precision: 'day' | 'month';
  event: string;
  source: string;
  category: string;
  impact: 'positive' | 'negative' | 'neutral';
  action_taken: string;
  significant: boolean;
  version: number;
  import_id: string | null;
}): EntryRow => ({
  id: r.id,
  caseId: r.case_id,
  agencyId: r.agency_id,
  agencyName: r.agency_name,
  from: r.date_from,
  to: r.date_to,
  precision: r.precision,
  event: r.event,
  source: r.source,
  category: r.category as ChronologyCategory,
  impact: r.impact,
  actionTaken: r.action_taken,
  significant: r.significant,
  version: r.version,
  importId: r.import_id,
});

export type EntryFilter = {
  agencyIds?: string[];
  categories?: string[];
  impacts?: string[];
  from?: string;
  to?: string;
  significantOnly?: boolean;
};

/** A checked entry (from the page, the API or an imported row) in the shape it is stored in. */
export const entryInput = (e: CheckedEntry): EntryInput => ({
  from: e.date.from,
  to: e.date.to,
  precision: e.date.precision,
  event: e.event,
  source: e.source,
  category: e.category,
  impact: e.impact,
  actionTaken: e.actionTaken,
  significant: e.significant,
});

import {
  ALL_AGE_BANDS,
  ETHNIC_GROUPS,
  ETHNICITIES,
  ethnicGroupOf,
  label,
  LEGAL_STATUSES,
  SEXES,
} from '../../domain/case-attributes.ts';
import { DIMENSION_LABELS, DIMENSIONS, type BalanceRow, type Dimension } from '../../domain/sampling.ts';
import type { CandidateFilter, CandidateListRow } from './candidate-repository.ts';

/** Words and tables for the candidate list, the draw and the balance panel. */
export const PAGE_SIZE = 100;
export type ListQuery = { page?: string; legalStatus?: string; ageBand?: string; sex?: string; ethnicGroup?: string };

const LABELS: Record<Dimension, Record<string, string>> = {
  legalStatus: LEGAL_STATUSES,
  ageBand: ALL_AGE_BANDS,
  sex: SEXES,
  ethnicity: ETHNIC_GROUPS,
};

export function valueText(dimension: Dimension, value: string | undefined): string {
  return label(LABELS[dimension], value) || '–';
}

export function stratumText(values: Partial<Record<Dimension, string>>): string {
  const parts = DIMENSIONS.filter((d) => values[d] !== undefined).map((d) => valueText(d, values[d]));
  return parts.length ? parts.join(', ') : 'All candidates';
}

export function candidateRowView(row: CandidateListRow, kase?: { id: string; reference: string }) {
  return {
    id: row.id,
    rowNumber: row.row_number,
    legalStatus: valueText('legalStatus', row.legal_status),
    ageBand: valueText('ageBand', row.age_band),
    sex: valueText('sex', row.sex),
    ethnicity: valueText('ethnicity', ethnicGroupOf(row.ethnicity)),
    kase,
  };
}

export function dimensionItems(selected: readonly string[]) {
  return DIMENSIONS.map((d) => ({ value: d, text: DIMENSION_LABELS[d], checked: selected.includes(d) }));
}

export function strataText(strata: readonly string[]): string {
  return strata.length
    ? strata.map((s) => DIMENSION_LABELS[s as Dimension] ?? s).join(', ')
    : 'None (a simple random sample)';
}

/** The filter form's choices and the query it becomes; unknown values are ignored. */
export function candidateFilters(query: ListQuery) {
  const pick = (labels: Record<string, string>, value: string | undefined) =>
    value && Object.hasOwn(labels, value) ? value : '';
  const chosen = {
    legalStatus: pick(LEGAL_STATUSES, query.legalStatus),
    ageBand: pick(ALL_AGE_BANDS, query.ageBand),
    sex: pick(SEXES, query.sex),
    ethnicGroup: pick(ETHNIC_GROUPS, query.ethnicGroup),
  };
  const sql: CandidateFilter = {
    ...(chosen.legalStatus ? { legalStatus: chosen.legalStatus } : {}),
    ...(chosen.ageBand ? { ageBand: chosen.ageBand } : {}),
    ...(chosen.sex ? { sex: chosen.sex } : {}),
    ...(chosen.ethnicGroup
      ? { ethnicity: ETHNICITIES.filter((e) => e.group === chosen.ethnicGroup).map((e) => e.code) }
      : {}),
  };
  const items = (labels: Record<string, string>, value: string) => [
    { value: '', text: 'Any', selected: !value },
    ...Object.entries(labels).map(([v, text]) => ({ value: v, text, selected: v === value })),
  ];
  return {
    sql,
    params: Object.fromEntries(Object.entries(chosen).filter(([, v]) => v)) as Record<string, string>,
    view: {
      legalStatus: items(LEGAL_STATUSES, chosen.legalStatus),
      ageBand: items(ALL_AGE_BANDS, chosen.ageBand),
      sex: items(SEXES, chosen.sex),
      ethnicGroup: items(ETHNIC_GROUPS, chosen.ethnicGroup),
      active: Object.values(chosen).some(Boolean),
    },
  };
}

const rank = (dimension: Dimension, value: string) => {
  const index = Object.keys(LABELS[dimension]).indexOf(value);
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
};

/** One table per dimension, in the order the values are listed everywhere: the sample's mix against the candidates'. */
export function balanceTables(panel: Record<Dimension, BalanceRow[]>) {
  return DIMENSIONS.map((d) => ({
    caption: DIMENSION_LABELS[d],
    rows: [...panel[d]]
      .sort((a, b) => rank(d, a.value) - rank(d, b.value))
      .map((r) => [
        { text: valueText(d, r.value) },
        { text: r.candidates.toLocaleString('en-GB'), format: 'numeric' },
        { text: `${r.candidatesPercent}%`, format: 'numeric' },
        { text: String(r.sample), format: 'numeric' },
        { text: `${r.samplePercent}%`, format: 'numeric' },
      ]),
  }));
}

import { daysBetween, formatChronologyDate } from '../../domain/chronology-dates.ts';
import { CHRONOLOGY_CATEGORIES } from '../../domain/discussion-points.ts';
import type { EntryRow } from './chronology-repository.ts';

/**
 * A swimlane timeline as server-rendered SVG: one lane per agency, a mark per entry (a bar for a
 * period), coloured by impact, larger when significant. It is an image with a title and a
 * description; the table beside it is the accessible equivalent and holds every detail.
 */
const WIDTH = 960;
const LABEL = 220;
const LANE = 30;
const TOP = 34;
const COLOURS = { negative: '#d4351c', positive: '#00703c', neutral: '#505a5f' } as const;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function timelineSvg(entries: EntryRow[], lanes: { id: string; name: string }[], id = 'timeline'): string {
  const used = lanes.filter((l) => entries.some((e) => e.agencyId === l.id));
  if (entries.length === 0 || used.length === 0) return '';
  const first = entries.reduce((a, e) => (e.from < a ? e.from : a), entries[0]!.from);
  const last = entries.reduce((a, e) => (e.to > a ? e.to : a), entries[0]!.to);
  const span = Math.max(1, daysBetween(first, last));
  const x = (iso: string) => LABEL + ((WIDTH - LABEL - 16) * daysBetween(first, iso)) / span;
  const height = TOP + used.length * LANE + 10;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" class="maca-timeline">`,
  );
  parts.push(`<title id="${id}-title">Timeline of ${entries.length} chronology entries by agency</title>`);
  parts.push(
    `<desc id="${id}-desc">${entries.length} entries from ${used.length} agencies between ${escape(formatChronologyDate({ from: first, to: first, precision: 'day' }))} and ${escape(formatChronologyDate({ from: last, to: last, precision: 'day' }))}. Red marks had a negative impact on the child, green positive, grey neutral; larger marks are significant. The table below lists every entry.</desc>`,
  );
  const startYear = Number(first.slice(0, 4));
  const endYear = Number(last.slice(0, 4));
  const step = Math.max(1, Math.ceil((endYear - startYear + 1) / 12));
  for (let year = startYear; year <= endYear + 1; year += step) {
    const tick = `${year}-01-01`;
    if (tick < first || tick > last) continue;
    parts.push(
      `<line x1="${x(tick).toFixed(1)}" y1="${TOP - 8}" x2="${x(tick).toFixed(1)}" y2="${height - 6}" stroke="#b1b4b6" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${x(tick).toFixed(1)}" y="${TOP - 14}" font-size="13" text-anchor="middle" fill="#0b0c0c">${year}</text>`,
    );
  }
  used.forEach((lane, i) => {
    const y = TOP + i * LANE + LANE / 2;
    parts.push(
      `<line x1="${LABEL}" y1="${y}" x2="${WIDTH - 8}" y2="${y}" stroke="#f3f2f1" stroke-width="${LANE - 4}"/>`,
    );
    parts.push(
      `<text x="${LABEL - 8}" y="${y + 5}" font-size="14" text-anchor="end" fill="#0b0c0c">${escape(lane.name.length > 28 ? `${lane.name.slice(0, 27)}…` : lane.name)}</text>`,
    );
    for (const e of entries.filter((entry) => entry.agencyId === lane.id)) {
      const colour = COLOURS[e.impact];
      const label = `<title>${escape(`${formatChronologyDate(e)}: ${CHRONOLOGY_CATEGORIES[e.category]}. ${e.event.slice(0, 160)}`)}</title>`;
      if (e.from !== e.to) {
        parts.push(
          `<line x1="${x(e.from).toFixed(1)}" y1="${y}" x2="${Math.max(x(e.to), x(e.from) + 3).toFixed(1)}" y2="${y}" stroke="${colour}" stroke-width="${e.significant ? 8 : 5}" stroke-linecap="round">${label}</line>`,
        );
      } else {
        parts.push(
          `<circle cx="${x(e.from).toFixed(1)}" cy="${y}" r="${e.significant ? 7 : 4.5}" fill="${colour}"${e.significant ? ' stroke="#0b0c0c" stroke-width="1.5"' : ''}>${label}</circle>`,
        );
      }
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

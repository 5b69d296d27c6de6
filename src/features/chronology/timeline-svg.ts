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

/** An SVG element; its attribute values are numbers or text already safe to write. */
function tag(name: string, attributes: Record<string, string | number>, content?: string): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${value}"`)
    .join('');
  return content === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

export function timelineSvg(entries: EntryRow[], lanes: { id: string; name: string }[], id = 'timeline'): string {
  const used = lanes.filter((l) => entries.some((e) => e.agencyId === l.id));
  if (entries.length === 0 || used.length === 0) return '';
  const first = entries.reduce((a, e) => (e.from < a ? e.from : a), entries[0]!.from);
  const last = entries.reduce((a, e) => (e.to > a ? e.to : a), entries[0]!.to);
  const span = Math.max(1, daysBetween(first, last));
  const x = (iso: string) => LABEL + ((WIDTH - LABEL - 16) * daysBetween(first, iso)) / span;
  const height = TOP + used.length * LANE + 10;
  const parts: string[] = [];
  const [from, to] = [first, last].map((d) => escape(formatChronologyDate({ from: d, to: d, precision: 'day' })));
  parts.push(
    tag('svg', {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${WIDTH} ${height}`,
      width: '100%',
      role: 'img',
      'aria-labelledby': `${id}-title ${id}-desc`,
      class: 'maca-timeline',
    }).slice(0, -2) + '>',
  );
  parts.push(`<title id="${id}-title">Timeline of ${entries.length} chronology entries by agency</title>`);
  parts.push(
    tag(
      'desc',
      { id: `${id}-desc` },
      `${entries.length} entries from ${used.length} agencies between ${from} and ${to}. ` +
        'Red marks had a negative impact on the child, green positive, grey neutral; larger marks are significant. ' +
        'The table below lists every entry.',
    ),
  );
  const startYear = Number(first.slice(0, 4));
  const endYear = Number(last.slice(0, 4));
  const step = Math.max(1, Math.ceil((endYear - startYear + 1) / 12));
  for (let year = startYear; year <= endYear + 1; year += step) {
    const tick = `${year}-01-01`;
    if (tick < first || tick > last) continue;
    const at = x(tick).toFixed(1);
    parts.push(tag('line', { x1: at, y1: TOP - 8, x2: at, y2: height - 6, stroke: '#b1b4b6', 'stroke-width': 1 }));
    const yearLabel = { x: at, y: TOP - 14, 'font-size': 13, 'text-anchor': 'middle', fill: '#0b0c0c' };
    parts.push(tag('text', yearLabel, String(year)));
  }
  used.forEach((lane, i) => {
    const y = TOP + i * LANE + LANE / 2;
    parts.push(tag('line', { x1: LABEL, y1: y, x2: WIDTH - 8, y2: y, stroke: '#f3f2f1', 'stroke-width': LANE - 4 }));
    const name = escape(lane.name.length > 28 ? `${lane.name.slice(0, 27)}…` : lane.name);
    const laneLabel = { x: LABEL - 8, y: y + 5, 'font-size': 14, 'text-anchor': 'end', fill: '#0b0c0c' };
    parts.push(tag('text', laneLabel, name));
    for (const e of entries.filter((entry) => entry.agencyId === lane.id)) {
      const colour = COLOURS[e.impact];
      const what = `${formatChronologyDate(e)}: ${CHRONOLOGY_CATEGORIES[e.category]}. ${e.event.slice(0, 160)}`;
      const label = `<title>${escape(what)}</title>`;
      const start = x(e.from).toFixed(1);
      if (e.from !== e.to) {
        const end = Math.max(x(e.to), x(e.from) + 3).toFixed(1);
        const width = e.significant ? 8 : 5;
        const bar = {
          x1: start,
          y1: y,
          x2: end,
          y2: y,
          stroke: colour,
          'stroke-width': width,
          'stroke-linecap': 'round',
        };
        parts.push(tag('line', bar, label));
      } else {
        const outline: Record<string, string | number> = e.significant
          ? { stroke: '#0b0c0c', 'stroke-width': 1.5 }
          : {};
        parts.push(tag('circle', { cx: start, cy: y, r: e.significant ? 7 : 4.5, fill: colour, ...outline }, label));
      }
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

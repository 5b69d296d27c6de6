import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { distributionRecords, type Distribution } from '../../domain/judgement-distribution.ts';

/**
 * Judgement distributions as charts: a vega-lite stacked bar chart per scale, rendered to SVG on
 * the server (no JavaScript in the browser). Each chart is an image with a title and a
 * description; the table beside it always holds the same numbers and is the accessible equivalent.
 */
const GREEN = '#00703c';
const LIGHT_GREEN = '#85994b';
const YELLOW = '#ffdd00';
const ORANGE = '#f47738';
const RED = '#d4351c';
const GREY = '#b1b4b6';

/** Colours from best to worst rank; unranked values (not applicable) are grey. */
export function scaleColours(values: Distribution['values']): string[] {
  const ranked = values.filter((v) => v.rank !== null).sort((a, b) => b.rank! - a.rank!);
  const palette =
    ranked.length <= 2
      ? [GREEN, RED]
      : ranked.length === 3
        ? [GREEN, ORANGE, RED]
        : ranked.length === 4
          ? [GREEN, LIGHT_GREEN, ORANGE, RED]
          : [GREEN, LIGHT_GREEN, YELLOW, ORANGE, RED];
  return values.map((v) => {
    if (v.rank === null) return GREY;
    const position = ranked.indexOf(v);
    return palette[Math.round((position * (palette.length - 1)) / Math.max(1, ranked.length - 1))] ?? GREY;
  });
}

export function chartTitle(distribution: Distribution): string {
  return `Judgements by ${distribution.by}: ${distribution.scaleLabel}`;
}

/** Says in words what the chart shows, for the image's description. */
export function chartDescription(distribution: Distribution): string {
  const total = distribution.rows.reduce((sum, r) => sum + r.total, 0);
  const totals = distribution.values.map(
    (v, i) => `${v.label} ${distribution.rows.reduce((sum, r) => sum + (r.counts[i] ?? 0), 0)}`,
  );
  return (
    `Stacked bar chart of ${total} judgement${total === 1 ? '' : 's'} on the scale ${distribution.scaleLabel}, ` +
    `one bar for each ${distribution.by} (${distribution.rows.length}). In all: ${totals.join(', ')}. ` +
    'The table that follows gives every number.'
  );
}

export function distributionChartSpec(distribution: Distribution): TopLevelSpec {
  const labels = distribution.values.map((v) => v.label);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: chartTitle(distribution),
    description: chartDescription(distribution),
    width: 420,
    height: { step: 22 },
    background: 'white',
    config: {
      font: 'Arial, Helvetica, sans-serif',
      axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 400 },
      legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 400 },
      title: { fontSize: 14, anchor: 'start' },
    },
    data: { values: distributionRecords(distribution) },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'row', type: 'nominal', title: null, sort: distribution.rows.map((r) => r.label) },
      x: {
        field: 'count',
        type: 'quantitative',
        title: 'Number of judgements',
        stack: 'zero',
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: {
        field: 'value',
        type: 'nominal',
        title: 'Judgement',
        sort: labels,
        scale: { domain: labels, range: scaleColours(distribution.values) },
        legend: { orient: 'bottom', columns: 2 },
      },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The chart as an SVG image with role="img", a title and a description; `id` keeps the ids unique in a page. */
export async function distributionChartSvg(distribution: Distribution, id: string): Promise<string> {
  const view = new vega.View(vega.parse(compile(distributionChartSpec(distribution)).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const labelled =
      `<title id="${id}-title">${escape(chartTitle(distribution))}</title>` +
      `<desc id="${id}-desc">${escape(chartDescription(distribution))}</desc>`;
    return svg
      .replace(/^<svg /, `<svg role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" `)
      .replace(/(<svg[^>]*>)/, `$1${labelled}`)
      .replace(/ role="graphics-[a-z-]+"| aria-roledescription="[^"]*"| aria-label="[^"]*"/g, '');
  } finally {
    view.finalize();
  }
}

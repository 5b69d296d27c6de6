import { distributionChartSvg } from './report-chart.ts';
import {
  distributionTable,
  judgementsSentence,
  reportTables,
  sampleSentence,
  type ReportModel,
} from './report-model.ts';

/**
 * What the report's page and standalone HTML render: the model, its tables by key, and each chart's
 * SVG beside its table.
 */
export async function reportViewContext(model: ReportModel) {
  const tableList = reportTables(model);
  const group = async (title: string, list: ReportModel['byDomain'], prefix: string) => ({
    title,
    items: await Promise.all(
      list.map(async (d) => ({
        svg: await distributionChartSvg(d, `${prefix}-${d.scaleKey}`),
        table: distributionTable(d, `${prefix}-${d.scaleKey}`),
      })),
    ),
  });
  return {
    model,
    sample: sampleSentence(model),
    judgements: judgementsSentence(model),
    tableList,
    tables: Object.fromEntries(tableList.map((t) => [t.key, t])),
    overall: model.overallGrades.distribution
      ? {
          svg: await distributionChartSvg(model.overallGrades.distribution, 'overall-grades'),
          table: reportTables(model).find((t) => t.key === 'overall-grades')!,
        }
      : undefined,
    charts: [
      await group('By domain', model.byDomain, 'judgements-by-domain'),
      await group('By agency', model.byAgency, 'judgements-by-agency'),
    ],
  };
}

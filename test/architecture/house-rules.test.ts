import fs from 'node:fs';
import path from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

/**
 * The shape docs/architecture.md describes, checked on every run: SQL only in repositories and
 * src/db/, no database handle in routes, controllers, helpers or the CLI, audit-log rows written by
 * services, a controller in every page folder, typed users, no import circles, no line past the
 * formatter's width.
 *
 * Each rule names the files that do not follow it yet. The list may only shrink: a file that
 * starts breaking a rule fails, and so does a listed file that no longer breaks it (take it off).
 */
const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'src');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const files = walk(src).map((file) => path.relative(root, file).split(path.sep).join('/'));
const sourceFiles = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
const text = new Map(sourceFiles.map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')]));

const isDataLayer = (file: string) => file.startsWith('src/db/') || file.endsWith('-repository.ts');
// The demo partnership is written by its own loader, like a migration's seed data.
const isDemo = (file: string) => file.startsWith('src/demo/');

const SQL =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\bsql\.(raw|ref|lit|id|join)\(/;
const DATABASE_IMPORT = /from '(kysely|pg|[./]*db\/database\.ts)'/;
const COMPOSITION = new Set(['src/services.ts', 'src/server.ts', 'src/runtime.ts', 'src/cli/main.ts']);

function violations(rule: (file: string, source: string) => boolean): string[] {
  return [...text]
    .filter(([file, source]) => rule(file, source))
    .map(([file]) => file)
    .sort();
}

function expectOnly(found: string[], allowed: string[]) {
  expect({ new: found.filter((f) => !allowed.includes(f)), fixed: allowed.filter((f) => !found.includes(f)) }).toEqual({
    new: [],
    fixed: [],
  });
}

// Files that still break a rule; the work on "one shape for every feature" empties these lists.
const STILL_SQL: string[] = [
  'src/cli/commands/exchange.ts',
  'src/cli/commands/export-briefing.ts',
  'src/cli/commands/export-report.ts',
  'src/cli/commands/list-audits.ts',
  'src/features/actions/action-service.ts',
  'src/features/actions/evidence-service.ts',
  'src/features/actions/routes.ts',
  'src/features/audits/audit-service.ts',
  'src/features/briefings/briefing-model.ts',
  'src/features/briefings/briefing-service.ts',
  'src/features/briefings/briefing-template-service.ts',
  'src/features/briefings/library-routes.ts',
  'src/features/briefings/redaction-terms.ts',
  'src/features/cases/identity-service.ts',
  'src/features/cases/selection-service.ts',
  'src/features/chronology/chronology-service.ts',
  'src/features/chronology/import-service.ts',
  'src/features/chronology/upload-store.ts',
  'src/features/exchange/exchange-agencies.ts',
  'src/features/exchange/exchange-export.ts',
  'src/features/exchange/exchange-import.ts',
  'src/features/exchange/exchange-service.ts',
  'src/features/exchange/exchange-writer.ts',
  'src/features/involvement/assignment-service.ts',
  'src/features/involvement/deadline-reminders.ts',
  'src/features/involvement/involvement-service.ts',
  'src/features/involvement/routes.ts',
  'src/features/meeting/case-notes-service.ts',
  'src/features/meeting/finding-service.ts',
  'src/features/meeting/pack-service.ts',
  'src/features/meeting/recommendation-service.ts',
  'src/features/meeting/record-routes.ts',
  'src/features/meeting/theme-routes.ts',
  'src/features/report/report-guard.ts',
  'src/features/report/report-service.ts',
  'src/features/returns/return-emails.ts',
  'src/features/returns/return-service.ts',
  'src/features/returns/routes.ts',
  'src/features/templates/template-service.ts',
];
const STILL_DATABASE_IMPORT: string[] = [
  'src/cli/commands/exchange.ts',
  'src/cli/commands/export-briefing.ts',
  'src/cli/commands/export-report.ts',
  'src/cli/commands/list-audits.ts',
  'src/cli/commands/templates.ts',
  'src/features/actions/action-service.ts',
  'src/features/actions/evidence-service.ts',
  'src/features/audits/audit-facts.ts',
  'src/features/audits/audit-service.ts',
  'src/features/briefings/briefing-model.ts',
  'src/features/briefings/briefing-service.ts',
  'src/features/briefings/briefing-services.ts',
  'src/features/briefings/briefing-template-service.ts',
  'src/features/briefings/redaction-terms.ts',
  'src/features/cases/candidate-service.ts',
  'src/features/cases/case-service.ts',
  'src/features/cases/case-services.ts',
  'src/features/cases/identity-service.ts',
  'src/features/cases/selection-service.ts',
  'src/features/chronology/chronology-service.ts',
  'src/features/chronology/import-service.ts',
  'src/features/chronology/upload-store.ts',
  'src/features/exchange/exchange-agencies.ts',
  'src/features/exchange/exchange-export.ts',
  'src/features/exchange/exchange-import.ts',
  'src/features/exchange/exchange-service.ts',
  'src/features/exchange/exchange-writer.ts',
  'src/features/home/routes.ts',
  'src/features/involvement/assignment-service.ts',
  'src/features/involvement/deadline-reminders.ts',
  'src/features/involvement/involvement-service.ts',
  'src/features/meeting/case-notes-service.ts',
  'src/features/meeting/finding-service.ts',
  'src/features/meeting/pack-service.ts',
  'src/features/meeting/recommendation-service.ts',
  'src/features/report/report-guard.ts',
  'src/features/report/report-service.ts',
  'src/features/returns/return-emails.ts',
  'src/features/returns/return-service.ts',
  'src/features/templates/template-service.ts',
  'src/jobs/job-queue.ts',
];
const STILL_AUDIT_LOG_OUTSIDE_SERVICES: string[] = [
  'src/cli/commands/exchange.ts',
  'src/cli/commands/export-briefing.ts',
  'src/cli/commands/export-report.ts',
  'src/cli/commands/templates.ts',
  'src/features/audits/theme-routes.ts',
  'src/features/briefings/briefing-api.ts',
  'src/features/briefings/briefing-routes.ts',
  'src/features/briefings/redaction-terms.ts',
  'src/features/chronology/chronology-api.ts',
  'src/features/exchange/exchange-writer.ts',
  'src/features/meeting/record-routes.ts',
  'src/features/meeting/theme-routes.ts',
];
const STILL_USER_ASSERTED: string[] = [
  'src/features/account/routes.ts',
  'src/features/actions/evidence-routes.ts',
  'src/features/actions/routes.ts',
  'src/features/audits/audit-api.ts',
  'src/features/audits/audit-page-routes.ts',
  'src/features/audits/plan-routes.ts',
  'src/features/audits/programme-routes.ts',
  'src/features/audits/theme-routes.ts',
  'src/features/auth/routes.ts',
  'src/features/briefings/briefing-api.ts',
  'src/features/briefings/briefing-routes.ts',
  'src/features/briefings/library-routes.ts',
  'src/features/briefings/template-routes.ts',
  'src/features/briefings/term-routes.ts',
  'src/features/cases/candidate-routes.ts',
  'src/features/cases/case-api.ts',
  'src/features/cases/case-routes.ts',
  'src/features/cases/child-routes.ts',
  'src/features/cases/identity-routes.ts',
  'src/features/cases/import-routes.ts',
  'src/features/cases/member-routes.ts',
  'src/features/cases/selection-routes.ts',
  'src/features/chronology/chronology-api.ts',
  'src/features/chronology/entry-routes.ts',
  'src/features/chronology/import-routes.ts',
  'src/features/chronology/integrated-routes.ts',
  'src/features/exchange/exchange-api.ts',
  'src/features/exchange/routes.ts',
  'src/features/home/routes.ts',
  'src/features/involvement/assignment-routes.ts',
  'src/features/involvement/involvement-api.ts',
  'src/features/involvement/routes.ts',
  'src/features/meeting/case-notes-routes.ts',
  'src/features/meeting/finding-routes.ts',
  'src/features/meeting/meeting-api.ts',
  'src/features/meeting/pack-routes.ts',
  'src/features/meeting/recommendation-routes.ts',
  'src/features/meeting/record-routes.ts',
  'src/features/meeting/theme-routes.ts',
  'src/features/report/report-api.ts',
  'src/features/report/routes.ts',
  'src/features/returns/action-routes.ts',
  'src/features/returns/return-api.ts',
  'src/features/returns/review-routes.ts',
  'src/features/returns/routes.ts',
  'src/features/returns/section-routes.ts',
  'src/features/templates/routes.ts',
  'src/features/templates/template-api.ts',
];
const STILL_WITHOUT_CONTROLLER: string[] = [
  'src/features/account/pages/account',
  'src/features/account/pages/new-token',
  'src/features/account/pages/recovery-codes',
  'src/features/account/pages/set-up',
  'src/features/account/pages/tokens',
  'src/features/actions/pages/action',
  'src/features/actions/pages/form',
  'src/features/actions/pages/plan',
  'src/features/actions/pages/tracker',
  'src/features/audits/pages/edit',
  'src/features/audits/pages/programme',
  'src/features/audits/pages/show',
  'src/features/audits/pages/theme-edit',
  'src/features/audits/pages/themes',
  'src/features/auth/pages/forgotten-password',
  'src/features/auth/pages/set-password',
  'src/features/auth/pages/sign-in',
  'src/features/auth/pages/two-factor',
  'src/features/briefings/pages/briefing',
  'src/features/briefings/pages/library',
  'src/features/briefings/pages/library-item',
  'src/features/briefings/pages/list',
  'src/features/briefings/pages/section',
  'src/features/briefings/pages/template',
  'src/features/briefings/pages/templates',
  'src/features/briefings/pages/terms',
  'src/features/briefings/pages/versions',
  'src/features/cases/pages/candidate-list',
  'src/features/cases/pages/candidates',
  'src/features/cases/pages/case',
  'src/features/cases/pages/case-form',
  'src/features/cases/pages/cases',
  'src/features/cases/pages/child-form',
  'src/features/cases/pages/confirm-remove',
  'src/features/cases/pages/draw',
  'src/features/cases/pages/identity',
  'src/features/cases/pages/identity-form',
  'src/features/cases/pages/mapping',
  'src/features/cases/pages/member-form',
  'src/features/cases/pages/preview',
  'src/features/chronology/pages/agency',
  'src/features/chronology/pages/delete',
  'src/features/chronology/pages/entry',
  'src/features/chronology/pages/import',
  'src/features/chronology/pages/import-upload',
  'src/features/chronology/pages/integrated',
  'src/features/exchange/pages/audit-exchange',
  'src/features/exchange/pages/import-check',
  'src/features/exchange/pages/import-upload',
  'src/features/home/pages/home',
  'src/features/involvement/pages/agencies',
  'src/features/involvement/pages/assignment-agencies',
  'src/features/involvement/pages/assignments',
  'src/features/involvement/pages/matrix',
  'src/features/involvement/pages/participation',
  'src/features/involvement/pages/progress',
  'src/features/involvement/pages/record',
  'src/features/meeting/pages/case',
  'src/features/meeting/pages/case-conflict',
  'src/features/meeting/pages/finding',
  'src/features/meeting/pages/findings',
  'src/features/meeting/pages/pack',
  'src/features/meeting/pages/recommendation',
  'src/features/meeting/pages/recommendations',
  'src/features/meeting/pages/record',
  'src/features/meeting/pages/themes',
  'src/features/report/pages/blocked',
  'src/features/report/pages/report',
  'src/features/returns/pages/actions',
  'src/features/returns/pages/check',
  'src/features/returns/pages/conflict',
  'src/features/returns/pages/list',
  'src/features/returns/pages/overall',
  'src/features/returns/pages/reopen',
  'src/features/returns/pages/review',
  'src/features/returns/pages/section',
  'src/features/returns/pages/task-list',
  'src/features/templates/pages/audit-tools',
  'src/features/templates/pages/edit',
  'src/features/templates/pages/list',
  'src/features/templates/pages/show',
];
const STILL_CIRCLES = [['features/exchange/exchange-import.ts', 'features/exchange/exchange-writer.ts']];
const STILL_LONG_LINES: string[] = [
  'src/cli/commands/exchange.ts',
  'src/cli/commands/export-briefing.ts',
  'src/cli/commands/export-report.ts',
  'src/cli/commands/templates.ts',
  'src/domain/redaction-guard.ts',
  'src/domain/theme-suggester.ts',
  'src/features/actions/action-service.ts',
  'src/features/actions/routes.ts',
  'src/features/audits/audit-api.ts',
  'src/features/audits/audit-facts.ts',
  'src/features/audits/audit-list-repository.ts',
  'src/features/audits/plan-routes.ts',
  'src/features/audits/theme-repository.ts',
  'src/features/briefings/briefing-api.ts',
  'src/features/briefings/briefing-routes.ts',
  'src/features/briefings/template-routes.ts',
  'src/features/cases/candidate-file.ts',
  'src/features/cases/case-api.ts',
  'src/features/cases/case-routes.ts',
  'src/features/cases/case-view-model.ts',
  'src/features/cases/child-routes.ts',
  'src/features/cases/identity-repository.ts',
  'src/features/cases/identity-routes.ts',
  'src/features/cases/import-routes.ts',
  'src/features/cases/member-routes.ts',
  'src/features/cases/preview-view-model.ts',
  'src/features/cases/selection-routes.ts',
  'src/features/chronology/chronology-api.ts',
  'src/features/chronology/chronology-repository.ts',
  'src/features/chronology/entry-routes.ts',
  'src/features/chronology/timeline-svg.ts',
  'src/features/exchange/exchange-api.ts',
  'src/features/exchange/exchange-export.ts',
  'src/features/exchange/exchange-import.ts',
  'src/features/exchange/exchange-references.ts',
  'src/features/exchange/exchange-schema.ts',
  'src/features/exchange/routes.ts',
  'src/features/involvement/assignment-service.ts',
  'src/features/involvement/deadline-reminders.ts',
  'src/features/involvement/involvement-api.ts',
  'src/features/involvement/involvement-emails.ts',
  'src/features/meeting/finding-routes.ts',
  'src/features/meeting/meeting-api.ts',
  'src/features/meeting/pack-documents.ts',
  'src/features/meeting/recommendation-routes.ts',
  'src/features/meeting/record-routes.ts',
  'src/features/report/report-api.ts',
  'src/features/report/report-chart.ts',
  'src/features/report/report-docx.ts',
  'src/features/report/report-guard.ts',
  'src/features/report/report-model.ts',
  'src/features/report/report-pdf.ts',
  'src/features/report/report-service.ts',
  'src/features/report/report-view.ts',
  'src/features/report/routes.ts',
  'src/features/returns/action-routes.ts',
  'src/features/returns/return-emails.ts',
  'src/features/returns/section-routes.ts',
  'src/features/templates/routes.ts',
];

describe('house rules', () => {
  it('runs SQL only in repositories and src/db/', () => {
    expectOnly(
      violations((file, source) => !isDataLayer(file) && !isDemo(file) && SQL.test(source)),
      STILL_SQL,
    );
  });

  it('imports the database handle only in src/db/, repositories and the composition root', () => {
    expectOnly(
      violations(
        (file, source) => !isDataLayer(file) && !isDemo(file) && !COMPOSITION.has(file) && DATABASE_IMPORT.test(source),
      ),
      STILL_DATABASE_IMPORT,
    );
  });

  it('writes audit-log rows only from services', () => {
    expectOnly(
      violations(
        (file, source) => !isDataLayer(file) && !file.endsWith('-service.ts') && /\bappendAuditLog\(/.test(source),
      ),
      STILL_AUDIT_LOG_OUTSIDE_SERVICES,
    );
  });

  it('gives signed-in controllers a typed user, never `request.user!`', () => {
    expectOnly(
      violations((_file, source) => /request\.user!/.test(source)),
      STILL_USER_ASSERTED,
    );
  });

  it('keeps each page folder whole: controller, schema where it has a form, and view', () => {
    const pageFolders = [
      ...new Set(files.filter((f) => /\/pages\/[^/]+\/view\.njk$/.test(f)).map((f) => path.dirname(f))),
    ];
    const missing = pageFolders.filter((folder) => !files.includes(`${folder}/controller.ts`)).sort();
    expectOnly(missing, STILL_WITHOUT_CONTROLLER);
  });

  it('has no line past the formatter’s width of 120', () => {
    expectOnly(
      violations((_file, source) => source.split('\n').some((line) => line.length > 120)),
      STILL_LONG_LINES,
    );
  });

  it('has no import circles', async () => {
    const graph = await madge(src, {
      fileExtensions: ['ts'],
      tsConfig: path.join(root, 'tsconfig.json'),
      excludeRegExp: [/\.test\.ts$/],
    });
    expect(graph.circular()).toEqual(STILL_CIRCLES);
  });
});

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
const STILL_SQL: string[] = [];
const STILL_DATABASE_IMPORT: string[] = [];
const STILL_AUDIT_LOG_OUTSIDE_SERVICES: string[] = [];
const STILL_USER_ASSERTED: string[] = [];
const STILL_WITHOUT_CONTROLLER: string[] = [];
const STILL_CIRCLES: string[][] = [];
const STILL_LONG_LINES: string[] = [];

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

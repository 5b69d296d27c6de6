import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_TOOL } from '../../src/domain/shipped-templates.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership } from '../support/builders.ts';
import { runMaca } from '../support/cli.ts';

let t: TestApp;
let dir: string;
let partnershipId: string;

const maca = (args: string[]) => runMaca(t.database.connectionString, args);

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership('Template CLI Partnership').create(t.database.db);
  dir = await mkdtemp(join(tmpdir(), 'maca-templates-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await t?.close();
});

const versionsOf = async (name: string) =>
  (
    await t.database.db
      .selectFrom('template_version as v')
      .innerJoin('tool_template as t', 't.id', 'v.template_id')
      .select('v.version_number')
      .where('t.partnership_id', '=', partnershipId)
      .where('t.name', '=', name)
      .orderBy('v.version_number')
      .execute()
  ).map((r) => r.version_number);

describe('maca export-template and import-template', () => {
  it('exports a shipped tool by name, imports an edited copy, and saves a later edit as version 2 on request', async () => {
    const exported = join(dir, 'general.json');
    const out = await maca(['export-template', 'multi-agency CASE audit tool', '--out', exported]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Exported "Multi-agency case audit tool" version 1');
    const tool = JSON.parse(await readFile(exported, 'utf8')) as typeof GENERAL_TOOL;
    expect(tool).toEqual(GENERAL_TOOL);

    const local = { ...tool, name: 'Local neglect tool' };
    const localFile = join(dir, 'local.json');
    await writeFile(localFile, `\uFEFF${JSON.stringify(local)}`); // as Notepad saves it
    const imported = await maca(['import-template', localFile]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported "Local neglect tool" as a new audit tool, version 1');
    expect(await versionsOf('Local neglect tool')).toEqual([1]);
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['template.imported', 'template.exported-by-cli'])
      .orderBy('at')
      .execute();
    expect(log.map((r) => r.action)).toEqual(['template.exported-by-cli', 'template.imported']);

    const again = await maca(['import-template', localFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('An audit tool called "Local neglect tool" already exists');
    expect((await maca(['import-template', localFile, '--new-version'])).stderr).toContain('is the same as version 1');

    await writeFile(localFile, JSON.stringify({ ...local, description: 'Edited for the neglect audit.' }));
    const second = await maca(['import-template', localFile, '--new-version']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Saved "Local neglect tool" version 2');
    expect(await versionsOf('Local neglect tool')).toEqual([1, 2]);

    const id = (
      await t.database.db
        .selectFrom('tool_template')
        .select('id')
        .where('name', '=', 'Local neglect tool')
        .executeTakeFirstOrThrow()
    ).id;
    const first = join(dir, 'local-v1.json');
    expect((await maca(['export-template', id, '--version', '1', '--out', first])).code).toBe(0);
    expect((JSON.parse(await readFile(first, 'utf8')) as { description: string }).description).toBe(
      GENERAL_TOOL.description,
    );
  });

  it('refuses an invalid file naming the JSON path of each problem, exits 1, and imports nothing', async () => {
    const bad = structuredClone(GENERAL_TOOL) as unknown as {
      name: string;
      sections: { questions: { scale?: string }[] }[];
      scales: { values: { value: string }[] }[];
    };
    bad.name = 'Broken tool';
    bad.sections[2]!.questions[1]!.scale = 'five_point';
    bad.scales[0]!.values[1]!.value = 'outstanding';
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(bad));
    const result = await maca(['import-template', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a valid audit tool');
    expect(result.stderr).toContain(
      'sections[2].questions[1].scale: refers to a scale "five_point" the template does not define',
    );
    expect(result.stderr).toContain('scales[0].values[1].value: "outstanding" repeats value 1');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(await versionsOf('Broken tool')).toEqual([]);

    await writeFile(file, '{"format": "maca-audit-tool/1", ');
    expect((await maca(['import-template', file])).stderr).toContain('not valid JSON');
    expect((await maca(['import-template', join(dir, 'missing.json')])).stderr).toContain('there is no such file');
  });

  it('says which tool or version does not exist', async () => {
    const unknown = await maca(['export-template', 'No such tool', '--out', join(dir, 'x.json')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no audit tool called or numbered "No such tool"');
    expect(unknown.stderr).toContain('"Domestic abuse supplement"');
    const version = await maca([
      'export-template',
      'Domestic abuse supplement',
      '--version',
      '7',
      '--out',
      join(dir, 'x.json'),
    ]);
    expect(version.code).toBe(1);
    expect(version.stderr).toContain('has no version 7. Its versions: 1.');
  });
});

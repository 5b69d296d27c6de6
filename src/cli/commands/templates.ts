import { readFile, writeFile } from 'node:fs/promises';
import { isUuid } from '../../features/audits/audit-access.ts';
import type { TemplateService } from '../../features/templates/template-service.ts';
import { CLI_ACTOR, CliError } from './users.ts';

/**
 * `maca export-template` and `maca import-template`: the same JSON files as the templates pages'
 * export and import, validated by the same template service, for moving a tool between
 * partnerships or instances, or keeping it under version control.
 */
export type ExportTemplateOptions = { version?: string; out: string; partnership?: string };
export type ImportTemplateOptions = { partnership?: string; newVersion?: boolean };

/** What the commands need: the template service, and the partnership the operator names (or the only one). */
export type TemplatesCli = {
  templates: TemplateService;
  partnershipFor: (name: string | undefined) => Promise<{ id: string; name: string }>;
};

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they must not reach a terminal
const printable = (value: string) => value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

async function templateNamed(templates: TemplateService, partnershipId: string, wanted: string) {
  const all = await templates.list({ partnershipId });
  const found = isUuid(wanted)
    ? all.find((t) => t.id === wanted)
    : all.find((t) => t.name.toLowerCase() === wanted.trim().toLowerCase());
  if (!found) {
    const names = all.map((t) => `"${t.name}"`).join(', ') || 'none';
    throw new CliError(`There is no audit tool called or numbered "${printable(wanted)}". Audit tools: ${names}.`);
  }
  return found;
}

export async function exportTemplateCommand(
  { templates, partnershipFor }: TemplatesCli,
  wanted: string,
  options: ExportTemplateOptions,
): Promise<string> {
  const versionNumber = options.version === undefined ? undefined : Number(options.version);
  if (versionNumber !== undefined && !(Number.isInteger(versionNumber) && versionNumber > 0))
    throw new CliError(`--version must be a whole number of 1 or more, not "${printable(options.version ?? '')}".`);
  const partnership = await partnershipFor(options.partnership);
  const template = await templateNamed(templates, partnership.id, wanted);
  const shown = await templates.show({ partnershipId: partnership.id }, template.id, versionNumber);
  if (!shown) {
    const versions =
      (await templates.show({ partnershipId: partnership.id }, template.id))?.versions
        .map((v) => v.versionNumber)
        .sort((a, b) => a - b) ?? [];
    throw new CliError(`"${template.name}" has no version ${versionNumber}. Its versions: ${versions.join(', ')}.`);
  }
  try {
    await writeFile(options.out, `${JSON.stringify(shown.version.content, null, 2)}\n`, 'utf8');
  } catch (error) {
    throw new CliError(
      `Could not write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  await templates.recordExport(
    { ...CLI_ACTOR, partnershipId: partnership.id },
    template.id,
    shown.version.versionNumber,
  );
  return `Exported "${template.name}" version ${shown.version.versionNumber} to ${options.out}.\n`;
}

export async function importTemplateCommand(
  { templates, partnershipFor }: TemplatesCli,
  file: string,
  options: ImportTemplateOptions,
): Promise<string> {
  let text: string;
  try {
    // Editors on Windows may start the file with a byte-order mark, which JSON.parse refuses.
    text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'there is no such file' : (code ?? (error as Error).message);
    throw new CliError(`Could not read ${file}: ${reason}.`);
  }
  const partnership = await partnershipFor(options.partnership);
  const author = { partnershipId: partnership.id, id: null };
  const actor = { ...CLI_ACTOR, partnershipId: partnership.id };
  const imported = await templates.importTemplate(author, text, actor);
  if (imported.ok) {
    const name = (JSON.parse(text) as { name: string }).name;
    return `Imported "${printable(name)}" as a new audit tool, version 1 (${imported.value.id}).\n`;
  }
  const problem = imported.problem;
  if (problem.kind === 'invalid')
    throw new CliError(
      `${file} is not a valid audit tool:\n${problem.problems.map((p) => `  ${printable(p)}`).join('\n')}`,
    );
  if (problem.kind !== 'name-taken') throw new CliError(`${file} could not be imported (${problem.kind}).`);
  const name = (JSON.parse(text) as { name: string }).name;
  if (!options.newVersion)
    throw new CliError(
      `An audit tool called "${printable(name)}" already exists. ` +
        'Change "name" in the file to import it as a new tool, ' +
        'or add --new-version to save it as that tool’s next version.',
    );
  const existing = await templateNamed(templates, partnership.id, name);
  const saved = await templates.saveNewVersion(author, existing.id, text, existing.latestVersion, actor);
  if (saved.ok)
    return (
      `Saved "${printable(existing.name)}" version ${saved.value.versionNumber}. ` +
      'Audits already using an earlier version keep it.\n'
    );
  if (saved.problem.kind === 'unchanged')
    throw new CliError(
      `${file} is the same as version ${existing.latestVersion} of "${printable(existing.name)}": nothing to save.`,
    );
  if (saved.problem.kind === 'stale')
    throw new CliError(
      `Someone saved version ${saved.problem.latest} of "${printable(existing.name)}" at the same time: ` +
        'run the command again.',
    );
  throw new CliError(`${file} could not be imported (${saved.problem.kind}).`);
}

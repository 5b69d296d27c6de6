import fs from 'node:fs';
import { can } from '../../domain/authorisation.ts';
import type { ExchangeService } from '../../features/exchange/exchange-service.ts';
import { parseAgencyMapping } from '../../features/exchange/exchange-agencies.ts';
import type { ImportResult } from '../../features/exchange/exchange-import-types.ts';
import { ExchangeNotWritable, IdentifyingDetailsInExport } from '../../features/exchange/exchange-screen.ts';
import { REDACTION_KIND_LABELS } from '../../domain/redaction-guard.ts';
import type { CurrentUser } from '../../web/request-context.ts';
import { CLI_ACTOR, CliError } from './users.ts';

/**
 * `maca export-audit <audit> --format json --out <file> [--with-identities --user <email>]` and
 * `maca import-audit <file> [--map-agency "A=B" ...] [--create-missing-agencies] [--as-copy]`:
 * the audit exchange file from the command line. Progress goes to stderr, the outcome to stdout;
 * anything refused ends with one clear message and exit code 1 (CliError).
 */
export type Io = { out: (text: string) => void; err: (text: string) => void };
export type ExportAuditOptions = {
  format?: string;
  out?: string;
  withIdentities?: boolean;
  user?: string;
  partnership?: string;
};
export type ImportAuditOptions = {
  mapAgency?: string[];
  createMissingAgencies?: boolean;
  asCopy?: boolean;
  user?: string;
  partnership?: string;
};
/** What the commands need: the exchange service, and the operator's person and partnership. */
export type ExchangeCli = {
  exchange: ExchangeService;
  personByEmail: (email: string) => Promise<CurrentUser | undefined>;
  partnershipFor: (name: string | undefined) => Promise<{ id: string; name: string }>;
};

const printable = (value: string) => value.replace(/\p{Cc}/gu, ' ');

async function cliUser(cli: ExchangeCli, email: string | undefined): Promise<CurrentUser | undefined> {
  if (!email) return undefined;
  const user = await cli.personByEmail(email);
  if (!user || !user.active) throw new CliError(`There is no active person with the e-mail address ${email}.`);
  if (!can(user, 'exchange:manage'))
    throw new CliError(`${email} may not export or import audits: only coordinators and administrators may.`);
  return user;
}

/** The audit by id, or by reference (in one partnership when --partnership says which). */
export async function findAudit(
  exchange: ExchangeService,
  wanted: string,
  partnership?: string,
): Promise<{ id: string; partnershipId: string; reference: string }> {
  let rows = await exchange.auditsNamed(wanted);
  if (partnership)
    rows = rows.filter((r) => r.name.toLowerCase() === partnership.toLowerCase() || r.partnership_id === partnership);
  const [first] = rows;
  if (!first)
    throw new CliError(
      `There is no audit with the id or reference "${printable(wanted)}"` +
        `${partnership ? ` in ${printable(partnership)}` : ''}.`,
    );
  if (rows.length > 1)
    throw new CliError(
      `"${printable(wanted)}" is the reference of audits in ${rows.length} partnerships: name one with --partnership.`,
    );
  return { id: first.id, partnershipId: first.partnership_id, reference: first.reference };
}

export async function exportAuditCommand(
  cli: ExchangeCli,
  auditRef: string,
  options: ExportAuditOptions,
  io: Io,
): Promise<void> {
  const format = (options.format ?? 'json').toLowerCase();
  if (format !== 'json')
    throw new CliError(
      `--format ${printable(format)} is not one this command writes: use --format json (the audit exchange file), ` +
        'or --report with docx, pdf, html or xlsx.',
    );
  const user = await cliUser(cli, options.user);
  if (options.withIdentities && !user)
    throw new CliError(
      '--with-identities needs --user <e-mail> of a person who may see identifying details (a coordinator).',
    );
  const audit = await findAudit(cli.exchange, auditRef, options.partnership);
  if (user && user.partnershipId !== audit.partnershipId)
    throw new CliError(`${options.user} is not in the partnership of audit ${audit.reference}.`);
  const started = performance.now();
  const document = await cli.exchange
    .exportAsOperator(audit, {
      user,
      withIdentities: !!options.withIdentities,
      actor: { ...CLI_ACTOR, userId: user?.id ?? null, partnershipId: audit.partnershipId },
      onAllowed: () => io.err(`Exporting audit ${printable(audit.reference)}...\n`),
    })
    .catch((error: unknown) => {
      if (error instanceof ExchangeNotWritable)
        throw new CliError(
          `Nothing written: the audit holds values the exchange file cannot carry. Correct them, then export again:\n` +
            error.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n'),
        );
      if (!(error instanceof IdentifyingDetailsInExport)) throw error;
      // Where and what kind, never the words found: a terminal's scrollback is not a safe place.
      const lines = error.hits.map((h) => `  ${h.pointer}: ${REDACTION_KIND_LABELS[h.hit.kind]}, in ${h.where}`);
      throw new CliError(
        `Nothing written: the file without identifying details would still hold ${error.hits.length} possible ` +
          `identifying detail${error.hits.length === 1 ? '' : 's'}. Correct these records, then export again:\n` +
          lines.join('\n'),
      );
    });
  if (!document) throw new CliError(`${options.user} may not see identifying details, so cannot export them.`);
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const entries = document.cases.reduce((n, c) => n + c.chronology.length, 0);
  const toFile = !!options.out && options.out !== '-';
  if (!options.out || !toFile) io.out(text);
  else fs.writeFileSync(options.out, text, { mode: options.withIdentities ? 0o600 : 0o644 });
  io.err(
    `Exported ${document.cases.length} cases, ${document.agencies.length} agencies, ${entries} chronology entries ` +
      `in ${Math.round(performance.now() - started)} ms${toFile ? ` to ${options.out}` : ''}` +
      `${options.withIdentities ? ' (WITH IDENTIFYING DETAILS: handle the file as personal data)' : ''}.\n`,
  );
}

function readDocument(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`Cannot read ${file}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

export async function importAuditCommand(
  cli: ExchangeCli,
  file: string,
  options: ImportAuditOptions,
  io: Io,
): Promise<void> {
  const { mapping, problems } = parseAgencyMapping(options.mapAgency ?? []);
  if (problems.length) throw new CliError(problems.join('\n'));
  const document = readDocument(file);
  const user = await cliUser(cli, options.user);
  const partnership = user
    ? { id: user.partnershipId, name: user.partnershipName }
    : await cli.partnershipFor(options.partnership);
  const mayHoldIdentities = !!user && can(user, 'case:identity', { partnershipId: partnership.id });
  const started = performance.now();
  const result = await cli.exchange.importAsOperator(document, {
    partnershipId: partnership.id,
    actor: { ...CLI_ACTOR, userId: user?.id ?? null, partnershipId: partnership.id },
    mayHoldIdentities,
    agencyMapping: mapping,
    createMissingAgencies: !!options.createMissingAgencies,
    asCopy: !!options.asCopy,
    onProgress: (step) => io.err(`  ${step}\n`),
  });
  if (result.kind !== 'imported') throw new CliError(refusal(result, partnership.name));
  const c = result.counts;
  const ms = Math.round(performance.now() - started);
  io.out(
    [
      `Imported as audit ${result.reference} (${result.auditId}) in ${partnership.name}` +
        `${result.referenceChanged ? ': its reference was taken, so it has a new one' : ''}.`,
      `${c.cases} cases, ${c.children} children, ${c.returns} returns, ${c.chronologyEntries} chronology entries, ` +
        `${c.findings} findings, ${c.recommendations} recommendations, ${c.actions} actions; ` +
        `${c.createdAgencies} agencies and ${c.createdTemplates} audit tools created; ${ms} ms.`,
      ...(result.identitiesDropped
        ? [
            'The file held identifying details; they were not imported ' +
              '(give --user <e-mail> of a coordinator to keep them).',
          ]
        : []),
    ].join('\n') + '\n',
  );
}

function refusal(result: Exclude<ImportResult, { kind: 'imported' }>, partnership: string): string {
  switch (result.kind) {
    case 'invalid':
      return [result.message, ...result.problems.map((p) => `  ${p.path}: ${p.message}`)].join('\n');
    case 'agencies-missing':
      return [
        `Not imported. These agencies in the file are not agencies of ${partnership}:`,
        ...result.missing.map((a) => `  ${a.name} (${a.type})`),
        ...(result.unknownTargets.length
          ? [`The mapping names agencies ${partnership} does not have: ${result.unknownTargets.join(', ')}.`]
          : []),
        `Agencies of ${partnership}: ${result.available.map((a) => a.name).join(', ') || 'none'}.`,
        'Map each with --map-agency "Name in the file=Name here" (repeat it), or add --create-missing-agencies.',
      ].join('\n');
    case 'duplicate':
      return `Not imported. ${result.message.replace('Import it as a copy', 'Add --as-copy')}`;
    case 'leads-missing':
      return `Not imported. ${result.message.replace(
        'Name a person to lead them instead.',
        'Give --user <e-mail> of a coordinator here to lead them.',
      )}`;
    default:
      return result.message;
  }
}

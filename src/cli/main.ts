import { Command } from 'commander';
import pino from 'pino';
import { ConfigError, configDescriptions, loadConfig } from '../config.ts';
import { DataDirInUseError } from '../db/data-dir-lock.ts';
import { startRuntime, type Runtime } from '../runtime.ts';
import { exportReportCommand } from './commands/export-report.ts';
import { exportBriefingCommand } from './commands/export-briefing.ts';
import { listAuditsCommand } from './commands/list-audits.ts';
import { exportTemplateCommand, importTemplateCommand, type TemplatesCli } from './commands/templates.ts';
import { exportAuditCommand, importAuditCommand, type ExchangeCli } from './commands/exchange.ts';
import { CLI_ACTOR, CliError, createUserCommand, userByEmail } from './commands/users.ts';

/**
 * `maca`: operations from the command line, with the service's configuration (the same
 * environment variables). On the embedded database it works whether or not the service is
 * running: it attaches to the running service's PostgreSQL, or starts its own.
 */
const program = new Command();
program
  .name('maca')
  .description(
    'MACA: multi-agency case audits. Configuration comes from the same ' +
      'environment variables as the service (maca help-config).',
  )
  .showHelpAfterError();

async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const runtime = await startRuntime(config, { kind: 'cli', jobs: false, logger: pino({ level: 'silent' }) });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

program
  .command('help-config')
  .description('list the environment variables MACA reads')
  .action(() => {
    for (const [name, text] of Object.entries(configDescriptions)) process.stdout.write(`${name.padEnd(24)} ${text}\n`);
  });

program
  .command('create-user')
  .description(
    'create a person; prints a one-time link to set their password (or reads one from stdin with --password-stdin)',
  )
  .requiredOption('--email <email>', 'their email address')
  .requiredOption('--name <name>', 'their name')
  .requiredOption(
    '--role <role...>',
    'one or more of: administrator, coordinator, audit_lead, auditor, panel_member, action_owner, practitioner',
  )
  .option('--agency <name>', 'their agency (required for audit leads, auditors and action owners)')
  .option('--partnership <name>', 'the partnership, when the instance has several')
  .option('--password-stdin', 'read their password from standard input instead of printing a link')
  .action(
    async (options: {
      email: string;
      name: string;
      role: string[];
      agency?: string;
      partnership?: string;
      passwordStdin?: boolean;
    }) => {
      const password = options.passwordStdin ? await readStdin() : undefined;
      const result = await withRuntime(({ services }) => createUserCommand(services, { ...options, password }));
      process.stdout.write(
        result.link
          ? `Created. Send them this link to set their password (it works once, for 7 days):\n${result.link}\n`
          : 'Created.\n',
      );
    },
  );

program
  .command('create-token')
  .description('create a personal access token for a person (for integrations); prints it once, and only it, on stdout')
  .requiredOption('--user <email>', 'whose token it is: it acts with their permissions')
  .requiredOption('--name <label>', 'what it is for')
  .action(async (options: { user: string; name: string }) => {
    const token = await withRuntime(async ({ services }) => {
      const user = await userByEmail(services, options.user);
      return (
        await services.apiTokens.create(user.id, options.name.slice(0, 100), {
          ...CLI_ACTOR,
          partnershipId: user.partnershipId,
        })
      ).token;
    });
    process.stdout.write(`${token}\n`);
  });

program
  .command('revoke-token')
  .description('revoke a person’s tokens with this name')
  .requiredOption('--user <email>', 'whose token')
  .requiredOption('--name <label>', 'the token’s name')
  .action(async (options: { user: string; name: string }) => {
    const revoked = await withRuntime(async ({ services }) => {
      const user = await userByEmail(services, options.user);
      const tokens = (await services.apiTokens.list(user.id)).filter((t) => t.name === options.name && !t.revokedAt);
      for (const t of tokens)
        await services.apiTokens.revoke(user.id, t.id, {
          ...CLI_ACTOR,
          partnershipId: user.partnershipId,
        });
      return tokens.length;
    });
    if (revoked === 0) throw new CliError(`${options.user} has no active token called "${options.name}".`);
    process.stdout.write(`Revoked ${revoked} token${revoked === 1 ? '' : 's'}.\n`);
  });

program
  .command('list-audits')
  .description('list every audit')
  .option('--json', 'as JSON')
  .option('--partnership <name>', 'one partnership only')
  .option('--status <status>', 'planning, returns_open, discussion, reporting, monitoring or closed')
  .action(async (options: { json?: boolean; partnership?: string; status?: string }) => {
    const code = await withRuntime(({ services }) =>
      listAuditsCommand(services.audits, options, (text) => process.stdout.write(text)),
    );
    process.exitCode = code;
  });

// The template commands see the template service and the operator's partnership look-up.
const templatesCli = ({ services }: Runtime): TemplatesCli => ({
  templates: services.templates,
  partnershipFor: (name) => services.operator.partnershipNamed(name),
});

program
  .command('export-template')
  .description(
    'write an audit tool (its latest version, or --version N) to a JSON file ' +
      'that import-template and the templates page read',
  )
  .argument('<template>', 'the audit tool’s name or id')
  .requiredOption('--out <file>', 'the JSON file to write')
  .option('--version <n>', 'which version (default: the latest)')
  .option('--partnership <name>', 'the partnership, when the instance has several')
  .action(async (template: string, options: { out: string; version?: string; partnership?: string }) => {
    process.stdout.write(
      await withRuntime((runtime) => exportTemplateCommand(templatesCli(runtime), template, options)),
    );
  });

program
  .command('import-template')
  .description('import an audit tool from a JSON file (as exported), checking it first; a problem names its JSON path')
  .argument('<file>', 'the JSON file')
  .option('--new-version', 'if a tool with the same name exists, save the file as its next version')
  .option('--partnership <name>', 'the partnership, when the instance has several')
  .action(async (file: string, options: { newVersion?: boolean; partnership?: string }) => {
    process.stdout.write(await withRuntime((runtime) => importTemplateCommand(templatesCli(runtime), file, options)));
  });

// The exchange commands see the exchange service, and find the person they act for through auth.
const exchangeCli = ({ services }: Runtime): ExchangeCli => ({
  exchange: services.exchange,
  personByEmail: (email) => services.auth.personByEmail(email),
  partnershipFor: (name) => services.operator.partnershipNamed(name),
});
const stdio = { out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text) };
const collect = (value: string, previous: string[] = []) => [...previous, value];

program
  .command('export-audit')
  .description(
    'write an audit to a file: the audit exchange file (JSON; ' +
      'docs/exchange), with --report the report to the subgroup, or with ' +
      '--briefing a practitioner briefing',
  )
  .argument('<audit>', 'the audit, by id or reference')
  .option(
    '--format <format>',
    'json: the audit exchange file; with --report: docx, pdf, html or ' +
      'xlsx; with --briefing: docx (the default), pdf or html',
    'json',
  )
  .option('--out <file>', 'where to write it (the exchange file goes to standard output when not given)')
  .option('--report', 'the report to the subgroup')
  .option(
    '--briefing <template>',
    "the audit's briefing from this template (name, shipped key or kind): docx, pdf or html",
  )
  .option('--with-identities', 'exchange file: include identifying details (needs --user of someone who may see them)')
  .option('--user <email>', 'the coordinator or administrator the export is made by (recorded in the audit log)')
  .option('--partnership <name>', 'the partnership, when audits in several share the reference')
  .action(
    async (
      audit: string,
      options: {
        format: string;
        out?: string;
        report?: boolean;
        briefing?: string;
        withIdentities?: boolean;
        user?: string;
        partnership?: string;
      },
    ) => {
      if (options.report && options.briefing !== undefined)
        throw new CliError('Give either --report or --briefing, not both: each writes one document.');
      if (options.briefing !== undefined) {
        if (!options.out) throw new CliError('Give the file to write the briefing to with --out.');
        const written = await withRuntime(({ services }) =>
          exportBriefingCommand(services, audit, {
            template: options.briefing!,
            format: options.format === 'json' ? 'docx' : options.format,
            out: options.out!,
          }),
        );
        process.stdout.write(
          `Wrote ${written.path} (${written.published ? 'published' : 'draft'} version ` +
            `${written.version}, ${written.bytes} bytes).\n`,
        );
        return;
      }
      if (options.report) {
        if (options.format === 'json')
          throw new CliError(
            'The report is a document: give --format docx, pdf, html or xlsx ' +
              '(--format json, without --report, is the audit exchange file).',
          );
        if (!options.out) throw new CliError('Give the file to write the report to with --out.');
        const written = await withRuntime(({ services }) =>
          exportReportCommand(services.report, audit, {
            format: options.format,
            out: options.out!,
          }),
        );
        process.stdout.write(`Wrote ${written.path} (${written.bytes} bytes).\n`);
        return;
      }
      await withRuntime((runtime) => exportAuditCommand(exchangeCli(runtime), audit, options, stdio));
    },
  );

program
  .command('import-audit')
  .description('import an audit exchange file as a new audit')
  .argument('<file>', 'the exchange file (JSON)')
  .option('--map-agency <mapping>', '"Name in the file=Name here"; repeat for each agency', collect, [])
  .option('--create-missing-agencies', 'create agencies the file names and this partnership lacks')
  .option('--as-copy', 'import even if this file was imported before (a second audit)')
  .option(
    '--user <email>',
    'the coordinator or administrator the import is made by; leads actions ' +
      'whose lead is not here; needed to keep identifying details',
  )
  .option('--partnership <name>', 'the partnership to import into, when the instance has several (without --user)')
  .action(
    async (
      file: string,
      options: {
        mapAgency?: string[];
        createMissingAgencies?: boolean;
        asCopy?: boolean;
        user?: string;
        partnership?: string;
      },
    ) => {
      await withRuntime((runtime) => importAuditCommand(exchangeCli(runtime), file, options, stdio));
    },
  );

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

program.parseAsync(process.argv).catch((error: unknown) => {
  const known = error instanceof CliError || error instanceof ConfigError || error instanceof DataDirInUseError;
  process.stderr.write(
    `${known ? error.message : `maca failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exit(1);
});

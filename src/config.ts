import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every variable is described here and in the README's table.
 * A bad or missing value is reported together with every other problem, before anything starts.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MACA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// or postgresql://' })
    .optional(),
  MACA_DEMO: booleanFlag.optional(),
  MACA_DEMO_PASSWORD: z.string().min(12, { message: 'must be at least 12 characters' }).optional(),
  SESSION_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  MACA_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes, base64 encoded (openssl rand -base64 32)' })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MACA_BASE_URL: z.url({ message: 'must be a full URL such as https://maca.example.org' }).optional(),
  MAIL_TRANSPORT: z.enum(['outbox', 'smtp', 'notify']).default('outbox'),
  MAIL_FROM: z.string().min(3).default('MACA <no-reply@maca.test>'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'must start with smtp:// or smtps://' })
    .optional(),
  NOTIFY_API_KEY: z.string().min(74, { message: 'must be a GOV.UK Notify API key' }).optional(),
  NOTIFY_TEMPLATE_ID: z.uuid({ message: 'must be a GOV.UK Notify template id' }).optional(),
  MACA_JOB_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  MACA_EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  MACA_EVIDENCE_MAX_MB: z.coerce.number({ message: 'must be a number of megabytes' }).int().min(1).max(100).default(10),
});

/**
 * Requirements that depend on other settings. Checked on the raw environment as well, so one
 * message lists every problem even when some values are malformed.
 */
function crossChecks(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  if (production && !env.SESSION_SECRET) problems.push('SESSION_SECRET is required in production');
  if (production && !env.MACA_ENCRYPTION_KEY) problems.push('MACA_ENCRYPTION_KEY is required in production');
  if (production && !env.MACA_BASE_URL) problems.push('MACA_BASE_URL is required in production (links in e-mails)');
  if (env.MAIL_TRANSPORT === 'smtp' && !env.SMTP_URL) problems.push('SMTP_URL is required when MAIL_TRANSPORT is smtp');
  if (env.MAIL_TRANSPORT === 'notify' && (!env.NOTIFY_API_KEY || !env.NOTIFY_TEMPLATE_ID))
    problems.push('NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID are required when MAIL_TRANSPORT is notify');
  if (production && ['true', '1', 'yes'].includes(env.MACA_DEMO ?? '') && !env.MACA_DEMO_PASSWORD)
    problems.push('MACA_DEMO_PASSWORD is required for demo data in production');
  return problems;
}

export type Config = {
  environment: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  embeddedPostgresPort: number;
  demo: boolean;
  demoPassword: string;
  sessionSecret: string;
  encryptionKey: Buffer;
  logLevel: string;
  baseUrl: string;
  mail: {
    transport: 'outbox' | 'smtp' | 'notify';
    from: string;
    smtpUrl: string | undefined;
    notifyApiKey: string | undefined;
    notifyTemplateId: string | undefined;
  };
  jobTickSeconds: number;
  /** The largest evidence file an action's lead may upload, in bytes. */
  evidenceMaxBytes: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`MACA cannot start. Fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Development-only fallbacks, so `npm start` works with no configuration at all. */
const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-not-for-production-use';
const DEVELOPMENT_ENCRYPTION_KEY = Buffer.alloc(32, 7);
const DEFAULT_DEMO_PASSWORD = 'demo-password-2026';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, as shells and container definitions often leave them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`)),
    ...crossChecks(cleaned),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    environment: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.MACA_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    embeddedPostgresPort: e.MACA_EMBEDDED_PG_PORT,
    demo: e.MACA_DEMO ?? !e.DATABASE_URL,
    demoPassword: e.MACA_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    sessionSecret: e.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    encryptionKey: e.MACA_ENCRYPTION_KEY ? Buffer.from(e.MACA_ENCRYPTION_KEY, 'base64') : DEVELOPMENT_ENCRYPTION_KEY,
    logLevel: e.LOG_LEVEL,
    baseUrl: (e.MACA_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    mail: {
      transport: e.MAIL_TRANSPORT,
      from: e.MAIL_FROM,
      smtpUrl: e.SMTP_URL,
      notifyApiKey: e.NOTIFY_API_KEY,
      notifyTemplateId: e.NOTIFY_TEMPLATE_ID,
    },
    jobTickSeconds: e.MACA_JOB_TICK_SECONDS,
    evidenceMaxBytes: e.MACA_EVIDENCE_MAX_MB * 1024 * 1024,
  };
}

/** Documentation of each variable, printed by `maca --help-config` and mirrored in the README. */
export const configDescriptions: Record<string, string> = {
  PORT: 'HTTP port (default 3000).',
  HOST: 'Interface to listen on (default 0.0.0.0).',
  MACA_DATA_DIR: 'Embedded database and files (default ./data).',
  DATABASE_URL: 'Use an external PostgreSQL 15+ instead of the embedded one.',
  MACA_DEMO:
    'Load the demo partnership into an empty database (default: on with the embedded database, off with DATABASE_URL).',
  MACA_DEMO_PASSWORD: 'Password of the demo users (default demo-password-2026).',
  SESSION_SECRET: 'Secret for CSRF tokens, at least 32 characters (required in production).',
  MACA_ENCRYPTION_KEY: 'AES-256 key, base64, for case identifiers and TOTP secrets (required in production).',
  LOG_LEVEL: 'fatal, error, warn, info (default), debug, trace or silent.',
  MACA_BASE_URL: 'Public address used in e-mailed links (required in production).',
  MAIL_TRANSPORT: 'outbox (default: kept for the outbox page), smtp or notify.',
  MAIL_FROM: 'Sender address for SMTP.',
  SMTP_URL: 'smtp://user:pass@host:587 when MAIL_TRANSPORT=smtp.',
  NOTIFY_API_KEY: 'GOV.UK Notify API key when MAIL_TRANSPORT=notify.',
  NOTIFY_TEMPLATE_ID: 'GOV.UK Notify template with ((subject)) and ((body)) placeholders.',
  MACA_JOB_TICK_SECONDS: 'How often scheduled jobs are considered (default 60).',
  MACA_EMBEDDED_PG_PORT: 'Port of the embedded PostgreSQL (default 0: a free port).',
  MACA_EVIDENCE_MAX_MB: 'Largest evidence file on an action, in MB (default 10, at most 100).',
};

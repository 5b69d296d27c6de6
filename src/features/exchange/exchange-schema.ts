import crypto from 'node:crypto';
import fs from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isCodeList, unknownCodeMessage } from './exchange-codes.ts';
import { EXCHANGE_FORMAT, EXCHANGE_SCHEMA_VERSION, type ExchangeDocument } from './exchange-document.ts';

/**
 * The published schema (docs/exchange/audit-exchange-v1.schema.json) compiled once with ajv, and
 * the checks every reader of an exchange file runs first: the format, the version, the schema.
 */
const schemaUrl = new URL('../../../docs/exchange/audit-exchange-v1.schema.json', import.meta.url);
export const exchangeSchema = JSON.parse(fs.readFileSync(schemaUrl, 'utf8')) as Record<string, unknown>;

// verbose: each error carries the value it is about, so a refused code can be quoted back.
const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(exchangeSchema);

export type ExchangeProblem = { path: string; message: string };
export const MAX_PROBLEMS = 20;

/** A coded value's list (from its $defs name), or undefined; set only on the error a person can act on. */
function codeListOf(error: ErrorObject) {
  const match = /^#\/\$defs\/(\w+)\/(enum|anyOf)$/.exec(error.schemaPath);
  return match && isCodeList(match[1]!) ? match[1] : undefined;
}

/** The criteria's two branches (a code, or "other:" and words) say nothing apart from the whole. */
const insideCodeBranch = (error: ErrorObject) => /^#\/\$defs\/\w+\/anyOf\/\d+\//.test(error.schemaPath);

function describe(error: ErrorObject): ExchangeProblem {
  const path = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  const list = codeListOf(error);
  if (list) return { path, message: unknownCodeMessage(list, error.data) };
  if (error.keyword === 'required')
    return { path, message: `must have the property "${String(params.missingProperty)}"` };
  if (error.keyword === 'additionalProperties')
    return { path, message: `has a property this version does not know: "${String(params.additionalProperty)}"` };
  if (error.keyword === 'not' && error.schemaPath === '#/else/not')
    return { path, message: 'has an "identities" block although "containsIdentities" is false' };
  if (error.keyword === 'enum')
    return { path, message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
  return { path, message: error.message ?? 'is not valid' };
}

/** The schema's verdict: nothing when the document is valid, else the first 20 problems, each with its JSON pointer. */
export function schemaProblems(document: unknown): ExchangeProblem[] {
  if (validate(document)) return [];
  const seen = new Set<string>();
  const problems: ExchangeProblem[] = [];
  // oneOf failures repeat each branch's complaint; the branch messages are what a person can act on.
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'oneOf' || error.keyword === 'if' || insideCodeBranch(error)) continue;
    const problem = describe(error);
    const id = `${problem.path} ${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
    if (problems.length === MAX_PROBLEMS) break;
  }
  return problems;
}

export type VersionVerdict = { ok: true } | { ok: false; message: string; newer?: boolean };

/** Format and version first, so a file from a newer MACA is refused with a message that says so. */
export function checkFormatAndVersion(document: unknown): VersionVerdict {
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return { ok: false, message: 'The file is not an audit exchange file: it is not a JSON object.' };
  const d = document as { format?: unknown; schemaVersion?: unknown };
  if (d.format !== EXCHANGE_FORMAT)
    return { ok: false, message: `The file is not an audit exchange file: its "format" is not "${EXCHANGE_FORMAT}".` };
  if (typeof d.schemaVersion !== 'number' || !Number.isInteger(d.schemaVersion) || d.schemaVersion < 1)
    return { ok: false, message: 'The file has no valid "schemaVersion".' };
  if (d.schemaVersion > EXCHANGE_SCHEMA_VERSION) {
    return {
      ok: false,
      newer: true,
      message:
        `The file uses exchange schema version ${d.schemaVersion}, ` +
        `newer than this system reads (version ${EXCHANGE_SCHEMA_VERSION}). ` +
        `Update MACA, or export the audit again from a system that writes version ${EXCHANGE_SCHEMA_VERSION}.`,
    };
  }
  return { ok: true };
}

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * The hash of what the file says about the audit: not when or from where it was exported, so an
 * unchanged audit exported again is recognised.
 */
export function documentHash(document: ExchangeDocument): string {
  return sha256(canonicalJson({ ...document, exportedAt: undefined, source: undefined }));
}

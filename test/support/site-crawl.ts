/**
 * A crawler of the signed-in site, as one person sees it: starts at `/`, follows every same-site
 * `<a href>` (GET only), and records what is wrong with each answer. It takes a `fetch` that keeps
 * the person's session, so the same crawl runs in-process (`app.inject`) and against the listening
 * service (a browser context's request API). Similar pages are capped per route pattern (ids in the
 * path replaced by `:id`), so a hundred returns cost as much as a few.
 */
import zlib from 'node:zlib';

/** `attachment`: the response is a download (Content-Disposition: attachment), whatever its type. */
export type Fetched = {
  status: number;
  location: string | undefined;
  contentType: string;
  attachment?: boolean;
  body: string;
  bytes: Buffer;
};
export type Fetch = (path: string) => Promise<Fetched>;

/** One case's identifying details, and where they may be shown: that case's identifying-details pages. */
export type CaseIdentityTerms = { caseId: string; terms: string[] };

export type CrawlOptions = {
  /** Pages fetched per route pattern (with its query's keys); further links of that pattern are not followed. */
  perPattern?: number;
  /** A safety stop for one person's crawl. */
  maxPages?: number;
  /** Every demo case's identifying details: none may appear outside that case's identifying-details pages. */
  identities?: CaseIdentityTerms[];
  /** Whether the person may send a form to this path at all (the route's declared rule); forms they may not use should not be shown. */
  formAllowed?: (method: string, path: string) => boolean;
};

export type CrawledPage = {
  path: string;
  finalPath: string;
  pattern: string;
  status: number;
  contentType: string;
  attachment: boolean;
  linkedFrom: string;
};
export type CrawlResult = { pages: CrawledPage[]; problems: string[]; patterns: Map<string, CrawledPage> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORIGIN = 'http://crawl.invalid';
/** Ending the session would end the crawl; sign-in pages are not part of the signed-in site. */
const NOT_FOLLOWED = [/^\/sign-out\b/, /^\/sign-in\b/, /^\/signed-out\b/];
/** Text that means a template or a value did not render. */
const UNRENDERED: [RegExp, string][] = [
  [/\{\{|\{%|%\}|\}\}/, 'template syntax ({{ or {%)'],
  [/\bundefined\b/, '"undefined"'],
  [/\[object Object\]/, '"[object Object]"'],
  [/\bNaN\b/, '"NaN"'],
  [/Invalid Date/, '"Invalid Date"'],
];

/** The route pattern of a path: uuid and number segments as `:id`, with the query's keys (sorted). */
export function routePattern(path: string): string {
  const url = new URL(path, ORIGIN);
  const segments = url.pathname.split('/').map((s) => (UUID.test(s) || /^\d+$/.test(s) ? ':id' : s));
  const keys = [...new Set([...url.searchParams.keys()])].sort();
  return segments.join('/') + (keys.length ? `?${keys.join('&')}` : '');
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Same-site links of a page, as paths with their query (fragments dropped); others are left out. */
export function linksIn(html: string, from: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(/<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const href = decodeEntities((match[1] ?? match[2] ?? '').trim());
    if (!href || href.startsWith('#') || /^(mailto|tel|javascript|data):/i.test(href)) continue;
    const url = new URL(href, new URL(from, ORIGIN));
    if (url.origin !== ORIGIN) continue;
    links.push(url.pathname + url.search);
  }
  return links;
}

/** The forms of a page: method and action (the page itself when it has none). */
export function formsIn(html: string, from: string): { method: string; path: string }[] {
  return [...html.matchAll(/<form\b([^>]*)>/gi)].map((match) => {
    const attributes = match[1] ?? '';
    const method = (/\smethod\s*=\s*"([^"]*)"/i.exec(attributes)?.[1] ?? 'get').toUpperCase();
    const action = decodeEntities(/\saction\s*=\s*"([^"]*)"/i.exec(attributes)?.[1] ?? from);
    const url = new URL(action, new URL(from, ORIGIN));
    return { method, path: url.origin === ORIGIN ? url.pathname : url.href };
  });
}

/** The visible text of a page: no tags, no attributes, no scripts; text areas and code kept out (they show what people typed, or placeholders on purpose). */
function visibleText(html: string): string {
  return decodeEntities(
    html
      .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
      .replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
      .replace(/<(textarea|code)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' '),
  );
}

/** What is wrong with one HTML page, whatever its content. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const h1s = html.match(/<h1[\s>]/gi)?.length ?? 0;
  if (h1s !== 1) problems.push(`has ${h1s} h1 elements, not one`);
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim();
  if (!title) problems.push('has no <title>');
  const text = visibleText(html);
  for (const [pattern, what] of UNRENDERED) {
    const found = pattern.exec(text);
    if (found)
      problems.push(
        `shows ${what}: …${text.slice(Math.max(0, found.index - 60), found.index + 40).replace(/\s+/g, ' ')}…`,
      );
  }
  for (const href of [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1] ?? '')) {
    if (/undefined|null|NaN|\[object/.test(href)) problems.push(`links to "${href}"`);
  }
  return problems;
}

/** Identifying details of any case on a page other than that case's own identifying-details page. */
export function identityLeaks(body: string, path: string, identities: readonly CaseIdentityTerms[]): string[] {
  const ownCase = /\/cases\/([0-9a-f-]{36})\/identifying-details(\/edit)?$/.exec(new URL(path, ORIGIN).pathname)?.[1];
  const allowed = new Set(identities.filter((i) => i.caseId === ownCase).flatMap((i) => i.terms));
  const leaks = new Set<string>();
  for (const identity of identities) {
    for (const term of identity.terms) {
      if (allowed.has(term)) continue;
      if (body.includes(term) || body.includes(escapeHtml(term))) leaks.add(term);
    }
  }
  return [...leaks].map((term) => `shows identifying details ("${term}")`);
}

const isText = (contentType: string) => /^(text\/|application\/(json|xml))/.test(contentType);
const isOfficeFile = (contentType: string) => contentType.startsWith('application/vnd.openxmlformats-officedocument.');

/**
 * The XML parts of a Word or Excel file (a zip), joined: enough to look for a name in a download.
 * Reads the zip's central directory; stored and deflated entries, as Office files use.
 */
export function officeFileText(bytes: Buffer): string {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return '';
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const parts: string[] = [];
  for (let i = 0; i < entries && bytes.readUInt32LE(at) === 0x02014b50; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    if (name.endsWith('.xml')) parts.push((method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts.join('\n');
}

/** One person's crawl from `/`; never throws for what it finds, it lists it in `problems`. */
export async function crawlSite(fetch: Fetch, options: CrawlOptions = {}): Promise<CrawlResult> {
  const perPattern = options.perPattern ?? 3;
  const maxPages = options.maxPages ?? 2000;
  const identities = options.identities ?? [];
  const queue: { path: string; linkedFrom: string }[] = [{ path: '/', linkedFrom: '(start)' }];
  const seen = new Set<string>(['/']);
  const perPatternCount = new Map<string, number>();
  const pages: CrawledPage[] = [];
  const problems: string[] = [];
  const patterns = new Map<string, CrawledPage>();

  while (queue.length > 0 && pages.length < maxPages) {
    const { path, linkedFrom } = queue.shift()!;
    const pattern = routePattern(path);
    let response = await fetch(path);
    let finalPath = path;
    for (let hops = 0; hops < 5 && response.status >= 300 && response.status < 400 && response.location; hops++) {
      const next = new URL(response.location, new URL(finalPath, ORIGIN));
      if (next.origin !== ORIGIN) break;
      finalPath = next.pathname + next.search;
      if (NOT_FOLLOWED.some((skip) => skip.test(finalPath))) break;
      response = await fetch(finalPath);
    }
    const where = `${path}${finalPath !== path ? ` (redirected to ${finalPath})` : ''}, linked from ${linkedFrom}`;
    const page: CrawledPage = {
      path,
      finalPath,
      pattern,
      status: response.status,
      contentType: response.contentType,
      attachment: response.attachment === true,
      linkedFrom,
    };
    pages.push(page);
    if (response.status >= 500) problems.push(`${response.status} at ${where}`);
    else if (response.status === 404 || response.status === 403)
      problems.push(`${response.status} for a link the person is shown: ${where}`);
    else if (response.status >= 300 && response.status < 400)
      problems.push(`${response.status} to ${response.location ?? '(nowhere)'} at ${where}`);
    else if (response.status !== 200) problems.push(`${response.status} at ${where}`);
    if (response.status === 200 && !patterns.has(pattern)) patterns.set(pattern, page);

    const html = response.contentType.startsWith('text/html');
    if (html && response.status < 500)
      for (const problem of htmlProblems(response.body)) problems.push(`${finalPath} ${problem}`);
    const text = isText(response.contentType)
      ? response.body
      : isOfficeFile(response.contentType) && response.status === 200
        ? officeFileText(response.bytes)
        : undefined;
    if (text !== undefined)
      for (const leak of identityLeaks(text, finalPath, identities)) problems.push(`${finalPath} ${leak}`);
    if (!html || response.status !== 200) continue;
    if (options.formAllowed) {
      for (const form of formsIn(response.body, finalPath)) {
        if (!options.formAllowed(form.method, form.path))
          problems.push(`${finalPath} shows a form (${form.method} ${form.path}) the person may not send`);
      }
    }

    for (const link of linksIn(response.body, finalPath)) {
      if (seen.has(link) || NOT_FOLLOWED.some((skip) => skip.test(link))) continue;
      seen.add(link);
      const linkPattern = routePattern(link);
      const count = perPatternCount.get(linkPattern) ?? 0;
      if (count >= perPattern) continue;
      perPatternCount.set(linkPattern, count + 1);
      queue.push({ path: link, linkedFrom: finalPath });
    }
  }
  if (queue.length > 0)
    problems.push(`the crawl stopped at ${maxPages} pages with ${queue.length} links still to follow`);
  return { pages, problems, patterns };
}

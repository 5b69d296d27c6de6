import type { BrowserContext } from 'playwright-core';
import type { Fetch } from '../../support/site-crawl.ts';

export { crawlSite, routePattern, type CrawlResult } from '../../support/site-crawl.ts';

/**
 * The crawl's fetch through a browser context's request API: the same cookies as the context's
 * pages, so it crawls as the person signed in there. Redirects are left to the crawler.
 */
export function contextFetch(context: BrowserContext): Fetch {
  return async (path) => {
    const response = await context.request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    const bytes = await response.body();
    return {
      status: response.status(),
      location: headers.location,
      contentType: headers['content-type'] ?? '',
      attachment: /^\s*attachment/i.test(headers['content-disposition'] ?? ''),
      body: bytes.toString('utf8'),
      bytes,
    };
  };
}

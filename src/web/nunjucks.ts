import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One Nunjucks environment: our views, feature pages, and the GOV.UK and MoJ component macros. */
export function createNunjucks(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [
        path.join(root, 'src/web/views'),
        path.join(root, 'src/features'),
        path.join(root, 'node_modules/govuk-frontend/dist'),
        path.join(root, 'node_modules/@ministryofjustice/frontend'),
      ],
      { noCache: false },
    ),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  const dateTime = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZone: 'Europe/London',
  });
  const date = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
  env.addFilter('dateTime', (value: Date | string | null | undefined) =>
    value ? dateTime.format(new Date(value)) : '',
  );
  env.addFilter('date', (value: Date | string | null | undefined) => (value ? date.format(new Date(value)) : ''));
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2));
  return env;
}

// Builds public/ from Sass and the GOV.UK and MoJ Frontend packages. Skips work that is up to date.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'public');
const source = path.join(root, 'src/web/assets');
fs.mkdirSync(out, { recursive: true });

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
const copy = (from, to) => {
  if (mtime(from) > mtime(path.join(out, to))) fs.copyFileSync(from, path.join(out, to));
};

const css = path.join(out, 'application.css');
const scss = path.join(source, 'application.scss');
const lock = path.join(root, 'package-lock.json');
if (mtime(scss) > mtime(css) || mtime(lock) > mtime(css)) {
  const sass = await import('sass');
  const result = sass.compile(scss, {
    loadPaths: [root],
    style: 'compressed',
    quietDeps: true,
    logger: sass.Logger.silent,
    silenceDeprecations: ['import', 'global-builtin'],
  });
  fs.writeFileSync(css, result.css);
  console.log('Built public/application.css');
}

copy(path.join(source, 'application.js'), 'application.js');
copy(path.join(source, 'autosave.js'), 'autosave.js');
copy(path.join(root, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js'), 'govuk-frontend.min.js');
copy(path.join(root, 'node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js'), 'moj-frontend.min.js');
copy(path.join(source, 'favicon.svg'), 'favicon.svg');

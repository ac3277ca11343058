// The layer rule (STYLE §1), checked on every `npm test`: imports go one way only, and every
// file under src/ belongs to a layer (the top-level files each have their own entry).
//   core        → nothing of ours
//   net, store  → core
//   controller  → core, net, store         (the engine: the only code above net and store)
//   ui          → core (and other ui)
//   locales     → core                      (the string tables of the languages other than English)
//   widget      → core, controller, ui, locales (composition: ties the engine to the elements)
//   parley-chat.ts, page-api.ts → core, controller, ui, widget   (the element and window.Parley;
//                 the element installs the page API)
//   loader.ts   → core at most              (the script tag's tiny loader; it imports the first stage by URL)
//   first-stage.ts → core and the plain ui files below   (the launcher before the widget loads)
// The staff app (demo/dashboard/src) may import src/core, src/ui and src/locales only.
// The plain ui files (the first stage's launcher and the CSS text it shares with the elements)
// travel in the first stage: they import no package (no lit) and nothing of ours but core and each other.
// The store is the only importer of idb-keyval; net the only importer of socket.io-client;
// ui/content the only importer of DOMPurify; @lit/context is for ui (the contexts live in
// ui/context.ts) and the widget that provides them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');
const top = ['core', 'controller', 'ui', 'widget'];
const allowed = {
  core: ['core'],
  net: ['core', 'net'],
  store: ['core', 'store'],
  controller: ['core', 'net', 'store', 'controller'],
  ui: ['core', 'ui'],
  locales: ['core', 'locales'],
  widget: ['core', 'controller', 'ui', 'widget', 'locales'],
  'parley-chat.ts': [...top, 'page-api.ts'],
  'page-api.ts': top,
  'loader.ts': ['core', 'first-stage.ts'],
  'first-stage.ts': ['core', 'ui'],
};
const plain = ['ui/launcher/first-stage.ts', 'ui/launcher/launcher-css.ts', 'ui/host-css.ts'];
const light = (rel) => rel === 'loader.ts' || rel === 'first-stage.ts' || plain.includes(rel);
const packages = {
  'idb-keyval': ['store'],
  'socket.io-client': ['net'],
  dompurify: ['ui/content'],
  '@lit/context': ['ui', 'widget'],
};

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const problems = [];
const importRe =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;
for (const file of files(src)) {
  const rel = relative(src, file);
  const layer = rel.split('/')[0];
  if (!allowed[layer]) {
    problems.push(`${rel}: not in any layer (add it to scripts/check-layers.mjs)`);
    continue;
  }
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(importRe)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (spec.startsWith('.')) {
      const target = relative(src, resolve(dirname(file), spec));
      // A top-level file is its own layer: `page-api.js` → 'page-api.ts'.
      const targetLayer = target.includes('/') ? target.split('/')[0] : target.replace(/\.js$/, '.ts');
      if (!allowed[layer].includes(targetLayer)) {
        problems.push(`${rel}: the ${layer} layer may not import ${target}`);
      } else if (
        light(rel) &&
        !['core', 'first-stage.ts'].includes(targetLayer) &&
        !plain.includes(target.replace(/\.js$/, '.ts'))
      ) {
        problems.push(
          `${rel}: travels in the first stage, so it may import only core, the first stage and plain ui files, not ${target}`,
        );
      }
    } else if (light(rel)) {
      problems.push(`${rel}: travels in the first stage, so it may import no package (${spec})`);
    } else {
      const owners = packages[spec];
      if (owners && !owners.some((o) => rel.startsWith(`${o}/`)))
        problems.push(`${rel}: only ${owners.join(', ')} may import ${spec}`);
    }
  }
}
// The staff app (demo/dashboard/src) builds on the widget's protocol and its message rendering (in
// the staff member's language): of src/ it may import core, ui and locales only (never the
// widget's engine, net or store).
const dashboard = join(root, 'demo', 'dashboard', 'src');
for (const file of files(dashboard)) {
  const rel = relative(root, file);
  for (const match of readFileSync(file, 'utf8').matchAll(importRe)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (!spec.startsWith('.')) continue;
    const target = relative(root, resolve(dirname(file), spec));
    if (target.startsWith('demo/dashboard/src/')) continue;
    if (!/^src\/(core|ui|locales)\//.test(target))
      problems.push(`${rel}: the staff app may import src/core, src/ui and src/locales only, not ${target}`);
  }
}
if (problems.length) {
  console.error(`Layer rule broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('layers: ok');

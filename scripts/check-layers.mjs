// The layer rule (STYLE §1), checked on every `npm test`: imports go one way only.
//   core        → nothing of ours
//   net, store  → core
//   controller  → core, net, store
//   ui          → core (and other ui)
// The top element (src/parley-chat.ts) and the loader compose the layers. The store is the only
// importer of idb-keyval; net the only importer of socket.io-client; ui/content the only
// importer of DOMPurify.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');
const allowed = {
  core: ['core'],
  net: ['core', 'net'],
  store: ['core', 'store'],
  controller: ['core', 'net', 'store', 'controller'],
  ui: ['core', 'ui'],
  // Composition (like src/parley-chat.ts): ties controllers to elements.
  widget: ['core', 'net', 'controller', 'ui', 'widget'],
};
const packages = { 'idb-keyval': ['store'], 'socket.io-client': ['net'], dompurify: ['ui/content'] };

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
  const layer = rel.includes('/') ? rel.split('/')[0] : undefined;
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(importRe)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (spec.startsWith('.')) {
      const target = relative(src, resolve(dirname(file), spec));
      const targetLayer = target.split('/')[0];
      if (layer && allowed[layer] && !allowed[layer].includes(targetLayer)) {
        problems.push(`${rel}: the ${layer} layer may not import ${target}`);
      }
    } else {
      const owners = packages[spec];
      if (owners && !owners.some((o) => rel.startsWith(`${o}/`)))
        problems.push(`${rel}: only ${owners.join(', ')} may import ${spec}`);
    }
  }
}
if (problems.length) {
  console.error(`Layer rule broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('layers: ok');

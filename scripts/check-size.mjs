// The size budgets, checked on the built dist/ by `npm test` (after the build) so that a change
// that makes the widget heavier fails CI; `npm run bench` (bundle-size) reports the same sizes in
// full. The budgets live in bench/suites/bundle-size.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_CHUNKS_BUDGET_GZIP,
  LOADER_BUDGET_GZIP,
  WIDGET_BUDGET_GZIP,
  distFiles,
  sizesOf,
  staticGraph,
} from '../bench/suites/bundle-size.mjs';

const dist = join(import.meta.dirname, '..', 'dist');
const files = distFiles(dist);
const missing = files.slice(0, 2).filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`size: ${missing.join(', ')} missing — run npm run build first`);
  process.exit(1);
}
const gzip = new Map(files.map((f) => [f, sizesOf(readFileSync(f)).gzip]));
const sum = (/** @type {Iterable<string>} */ list) => [...list].reduce((n, f) => n + (gzip.get(f) ?? 0), 0);
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
const checks = [
  ['loader (parley.js)', gzip.get(files[0]) ?? 0, LOADER_BUDGET_GZIP],
  ['before the launcher (parley-chat.js + its static chunks)', sum(staticGraph(files[1])), WIDGET_BUDGET_GZIP],
  ['everything (every chunk)', sum(files), ALL_CHUNKS_BUDGET_GZIP],
];
const over = checks.filter(([, size, budget]) => size > budget);
for (const [name, size, budget] of over)
  console.error(`size: ${name} is ${kb(size)} gzip, over its ${kb(budget)} budget`);
if (over.length > 0) process.exit(1);
console.log(`size: ${checks.map(([name, size, budget]) => `${name} ${kb(size)} of ${kb(budget)}`).join('; ')} (gzip)`);

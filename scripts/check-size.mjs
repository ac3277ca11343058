// The size budgets, checked on the built dist/ by `npm test` (after the build) so that a change
// that makes the widget heavier fails CI; `npm run bench` (bundle-size) reports the same sizes in
// full, beside the goals. The budgets live in bench/suites/bundle-size.mjs (`sizeChecks`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { distFiles, sizeChecks } from '../bench/suites/bundle-size.mjs';

const dist = join(import.meta.dirname, '..', 'dist');
const missing = distFiles(dist)
  .slice(0, 2)
  .filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`size: ${missing.join(', ')} missing — run npm run build first`);
  process.exit(1);
}
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
const checks = sizeChecks(dist);
const over = checks.filter((c) => c.gzip > c.budget);
for (const c of over) console.error(`size: ${c.name} is ${kb(c.gzip)} gzip, over its ${kb(c.budget)} budget`);
if (over.length > 0) process.exit(1);
console.log(`size: ${checks.map((c) => `${c.name} ${kb(c.gzip)} of ${kb(c.budget)}`).join('; ')} (gzip)`);

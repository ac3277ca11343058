import { readFileSync } from 'node:fs';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { gzipSync } from 'node:zlib';
const file = process.argv[2];
const code = readFileSync(file, 'utf8');
const map = new TraceMap(JSON.parse(readFileSync(file + '.map', 'utf8')));
const lines = code.split('\n');
const by = new Map();
for (let l = 0; l < lines.length; l++) {
  const line = lines[l];
  let cur = null, start = 0;
  for (let c = 0; c <= line.length; c++) {
    const src = c < line.length ? (originalPositionFor(map, { line: l + 1, column: c }).source ?? '?') : null;
    if (src !== cur) { if (cur !== null) by.set(cur, (by.get(cur) ?? '') + line.slice(start, c)); cur = src; start = c; }
  }
}
const rows = [...by].map(([s, t]) => [s.replace(/.*\/(src|node_modules)\//, '$1/'), t.length, gzipSync(t).length]).sort((a, b) => b[1] - a[1]);
for (const r of rows.slice(0, +process.argv[3] || 40)) console.log(r[1].toString().padStart(7), r[2].toString().padStart(6), r[0]);
console.log('total', code.length, gzipSync(code).length);

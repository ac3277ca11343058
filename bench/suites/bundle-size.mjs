// Bundle sizes of dist/: raw, gzip (level 9) and brotli (max quality) for the loader, the
// widget entry and every chunk, and the budgets: loader ≤ 2 KB gzip, widget (entry plus the
// chunks it imports statically, i.e. everything needed before the launcher shows) ≤ 38 KB gzip,
// every chunk together ≤ 96 KB gzip. `npm test` checks the same budgets (scripts/check-size.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { kb } from '../lib/format.mjs';

export const LOADER_BUDGET_GZIP = 2 * 1024;
export const WIDGET_BUDGET_GZIP = 38 * 1024;
/** The loader, the widget and every lazy chunk: all one visitor could ever download. */
export const ALL_CHUNKS_BUDGET_GZIP = 96 * 1024;

/** @param {Buffer} code */
export function sizesOf(code) {
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: code.length,
      },
    }).length,
  };
}

/**
 * Relative specifiers a minified ES module imports statically (`import … from "./x.js"`,
 * `import "./x.js"`, `export … from "./x.js"`) and dynamically (`import("./x.js")`).
 * @param {string} source
 */
export function relativeImports(source) {
  const statics = new Set();
  const dynamics = new Set();
  const staticRe = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  const dynamicRe = /(?:^|[^\w$.])import\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;
  for (const m of source.matchAll(staticRe)) statics.add(m[1]);
  for (const m of source.matchAll(dynamicRe)) dynamics.add(m[1]);
  return { statics: [...statics], dynamics: [...dynamics] };
}

/**
 * Files reachable from `entry` through static imports (the entry included).
 * @param {string} entry absolute path
 */
export function staticGraph(entry) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length) {
    const file = /** @type {string} */ (stack.pop());
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const { statics } = relativeImports(readFileSync(file, 'utf8'));
    for (const spec of statics) stack.push(resolve(dirname(file), spec));
  }
  return seen;
}

/** Lists dist files to measure. @param {string} distDir */
export function distFiles(distDir) {
  const files = ['parley.js', 'parley-chat.js'].map((f) => join(distDir, f));
  const chunkDir = join(distDir, 'chunks');
  if (existsSync(chunkDir)) {
    for (const f of readdirSync(chunkDir).sort()) if (f.endsWith('.js')) files.push(join(chunkDir, f));
  }
  return files;
}

export default {
  name: 'bundle-size',
  title: 'Bundle sizes',
  /** @param {import('../run.mjs').BenchContext} ctx */
  async run(ctx) {
    const { distDir } = ctx;
    const loaderPath = join(distDir, 'parley.js');
    const widgetPath = join(distDir, 'parley-chat.js');
    const files = distFiles(distDir).map((path) => {
      const present = existsSync(path);
      return {
        file: relative(distDir, path),
        path,
        present,
        ...(present ? sizesOf(readFileSync(path)) : { raw: null, gzip: null, brotli: null }),
      };
    });

    const sum = (/** @type {typeof files} */ list, /** @type {'raw'|'gzip'|'brotli'} */ k) =>
      list.reduce((n, f) => n + (f[k] ?? 0), 0);
    const graph = staticGraph(widgetPath);
    const initial = files.filter((f) => graph.has(f.path));
    const widgetAll = files.filter((f) => f.path !== loaderPath);
    const loader = files.find((f) => f.path === loaderPath);

    const widgetInitial = {
      raw: sum(initial, 'raw'),
      gzip: sum(initial, 'gzip'),
      brotli: sum(initial, 'brotli'),
      files: initial.map((f) => f.file),
    };
    const widgetTotal = { raw: sum(widgetAll, 'raw'), gzip: sum(widgetAll, 'gzip'), brotli: sum(widgetAll, 'brotli') };
    const loaderPass = loader?.present ? (loader.gzip ?? 0) <= LOADER_BUDGET_GZIP : null;
    const widgetPass = initial.length ? widgetInitial.gzip <= WIDGET_BUDGET_GZIP : null;

    const checks = [
      {
        name: 'loader dist/parley.js gzip',
        target: `≤ ${kb(LOADER_BUDGET_GZIP)}`,
        value: kb(loader?.gzip),
        pass: loaderPass,
      },
      {
        name: 'widget (entry + static chunks) gzip',
        target: `≤ ${kb(WIDGET_BUDGET_GZIP)}`,
        value: initial.length ? kb(widgetInitial.gzip) : '–',
        pass: widgetPass,
      },
    ];
    const notes = [];
    const missing = files.filter((f) => !f.present).map((f) => f.file);
    if (missing.length) notes.push(`missing: ${missing.join(', ')}`);
    notes.push(
      'gzip level 9, brotli quality 11; the widget budget counts parley-chat.js plus the chunks it imports statically.',
    );

    return {
      data: {
        files: files.map(({ file, present, raw, gzip, brotli }) => ({
          file,
          present,
          raw,
          gzip,
          brotli,
          initial: graph.has(join(distDir, file)),
        })),
        loader: loader ? { raw: loader.raw, gzip: loader.gzip, brotli: loader.brotli } : null,
        widgetInitial,
        widgetTotal,
        budgets: { loaderGzip: LOADER_BUDGET_GZIP, widgetGzip: WIDGET_BUDGET_GZIP },
      },
      checks,
      tables: [
        {
          title: `Bundle sizes (${relative(ctx.root, distDir).startsWith('..') ? distDir : `${relative(ctx.root, distDir)}/`})`,
          columns: ['file', 'raw', 'gzip', 'brotli', 'loaded before launcher'],
          rows: [
            ...files.map((f) => [
              f.file,
              kb(f.raw),
              kb(f.gzip),
              kb(f.brotli),
              f.path === loaderPath ? 'yes (loader)' : graph.has(f.path) ? 'yes' : 'lazy',
            ]),
            ['widget, initial (sum)', kb(widgetInitial.raw), kb(widgetInitial.gzip), kb(widgetInitial.brotli), ''],
            ['widget, all chunks (sum)', kb(widgetTotal.raw), kb(widgetTotal.gzip), kb(widgetTotal.brotli), ''],
          ],
          notes,
        },
      ],
    };
  },
};

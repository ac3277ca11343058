// Bundle sizes of dist/: raw, gzip (level 9) and brotli (max quality) for the loader, the
// widget entry and every chunk, and the size budgets `npm test` checks (scripts/check-size.mjs)
// beside the goals of issue 16 ("Launcher first"), all gzip:
//   before the launcher shows: the loader and the first stage it imports        budget = goal 8 KB
//   the widget: parley-chat.js and the chunks it imports statically               budget 40 KB
//   to open and send a text message: all of the above, the panel, socket.io and
//     the string tables (English)                                                 budget 84.5 KB, goal 55 KB
//   every chunk together, with one language's strings (all one visitor could ever download)
//                                                                                 budget 108.5 KB, goal 80 KB
// (Languages, issue 20, cost 2.5 KB to chat — the tables' loader, plurals, the language pick, the
// launcher's names in thirteen languages, the visitor's locale sent to the server — and a
// language's strings 2.2–2.5 KB more. Themes, issue 21, cost 0.6 KB in the widget — the light and
// dark colour tokens, the owner's colour made legible on both schemes (the greeting uses it, so it
// cannot wait for the panel), the reduced-motion and forced-colours rules — and 0.1 KB for the
// notice in the conversation. Issue 22: "delivered" receipts 0.2 KB in the widget; the contact,
// audio and video renderers 0.6 KB and speech's own chunk 0.8 KB on every chunk — that split
// takes 1.6 KB off the way to a first message, as speech loads only for an app that uses it —
// and drafts kept as the visitor types 0.4 KB in the panel's chunk; files in the outbox — saved
// before their message shows, uploaded in turn after a reload — 0.8 KB in the widget, their
// keeper a lazy chunk of 0.8 KB loaded only for a file, and the upload's own chunk 1 KB (shared
// by the composer and the outbox): 1.3 KB to chat.)
// A budget is today's size with a little room, so that a heavier change fails CI; a goal is where
// the issue wants it, reported by `npm run bench`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { kb } from '../lib/format.mjs';

export const WIDGET_BUDGET_GZIP = 40 * 1024;
/** The loader, the widget and every lazy chunk: all one visitor could ever download. */
export const ALL_CHUNKS_BUDGET_GZIP = 108.5 * 1024;

/**
 * The size checks on a built dist/ (gzip bytes): `files` is what each counts.
 * @param {string} distDir
 */
export function sizeChecks(distDir) {
  const files = distFiles(distDir);
  const gzip = new Map(files.filter((f) => existsSync(f)).map((f) => [f, sizesOf(readFileSync(f)).gzip]));
  const [loader, widget] = /** @type {[string, string]} */ (files);
  const chunk = (/** @type {string} */ prefix) =>
    files.find((f) => relative(distDir, f).startsWith(`chunks/${prefix}-`));
  const graphOf = (/** @type {(string | undefined)[]} */ entries) =>
    new Set(entries.flatMap((e) => (e ? [...staticGraph(e)] : [])));
  const before = graphOf([loader, firstStageOf(distDir, loader)]);
  const initial = staticGraph(widget);
  // The string tables: the widget imports `tables` (with English) and one language's chunk at most.
  const langs = files.filter((f) => relative(distDir, f).startsWith('chunks/lang-'));
  const biggestLang = langs.reduce((a, f) => ((gzip.get(f) ?? 0) > (gzip.get(a) ?? 0) ? f : a), langs[0]);
  const toChat = graphOf([...before, ...initial, chunk('chat-body'), chunk('realtime'), chunk('tables')]);
  const everyChunk = new Set(files.filter((f) => !langs.includes(f) || f === biggestLang));
  const KB = 1024;
  return [
    { name: 'before the launcher shows (loader + first stage)', files: before, budget: 8 * KB, goal: 8 * KB },
    { name: 'the widget (parley-chat.js + its static chunks)', files: initial, budget: WIDGET_BUDGET_GZIP },
    { name: 'to open and send a text message', files: toChat, budget: 84.5 * KB, goal: 55 * KB },
    { name: 'every chunk (one language)', files: everyChunk, budget: ALL_CHUNKS_BUDGET_GZIP, goal: 80 * KB },
  ].map((check) => ({ ...check, gzip: [...check.files].reduce((n, f) => n + (gzip.get(f) ?? 0), 0) }));
}

/**
 * The first stage's chunk, as the loader names it (`chunks/first-stage-[hash].js`, written into
 * `parley.js` by the build); undefined when there is none.
 * @param {string} distDir
 * @param {string} loader
 */
export function firstStageOf(distDir, loader) {
  if (!existsSync(loader)) return undefined;
  const name = /["'](chunks\/first-stage-[\w-]+\.js)["']/.exec(readFileSync(loader, 'utf8'))?.[1];
  return name ? join(distDir, name) : undefined;
}

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
    const sized = sizeChecks(distDir);
    const checks = sized.map((c) => ({
      name: `${c.name} gzip`,
      target: `≤ ${kb(c.goal ?? c.budget)}${c.goal && c.goal !== c.budget ? ` (goal; npm test's budget ${kb(c.budget)})` : ''}`,
      value: kb(c.gzip),
      pass: c.gzip <= (c.goal ?? c.budget),
    }));
    const beforeLauncher = sized[0]?.files ?? new Set();
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
        checks: sized.map(({ name, gzip, budget, goal }) => ({ name, gzip, budget, goal: goal ?? null })),
      },
      checks,
      tables: [
        {
          title: `Bundle sizes (${relative(ctx.root, distDir).startsWith('..') ? distDir : `${relative(ctx.root, distDir)}/`})`,
          columns: ['file', 'raw', 'gzip', 'brotli', 'loaded'],
          rows: [
            ...files.map((f) => [
              f.file,
              kb(f.raw),
              kb(f.gzip),
              kb(f.brotli),
              beforeLauncher.has(f.path) ? 'yes (first stage)' : graph.has(f.path) ? 'with the widget' : 'lazy',
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

// Two outputs: the tiny script-tag loader (IIFE, no dependencies) and the widget (ES module).
// Debug logging is behind `__PARLEY_DEV__`, which terser folds to false and drops.
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import MagicString from 'magic-string';

const production = process.env.NODE_ENV !== 'development';

/** Prints raw, gzip and brotli sizes of every emitted chunk. */
function sizeReport() {
  return {
    name: 'parley-size-report',
    writeBundle(options, bundle) {
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const code = Buffer.from(chunk.code);
        const kb = (n) => `${(n / 1024).toFixed(2)} KB`.padStart(10);
        console.log(
          `${`${options.dir ?? ''}/${file}`.padEnd(28)} raw ${kb(code.length)}  gzip ${kb(gzipSync(code, { level: 9 }).length)}  brotli ${kb(brotliCompressSync(code).length)}`,
        );
      }
    },
  };
}

/**
 * engine.io-client ships Node transports as `*.node.js` and maps them to browser files through
 * its package.json "browser" field, which node-resolve skips for packages with "exports".
 * Apply that mapping here so no Node code (ws, xmlhttprequest-ssl) reaches the bundle.
 */
function engineIoBrowser() {
  return {
    name: 'parley-engine-io-browser',
    async resolveId(source, importer) {
      if (!importer || !importer.includes('engine.io-client') || !source.endsWith('.node.js')) return null;
      return this.resolve(source.replace(/\.node\.js$/, '.js'), importer, { skipSelf: true });
    },
  };
}

/**
 * Lit records its versions on `window` (litHtmlVersions, litElementVersions,
 * reactiveElementVersions) and shares decorator metadata through `window.litPropertyMetadata`.
 * The widget lives on other people's pages and adds one global at most (`window.Parley`), so the
 * version lists are dropped and the metadata map hangs off a registered symbol instead (symbol
 * keys are not enumerable names on `window`).
 */
function hideLitGlobals() {
  const META = 'globalThis[Symbol.for("parley.litPropertyMetadata")]';
  return {
    name: 'parley-hide-lit-globals',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/](lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/.test(id)) return null;
      const out = code
        .replace(
          /\(\s*[\w$.]+\.(?:litHtmlVersions|litElementVersions|reactiveElementVersions)\s*\?\?=\s*\[\]\s*\)\.push\([^)]*\)/g,
          'void 0',
        )
        .replace(/(?:\b[\w$]+\.)?\blitPropertyMetadata\b/g, META);
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * The widget's CSS is written readable, in lit `css` templates (`*.styles.ts`) and in the plain
 * CSS text files the first stage shares (`*-css.ts`); this squeezes it in the build: comments and the whitespace no
 * CSS needs (around braces, colons, semicolons and commas) go. Our CSS has no strings with spaces
 * in them, and a `${…}` inside a template is left as it is.
 */
function squeezeCss() {
  const squeeze = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .trim();
  const template = /`([^`$]*(?:\$\{[^}]*\}[^`$]*)*)`/g;
  return {
    name: 'parley-squeeze-css',
    transform(code, id) {
      if (!/[\\/]src[\\/]/.test(id)) return null;
      const plain = /-css\.ts$/.test(id);
      if (!plain && !/\.styles\.ts$/.test(id)) return null;
      const out = code.replace(template, (whole, body, offset) => {
        const tagged = code.slice(Math.max(0, offset - 3), offset) === 'css';
        if (!plain && !tagged) return whole;
        return `\`${body
          .split(/(\$\{[^}]*\})/)
          .map((part, i) => (i % 2 ? part : squeeze(part)))
          .join('')}\``;
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * The widget's lit templates are written readable too: a run of whitespace with a line break in it,
 * in the text of an `html` or `svg` template, becomes one space — what the browser would make of
 * it anyway (our templates put no line breaks where `white-space: pre-*` would show them). Works
 * on the JavaScript esbuild made, through the parse tree, so a `${…}` and its own templates are
 * never touched by mistake; the source map follows.
 */
function squeezeTemplates() {
  const visit = (node, found) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'TaggedTemplateExpression' && ['html', 'svg'].includes(node.tag.name))
      found.push(...node.quasi.quasis);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => visit(v, found));
      else if (value && typeof value === 'object') visit(value, found);
    }
  };
  return {
    name: 'parley-squeeze-templates',
    transform(code, id) {
      if (!/[\\/]src[\\/]/.test(id) || !/\bhtml`|\bsvg`/.test(code)) return null;
      const quasis = [];
      visit(this.parse(code), quasis);
      const out = new MagicString(code);
      for (const q of quasis) {
        const raw = code.slice(q.start, q.end);
        const squeezed = raw.replace(/[ \t]*\n\s*/g, ' ');
        if (squeezed !== raw) out.overwrite(q.start, q.end, squeezed);
      }
      return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
    },
  };
}

const plugins = (extra = []) => [
  squeezeCss(),
  hideLitGlobals(),
  engineIoBrowser(),
  resolve({
    browser: true,
    preferBuiltins: false,
    exportConditions: ['browser', production ? 'production' : 'development'],
  }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: false }),
  squeezeTemplates(),
  ...extra,
  production &&
    terser({
      ecma: 2021,
      module: true,
      compress: { passes: 2, global_defs: { __PARLEY_DEV__: false }, pure_getters: true },
      format: { comments: false },
    }),
  sizeReport(),
];

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const banner = `/*! ${pkg.name} ${pkg.version} | MIT */`;

/**
 * Emits module `id` as a chunk of its own named `name` (`options`: more of rollup's `emitFile`
 * options). `onFile` is told the chunk's file name once the bundle is written; with `url`, the
 * module `url.in` gets the chunk's URL wherever it says `url.placeholder`.
 * @param {{ id: string, name: string, options?: object, onFile?: (file: string) => void, url?: { in: string, placeholder: string } }} chunk
 */
function ownChunk({ id, name, options = {}, onFile, url }) {
  let ref = '';
  return {
    name: `parley-chunk-${name}`,
    buildStart() {
      ref = this.emitFile({ type: 'chunk', id, name, ...options });
    },
    transform(code, module) {
      if (!url || !module.endsWith(url.in)) return null;
      return { code: code.replaceAll(url.placeholder, `import.meta.ROLLUP_FILE_URL_${ref}`), map: null };
    },
    generateBundle() {
      onFile?.(this.getFileName(ref));
    },
  };
}

/**
 * The first stage (`src/first-stage.ts`) is a chunk of the widget's build, hashed like the others,
 * which the widget imports too; the loader, built after it, imports it by the name it got here
 * (`__PARLEY_FIRST_STAGE__`), so the two can never come from different builds.
 */
let firstStageFile = '';
const firstStageChunk = () =>
  ownChunk({
    id: 'src/first-stage.ts',
    name: 'first-stage',
    options: { preserveSignature: 'allow-extension' },
    onFile: (file) => (firstStageFile = file),
  });
/** The modules the first stage imports, itself included (statically, transitively). */
let firstStageSet;
function firstStageModules(getModuleInfo) {
  if (firstStageSet) return firstStageSet;
  const entry = resolvePath('src/first-stage.ts');
  const set = new Set();
  const visit = (id) => {
    if (set.has(id)) return;
    set.add(id);
    for (const next of getModuleInfo(id)?.importedIds ?? []) visit(next);
  };
  visit(entry);
  return (firstStageSet = set);
}
/** The panel's chunk, with its URL for its idle preload (`widget/panel-loader.ts`: `__PARLEY_PANEL_URL__`). */
const panelChunk = () =>
  ownChunk({
    id: 'src/widget/chat-body.ts',
    name: 'chat-body',
    // Loaded only after the widget (as its dynamic import is): shared code may stay in the entry.
    options: { implicitlyLoadedAfterOneOf: ['src/parley-chat.ts'] },
    url: { in: 'src/widget/panel-loader.ts', placeholder: '__PARLEY_PANEL_URL__' },
  });
function firstStageName() {
  return {
    name: 'parley-first-stage-name',
    transform(code, id) {
      if (!id.endsWith('src/loader.ts')) return null;
      if (!firstStageFile) this.error('the widget build must run before the loader (it names the first stage)');
      return { code: code.replaceAll('__PARLEY_FIRST_STAGE__', JSON.stringify(firstStageFile)), map: null };
    },
  };
}

export default [
  {
    input: 'src/parley-chat.ts',
    // Shared code stays in the entry (lazy chunks import from it) instead of a second request.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      entryFileNames: 'parley-chat.js',
      // A language's strings (src/locales/<id>.ts): `chunks/lang-<id>-[hash].js`, one per visitor.
      chunkFileNames: (chunk) =>
        /[\\/]src[\\/]locales[\\/][\w-]+\.ts$/.test(chunk.facadeModuleId ?? '') && chunk.name !== 'tables'
          ? 'chunks/lang-[name]-[hash].js'
          : 'chunks/[name]-[hash].js',
      // socket.io in its own chunk; the first stage and everything it imports in one chunk (one request).
      manualChunks: (id, { getModuleInfo }) => {
        if (id.includes('/node_modules/') && /socket\.io|engine\.io/.test(id)) return 'realtime';
        return firstStageModules(getModuleInfo).has(id) ? 'first-stage' : undefined;
      },
      format: 'es',
      sourcemap: true,
      banner,
    },
    plugins: plugins([firstStageChunk(), panelChunk()]),
  },
  {
    // The staff app (demo/dashboard/): served by the reference server at /dashboard/.
    // Its settings preview page's script (preview-page.ts, no imports) beside it.
    input: { app: 'demo/dashboard/src/main.ts', preview: 'demo/dashboard/src/preview-page.ts' },
    output: {
      dir: 'dist/dashboard',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      format: 'es',
      sourcemap: true,
      banner,
    },
    plugins: plugins(),
  },
  {
    input: 'src/loader.ts',
    output: { dir: 'dist', entryFileNames: 'parley.js', format: 'iife', sourcemap: true, banner },
    plugins: plugins([firstStageName()]),
  },
];

// Two outputs: the tiny script-tag loader (IIFE, no dependencies) and the widget (ES module).
// Debug logging is behind `__PARLEY_DEV__`, which terser folds to false and drops.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';

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

const plugins = (extra = []) => [
  hideLitGlobals(),
  engineIoBrowser(),
  resolve({
    browser: true,
    preferBuiltins: false,
    exportConditions: ['browser', production ? 'production' : 'development'],
  }),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', minify: false }),
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

export default [
  {
    input: 'src/loader.ts',
    output: { dir: 'dist', entryFileNames: 'parley.js', format: 'iife', sourcemap: true, banner },
    plugins: plugins(),
  },
  {
    input: 'src/parley-chat.ts',
    // Shared code stays in the entry (lazy chunks import from it) instead of a second request.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      entryFileNames: 'parley-chat.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      manualChunks: (id) =>
        id.includes('/node_modules/') && /socket\.io|engine\.io/.test(id) ? 'realtime' : undefined,
      format: 'es',
      sourcemap: true,
      banner,
    },
    plugins: plugins(),
  },
];

// socket.io-parser's "development" export is its debug build, which imports the CommonJS-only
// `debug` package that the browser cannot load as a module. The test runner resolves with the
// "development" condition (for lit's dev-mode checks), so point that one package at its ESM build.
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const require = createRequire(import.meta.url);

export function esmResolvePlugin() {
  // require.resolve gives build/cjs/index.js; the ESM build sits next to it.
  const parserDir = join(dirname(require.resolve('socket.io-parser')), '..', '..');
  return {
    name: 'parley-esm-resolve',
    resolveImport({ source }) {
      if (source === 'socket.io-parser') {
        return `/${relative(process.cwd(), join(parserDir, 'build/esm/index.js')).split('\\').join('/')}`;
      }
      return undefined;
    },
  };
}

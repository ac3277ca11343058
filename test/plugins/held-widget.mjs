// Serves the built loader under /held-widget/<key>/parley.js and holds back the widget bundle it
// then imports (/held-widget/<key>/parley-chat.js) until a test releases it: the window in which a
// page has only the loader's first stage. Everything else the loader imports (the first stage's
// chunk) and the widget once released are modules that re-export the reference server's own files,
// so everything after the loader (chunks, REST, socket.io) is the real widget from the real server.
// `/held-widget/<key>/silent/` is a chat server that never answers, for the loader's time limit.
import { readFileSync } from 'node:fs';

const PATH = /^\/held-widget\/([\w-]+)\/(parley\.js|parley-chat\.js|chunks\/[\w.-]+\.js|silent\/.*)$/;

export function heldWidgetPlugin() {
  /** key → { server, released: Promise<void>, release() } */
  const held = new Map();
  const reexport = (url) => ({ body: `export * from ${JSON.stringify(url)};\n`, type: 'js' });
  return {
    name: 'parley-held-widget',
    async serve(context) {
      const match = PATH.exec(context.path);
      const entry = match && held.get(match[1]);
      if (!entry) return undefined;
      const file = match[2];
      if (file === 'parley.js') return { body: readFileSync('dist/parley.js', 'utf8'), type: 'js' };
      if (file === 'parley-chat.js') entry.widgetAsked = true;
      else if (!file.startsWith('silent/')) return reexport(`${entry.server}/${file}`);
      // Never held past a test: released by the test, or answered 503 after 60 s. A silent
      // "chat server" (`silent/…`: one that never answers) only ever gets the 503.
      const released = await Promise.race([entry.released, new Promise((r) => setTimeout(r, 60000, false))]);
      if (released === false || file !== 'parley-chat.js') return { body: 'held too long', type: 'txt', status: 503 };
      return reexport(`${entry.server}/parley-chat.js`);
    },
    executeCommand({ command, payload }) {
      if (command === 'hold-widget') {
        let release;
        const released = new Promise((resolve) => (release = () => resolve(true)));
        held.set(payload.key, { server: payload.server, released, release });
        return true;
      }
      // Whether the page has asked for the widget bundle yet.
      if (command === 'held-widget-asked') return Boolean(held.get(payload.key)?.widgetAsked);
      if (command === 'release-widget') {
        const entry = held.get(payload.key);
        held.delete(payload.key);
        entry?.release();
        return true;
      }
      return undefined;
    },
  };
}

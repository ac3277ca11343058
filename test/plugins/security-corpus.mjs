// A @web/test-runner plugin for the XSS corpus suite (test/security/).
//
// - `security-corpus`: reads the shared corpus from disk in Node — the folder named by
//   PARLEY_SECURITY_CORPUS, else ../shared/security next to the repository — and returns
//   `{ dir, xss, urls }`; `xss`/`urls` are null when the folder or a file is missing, so the
//   suite falls back to its own smaller set. The corpus is never copied into the repository.
// - `security-guard`: blocks every request of the test page except to the origins given in
//   `payload.allow` (the test runner itself), and records blocked URLs and JavaScript dialogs.
// - `security-report`: returns and clears what was recorded since the last report.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function readJson(file) {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(data) ? data : null;
  } catch {
    return null;
  }
}

export function securityCorpusPlugin() {
  const guarded = new Map(); // session id → { blocked: string[], dialogs: string[] }

  return {
    name: 'parley-security-corpus',
    async executeCommand({ command, payload, session }) {
      switch (command) {
        case 'security-corpus': {
          const dir = resolve(process.env.PARLEY_SECURITY_CORPUS || join(repo, '..', 'shared', 'security'));
          // PARLEY_SECURITY_LIMIT=n runs the first n entries of each file only (while developing).
          const limit = Number(process.env.PARLEY_SECURITY_LIMIT) || undefined;
          const xss = readJson(join(dir, 'xss-vectors.json'));
          const urls = readJson(join(dir, 'url-vectors.json'));
          return { dir, limit: limit ?? null, xss: xss?.slice(0, limit) ?? null, urls: urls?.slice(0, limit) ?? null };
        }
        case 'security-guard': {
          if (guarded.has(session.id)) return true;
          const record = { blocked: [], dialogs: [] };
          guarded.set(session.id, record);
          const allow = new Set(Array.isArray(payload?.allow) ? payload.allow : []);
          const page = session.browser.getPage(session.id);
          await page.route('**/*', (route) => {
            const url = route.request().url();
            let origin = '';
            try {
              origin = new URL(url).origin;
            } catch {
              /* not a URL: block */
            }
            if (allow.has(origin)) return route.continue();
            record.blocked.push(url.slice(0, 200));
            return route.abort('blockedbyclient');
          });
          page.on('dialog', (dialog) => {
            record.dialogs.push(`${dialog.type()}: ${dialog.message().slice(0, 200)}`);
            dialog.dismiss().catch(() => {});
          });
          return true;
        }
        case 'security-report': {
          const record = guarded.get(session.id) ?? { blocked: [], dialogs: [] };
          const report = { blocked: record.blocked.splice(0), dialogs: record.dialogs.splice(0) };
          return report;
        }
        default:
          return undefined;
      }
    },
  };
}

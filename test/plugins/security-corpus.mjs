// A @web/test-runner plugin for the XSS corpus suite (test/security/).
//
// - `security-corpus`: reads the shared corpus from disk in Node — the folder named by
//   PARLEY_SECURITY_CORPUS, else ../shared/security next to the repository — and returns
//   `{ dir, xss, urls }`; `xss`/`urls` are null when the folder or a file is missing, so the
//   suite falls back to its own smaller set. The corpus is never copied into the repository.
// - `security-guard`: records the JavaScript dialogs (alert, confirm, prompt, beforeunload) the
//   browser opens in the test page and any of its frames, where the engine's driver reports them
//   (Playwright, Puppeteer over BiDi). WebDriver classic has no dialog events: there a dialog still
//   open at `security-report` is found and dismissed (test/helpers/engine.ts, LIMITS.dialogs).
//   Requests to other origins are not blocked here but by the corpus pages' own Content Security
//   Policy (test/security/frame.html, host.html), the same in every engine.
// - `security-report`: returns and clears the dialogs recorded since the last report.
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

/**
 * A dialog WebDriver classic finds open, or none: a trivial script runs unless a user prompt is
 * open, which the driver then dismisses and reports ("unexpected alert open", with its text).
 */
async function openAlert(session) {
  try {
    await session.browser.driver.execute('return 0');
    return null;
  } catch (error) {
    const text = String(error?.message ?? error);
    return /alert|prompt|dialog/i.test(text) ? `dialog: ${text.slice(0, 200)}` : null;
  }
}

export function securityCorpusPlugin() {
  const guarded = new Map(); // session id → { dialogs: string[] }

  return {
    name: 'parley-security-corpus',
    async executeCommand({ command, session }) {
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
          const record = { dialogs: [] };
          guarded.set(session.id, record);
          const type = session.browser.type;
          if (type === 'playwright' || type === 'puppeteer') {
            // Both drivers' pages emit 'dialog' with type(), message() and dismiss().
            session.browser.getPage(session.id).on('dialog', (dialog) => {
              record.dialogs.push(`dialog ${dialog.type()}: ${dialog.message().slice(0, 200)}`);
              dialog.dismiss().catch(() => {});
            });
          }
          return true;
        }
        case 'security-report': {
          const record = guarded.get(session.id) ?? { dialogs: [] };
          const dialogs = record.dialogs.splice(0);
          if (session.browser.type === 'webdriver') {
            const open = await openAlert(session);
            if (open) dialogs.push(open);
          }
          return { dialogs };
        }
        default:
          return undefined;
      }
    },
  };
}

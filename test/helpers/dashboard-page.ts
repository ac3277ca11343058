/**
 * The staff app (demo/dashboard/, at `/dashboard/`) as staff use it: a tab of its own at the
 * reference server's origin, driven through the console-page commands (`console-page.ts`).
 * Playwright's selectors reach into shadow roots; the expressions below walk them by hand.
 */
import { call, openTab, type ConsolePage } from './console-page.js';
import { createApp, server, type TestApp } from './e2e.js';

/**
 * An expression: whether an element matching `selector` in the shadow root of a `host` element
 * (wherever that is) shows `text`, its own shadow root's text included.
 */
export const shows = (host: string, selector: string, text: string) =>
  call(
    (h: string, s: string, t: string) => {
      const all = (root: Document | ShadowRoot): Element[] =>
        [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
      return all(document)
        .filter((el) => el.localName === h)
        .flatMap((el) => [...(el.shadowRoot?.querySelectorAll(s) ?? [])])
        .some((el) => `${el.textContent ?? ''} ${el.shadowRoot?.textContent ?? ''}`.includes(t));
    },
    host,
    selector,
    text,
  );

/** An expression: the value of the reply box in the open conversation. */
export const replyBoxValue = call(
  () =>
    document
      .querySelector('parley-dashboard')
      ?.shadowRoot?.querySelector('pd-conversation')
      ?.shadowRoot?.querySelector('pd-reply-box')
      ?.shadowRoot?.querySelector<HTMLTextAreaElement>('textarea[name="reply"]')?.value ?? null,
);

/**
 * Opens the staff app at `path` (under the server's origin) in a tab of its own. The tabs of a
 * test file share one browser profile: unless `signedIn`, the app starts signed out (a session
 * an earlier test left in its storage is forgotten).
 */
export async function openDashboard(
  serverUrl: string,
  path = '/dashboard/',
  { signedIn = false }: { signedIn?: boolean } = {},
): Promise<ConsolePage> {
  const page = await openTab(`${serverUrl}${path}`);
  if (!signedIn) {
    await page.eval('localStorage.clear()');
    await page.reload();
  }
  return page;
}

/** Fills the sign-in form as a person does and waits until the app is online. */
export async function signInDashboard(
  page: ConsolePage,
  appId: string,
  email: string,
  password: string,
): Promise<void> {
  await page.waitFor(shows('pd-sign-in', 'button[type="submit"]', 'Sign in'), 'the sign-in form');
  await page.fill('pd-sign-in [name="appId"]', appId);
  await page.fill('pd-sign-in [name="email"]', email);
  await page.fill('pd-sign-in [name="password"]', password);
  await page.click('pd-sign-in button[type="submit"]');
  await page.waitFor(shows('parley-dashboard', '[role="status"]', 'Online'), 'the app is online');
}

/** A new app whose visitors go to human agents first (no bot): the signed-in agent gets them. */
export async function appForAgents(): Promise<TestApp> {
  const { url } = await server();
  const app = await createApp();
  await fetch(`${url}/admin/v1/apps/${app.appId}/rules`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey },
    body: JSON.stringify({ conversationRules: { botFirst: false, routing: 'automatic' } }),
  });
  return app;
}

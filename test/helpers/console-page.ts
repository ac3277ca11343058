/**
 * The agent console (demo/agent.html) in a frame, served from this test runner's origin and
 * talking to the reference server: open it, sign in as an agent, read it.
 */
import { server, waitFor } from './e2e.js';
import type { TestApp } from './e2e.js';

export interface ConsolePage {
  frame: HTMLIFrameElement;
  doc: () => Document;
  $: <T extends Element = HTMLElement>(selector: string) => T | null;
  $$: <T extends Element = HTMLElement>(selector: string) => T[];
  text: (selector: string) => string;
}

export async function openConsole(serverUrl: string, appId: string): Promise<ConsolePage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1100px; height: 700px; border: 0';
  frame.src = `/demo/agent.html?${new URLSearchParams({ server: serverUrl, appId })}`;
  const loaded = new Promise<void>((r) => frame.addEventListener('load', () => r(), { once: true }));
  document.body.append(frame);
  await loaded;
  const doc = () => frame.contentDocument!;
  return {
    frame,
    doc,
    $: <T extends Element>(selector: string) => doc().querySelector<T>(selector) as T | null,
    $$: <T extends Element>(selector: string) => [...doc().querySelectorAll<T>(selector)] as T[],
    text: (selector: string) => doc().querySelector(selector)?.textContent ?? '',
  };
}

/** Fills the sign-in form and waits until the console says it is online. */
export async function signInAs(page: ConsolePage, email: string, password: string): Promise<void> {
  const form = await waitFor(
    () => page.$<HTMLFormElement>('#login-form:not([hidden]) , #login-view:not([hidden]) form'),
    'the sign-in form',
  );
  (form.elements.namedItem('email') as HTMLInputElement).value = email;
  (form.elements.namedItem('password') as HTMLInputElement).value = password;
  form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await waitFor(() => page.text('#connection') === 'Online', 'the console is online');
}

/** The demo teammate the console tests sign in as or assign to. */
export const SAM = {
  email: 'sam@team.test',
  userName: 'Sam Support',
  role: 'agent',
  password: 'sam-password',
} as const;

/** Adds Sam to the app (admin API); answers the HTTP status. */
export async function addSam(app: TestApp): Promise<number> {
  const { url } = await server();
  const res = await fetch(`${url}/admin/v1/apps/${app.appId}/teammates`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey },
    body: JSON.stringify(SAM),
  });
  return res.status;
}

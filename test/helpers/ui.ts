/**
 * Helpers for element tests that act like a user: real key presses and mouse clicks through the
 * browser (`@web/test-runner-commands` and test/plugins/input.mjs, which work in every engine's
 * driver — what they cannot do is listed in test/helpers/engine.ts), plus the shared set-up of every UI suite: transitions at
 * 0 ms, lit dev-mode warnings fail the test, mouse and viewport reset afterwards.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, resetMouse, sendMouse } from '@web/test-runner-commands';

/** The default viewport of a test page. */
export const DESKTOP = { width: 800, height: 600 } as const;
export const PHONE = { width: 375, height: 667 } as const;

/** The first match of `selector` inside `host`'s shadow root; fails the test when missing. */
export function shadow<E extends Element = HTMLElement>(host: Element, selector: string): E {
  const found = host.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`<${host.localName}> has no "${selector}" in its shadow root`);
  return found;
}

/** Every match of `selector` inside `host`'s shadow root. */
export function shadowAll<E extends Element = HTMLElement>(host: Element, selector: string): E[] {
  return Array.from(host.shadowRoot?.querySelectorAll<E>(selector) ?? []);
}

/** Clicks the middle of `element` with the real mouse. */
export async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'nearest' });
  const r = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
}

/** Presses one key (or a chord like `Shift+Enter`) on whatever has focus. */
export async function press(key: string): Promise<void> {
  await executeServerCommand('parley-press', { key });
}

/** Types `text` key by key into whatever has focus. */
export async function type(text: string): Promise<void> {
  await executeServerCommand('parley-type', { text });
}

/** Sizes the page's viewport (in WebKit through the window; see test/helpers/engine.ts). */
export async function setViewport(size: { width: number; height: number }): Promise<void> {
  await executeServerCommand('parley-viewport', size);
}

/**
 * A phone-sized window in every engine: an iframe of PHONE's size (375 × 667) whose document loads
 * `modules` (paths from the server root, e.g. '/src/ui/panel/panel.ts') and shows `body` (HTML).
 * Media queries, `100vw`/`100dvh` and `visualViewport` inside are the frame's — what a phone's
 * browser gives the page — whatever the test window's size (MiniBrowser's cannot be narrower than
 * 447 px; test/helpers/engine.ts). The frame's console warnings count as the test's
 * (setUpUiSuite); the frame goes with the test's fixtures. Resolves with the frame's document
 * once its elements have rendered.
 */
export async function phoneFrame(modules: string[], body: string): Promise<Document> {
  const holder = await fixture<HTMLDivElement>(html`<div></div>`);
  const frame = document.createElement('iframe');
  frame.title = 'phone';
  frame.style.cssText = `display: block; border: 0; width: ${PHONE.width}px; height: ${PHONE.height}px`;
  const imports = modules.map((m) => `import ${JSON.stringify(m)};`).join('');
  frame.srcdoc = `<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">
<script>console.warn = (...args) => parent.console.warn(...args);</script>
<script type="module">${imports}</script>
<style>html, body { margin: 0 }</style></head><body>${body}</body></html>`;
  const loaded = oneEvent(frame, 'load');
  holder.append(frame);
  await loaded;
  const doc = frame.contentDocument;
  if (!doc) throw new Error('the phone frame has no document');
  const elements = Array.from(doc.querySelectorAll<Element & { updateComplete?: Promise<unknown> }>('*'));
  await Promise.all(elements.map((e) => e.updateComplete));
  return doc;
}

/** Clicks into `field` and types `text` into it. */
export async function typeInto(field: Element, text: string): Promise<void> {
  await click(field);
  await type(text);
}

/**
 * A `paste` event carrying `data`, as a visitor's paste would. Firefox's ClipboardEvent
 * constructor keeps no files from its init's `clipboardData` (test/helpers/engine.ts); there the
 * event gets `data` as its own `clipboardData`.
 */
export function pasteEvent(data: DataTransfer): ClipboardEvent {
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true });
  if (event.clipboardData?.files.length !== data.files.length)
    Object.defineProperty(event, 'clipboardData', { value: data });
  return event;
}

/** Collects the events named `name` that reach `target` (e.g. `document`). */
export function record<E extends Event = Event>(target: EventTarget, name: string): E[] {
  const seen: E[] = [];
  target.addEventListener(name, (event) => seen.push(event as E));
  return seen;
}

function isLitDevModeNotice(args: unknown[]): boolean {
  return args.some((a) => typeof a === 'string' && a.includes('Lit is in dev mode'));
}

/**
 * Registers the hooks every UI suite uses: transitions at 0 ms; any `console.warn` during a test
 * (lit's dev-mode warnings among them, except its one-time "dev mode" notice) fails the test;
 * the mouse and the viewport are reset afterwards.
 */
export function setUpUiSuite(): void {
  let original: typeof console.warn = console.warn;
  let warnings: string[] = [];

  before(() => {
    document.documentElement.style.setProperty('--parley-transition-duration', '0ms');
  });

  beforeEach(() => {
    warnings = [];
    original = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!isLitDevModeNotice(args)) warnings.push(args.map((a) => String(a)).join(' '));
      original.apply(console, args);
    };
  });

  afterEach(async () => {
    console.warn = original;
    await resetMouse();
    await setViewport(DESKTOP);
    expect(warnings, 'console warnings during the test').to.deep.equal([]);
  });
}

/**
 * The settings preview (`/dashboard/preview.html?appId=…`, framed by the staff app's settings
 * pages): the app's widget (its element and module), shown with the settings the staff app
 * posts (its open page's unsaved changes) — never cached, never saved. Only the staff app's own
 * origin may post, only from the page that framed this one.
 */
interface Previewing extends HTMLElement {
  previewSettings?(raw: Record<string, unknown>): void;
}

const appId = new URLSearchParams(location.search).get('appId') ?? '';
// The element itself, configured by its attributes, and the widget's module at once: no loader,
// no first stage (one way in, so the preview is the widget as soon as it shows at all).
const element = document.createElement('parley-chat');
element.setAttribute('app-id', appId);
element.setAttribute('server', location.origin);
document.body.append(element);
const widgetModule = '/parley-chat.js';
void import(/* @vite-ignore */ widgetModule);

let latest: Record<string, unknown> | undefined;

async function show(): Promise<void> {
  await customElements.whenDefined('parley-chat');
  const widget = document.querySelector<Previewing>('parley-chat');
  if (latest) widget?.previewSettings?.(latest);
}

addEventListener('message', (e: MessageEvent<{ settings?: unknown }>) => {
  if (e.origin !== location.origin || e.source !== parent) return;
  const settings = e.data?.settings;
  if (!settings || typeof settings !== 'object') return;
  latest = settings as Record<string, unknown>;
  void show();
});

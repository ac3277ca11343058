/**
 * The settings preview (`/dashboard/preview.html?appId=…`, framed by the staff app's settings
 * pages): the app's widget installed as a site installs it, shown with the settings the staff app
 * posts (its open page's unsaved changes) — never cached, never saved. Only the staff app's own
 * origin may post, only from the page that framed this one.
 */
interface Previewing extends HTMLElement {
  previewSettings?(raw: Record<string, unknown>): void;
}

const appId = new URLSearchParams(location.search).get('appId') ?? '';
(window as unknown as { parleySettings: unknown }).parleySettings = { appId, server: location.origin };
const loader = document.createElement('script');
loader.src = '/parley.js';
loader.async = true;
document.head.append(loader);
// The widget at once, not when the browser is next idle (a preview is for seeing it): the same
// module the loader imports, so it runs once.
const widget = '/parley-chat.js';
void import(/* @vite-ignore */ widget);

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

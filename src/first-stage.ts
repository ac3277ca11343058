/**
 * The first stage (`dist/chunks/first-stage-[hash].js`): what the loader imports, beside the
 * settings request, to draw the launcher before the widget has loaded. An ES module of the widget's
 * own build, so the widget imports the same code from the same file — the settings reader, the
 * launcher's look and styles — and a visitor downloads it once. No lit here, on purpose.
 */
import { launcherFromAnswer } from './core/launcher.js';
import { launcherLabels } from './core/locale-launcher.js';
import {
  paintFirstStage,
  takeOverFirstStage,
  visitorLocale,
  type FirstStageHandlers,
} from './ui/launcher/first-stage.js';

export { takeOverFirstStage };

export interface FirstStageOptions extends FirstStageHandlers {
  /** The install settings as the page gave them (`widgetSettings`, `labels`, `userLocale` are read). */
  settings: Record<string, unknown>;
  /** The page hid the widget (`displayKommunicateWidget(false)`) before it loaded. */
  hidden(): boolean;
}

/**
 * Draws the launcher into `el` from the settings endpoint's `response` (a copy: the widget reads
 * its own), unless the widget got there first, the page hid it, or the settings say it must not
 * show here. Sets the host's `state` as the widget does: 'pending' with a launcher drawn, 'hidden'
 * when the settings say no. Never throws: a bad answer draws nothing (the widget will say why).
 */
export async function drawFirstStage(el: HTMLElement, response: Response, options: FirstStageOptions): Promise<void> {
  try {
    const body: unknown = await response.json();
    if (customElements.get('parley-chat') || !el.isConnected || options.hidden()) return;
    const look = launcherFromAnswer(body, options.settings.widgetSettings, location.hostname);
    if (!look) return;
    el.setAttribute('state', look === 'hidden' ? 'hidden' : 'pending');
    if (look === 'hidden') return;
    const locale = visitorLocale(options.settings.userLocale);
    el.lang = locale.format;
    el.dir = locale.dir;
    paintFirstStage(el, look, launcherLabels(options.settings.labels, locale.id), options);
  } catch {
    /* not JSON, or no DOM to draw in: the widget decides when it comes */
  }
}

/**
 * The widget's language: picked from what the page asks for (`userLocale`, else `<html lang>`,
 * else the browser's languages — `pickLocale`), its string table loaded, a site's `labels` over it,
 * and the host's `lang` and `dir` set to match: the widget's direction follows its language, not
 * the page's. The widget's bundle holds only the strings of the launcher and the greeting
 * (`enLauncher`, and the launcher's names in every language): the tables are chunks — English
 * (`core/locale.ts`, shared with the panel's chunk) and each other language (`src/locales/`) — so a
 * page view that never opens the chat downloads no strings it cannot show. The panel and the
 * greeting wait for `strings`; a table that fails to load leaves English (said in the console).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { enLauncher, type LauncherStrings } from '../core/locale-front.js';
import { LAUNCHER_NAMES, applyLabels, pickLocale, type Locale } from '../core/locale-launcher.js';
import type { Strings } from '../core/locale.js';

const ENGLISH = pickLocale([]);

/** `id`'s whole table (English under any key it lacks), from the tables' chunk. */
const tableOf = async (id: Locale['id']): Promise<Strings> => (await import('../locales/tables.js')).tableOf(id);

export class WidgetLocale implements ReactiveController {
  /** The language shown (English until `set`). */
  value: Locale = ENGLISH;
  /** The launcher's strings: right from the start (its names), the rest once the table is in. */
  front: LauncherStrings = enLauncher;
  /** The language's strings, once its table has loaded (or failed to, then English's). */
  strings?: Strings;
  readonly #host: ReactiveControllerHost & HTMLElement;
  #asked = 0;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#reflect();
  }

  /** Speaks `locale` (`visitorLocale()`: the one asked for, else the page's or browser's) with `labels`. */
  async set(locale: Locale, labels: unknown): Promise<Locale> {
    const turn = ++this.#asked;
    if (!this.strings) {
      // Nothing shown but the launcher yet: its name in the language now, as the first stage drew it.
      const [launcherOpen, launcherClose] = LAUNCHER_NAMES[locale.id];
      this.value = locale;
      this.front = applyLabels({ ...enLauncher, launcherOpen, launcherClose }, labels);
      this.#reflect();
    }
    let table: Strings | undefined;
    try {
      table = await tableOf(locale.id);
    } catch (error) {
      console.error(`[parley] could not load the strings of "${locale.id}"; showing English`, error);
      table = await tableOf('en').catch(() => undefined);
      locale = { ...ENGLISH, tag: locale.tag };
    }
    if (turn !== this.#asked || !table) return this.value;
    this.value = locale;
    this.strings = this.front = applyLabels<Strings>(table, labels);
    this.#reflect();
    return locale;
  }

  #reflect(): void {
    this.#host.lang = this.value.format;
    this.#host.dir = this.value.dir;
    this.#host.requestUpdate();
  }
}

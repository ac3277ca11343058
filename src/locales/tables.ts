/**
 * The widget's string tables, imported by the widget once it knows the visitor's language
 * (`widget/locale.ts`): English (`en`, src/core/locale.ts, which the panel's chunk shares) and each
 * other language, a lazy chunk of its own (`dist/chunks/<id>-[hash].js`): a visitor downloads only
 * their own. The launcher's names in every language travel in the first stage (`LAUNCHER_NAMES`).
 */
import { LAUNCHER_NAMES, type LocaleId } from '../core/locale-launcher.js';
import { en, type LocaleTable, type Strings } from '../core/locale.js';

type Load = () => Promise<{ default: LocaleTable }>;

export const LOCALE_TABLES: Readonly<Record<Exclude<LocaleId, 'en'>, Load>> = {
  ar: () => import('./ar.js'),
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  he: () => import('./he.js'),
  hi: () => import('./hi.js'),
  it: () => import('./it.js'),
  ja: () => import('./ja.js'),
  nl: () => import('./nl.js'),
  'pt-BR': () => import('./pt-BR.js'),
  tr: () => import('./tr.js'),
  'zh-CN': () => import('./zh-CN.js'),
};

/** `id`'s whole table, with the launcher's names (English under any key it lacks). */
export async function tableOf(id: LocaleId): Promise<Strings> {
  if (id === 'en') return en;
  const [launcherOpen, launcherClose] = LAUNCHER_NAMES[id];
  return { ...en, ...(await LOCALE_TABLES[id]()).default, launcherOpen, launcherClose };
}

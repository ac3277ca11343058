/**
 * The widget's languages other than English, a lazy chunk each (`dist/chunks/<id>-[hash].js`): a
 * visitor downloads only their own. English is in the widget's bundle (`en`, src/core/locale.ts);
 * the launcher's names in every language travel in the first stage (`LAUNCHER_NAMES`).
 */
import type { LocaleId } from '../core/locale-launcher.js';
import type { LocaleTable } from '../core/locale.js';

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

/**
 * The widget's languages, how one is picked for a visitor, and the launcher's own names in each:
 * the first stage (`ui/launcher/first-stage.ts`) names the launcher before the widget and its
 * string tables (`locale.ts`, `src/locales/`) have loaded, so these travel in the loader. A site's
 * `labels` override them as they override every string.
 */

import { canonicalLocale } from './language-tag.js';

/** English (in the widget's bundle) and the languages of `src/locales/` (a lazy chunk each). */
export const LOCALES = ['en', 'ar', 'de', 'es', 'fr', 'he', 'hi', 'it', 'ja', 'nl', 'pt-BR', 'tr', 'zh-CN'] as const;
export type LocaleId = (typeof LOCALES)[number];

/** The launcher's name, closed and open, in each language. */
export const LAUNCHER_NAMES: Readonly<Record<LocaleId, readonly [open: string, close: string]>> = {
  en: ['Open chat', 'Close chat'],
  ar: ['فتح المحادثة', 'إغلاق المحادثة'],
  de: ['Chat öffnen', 'Chat schließen'],
  es: ['Abrir chat', 'Cerrar chat'],
  fr: ['Ouvrir le chat', 'Fermer le chat'],
  he: ["פתיחת הצ'אט", "סגירת הצ'אט"],
  hi: ['चैट खोलें', 'चैट बंद करें'],
  it: ['Apri la chat', 'Chiudi la chat'],
  ja: ['チャットを開く', 'チャットを閉じる'],
  nl: ['Chat openen', 'Chat sluiten'],
  'pt-BR': ['Abrir chat', 'Fechar chat'],
  tr: ['Sohbeti aç', 'Sohbeti kapat'],
  'zh-CN': ['打开聊天窗口', '关闭聊天窗口'],
};

/** The language the widget speaks to a visitor. */
export interface Locale {
  /** Its string table. */
  readonly id: LocaleId;
  /** The visitor's own tag (what the staff see): the first well-formed one asked for, else `id`. */
  readonly tag: string;
  /** The tag for dates, numbers and plurals: the asked-for tag that chose `id` ('de-AT'), else `id`. */
  readonly format: string;
  readonly dir: 'ltr' | 'rtl';
}

/** A tag asked for, canonical (`canonicalLocale`; `en_US` taken as `en-US`), or undefined. */
const canonical = (tag: unknown) => canonicalLocale(typeof tag === 'string' ? tag.replace(/_/g, '-') : tag);

/** The table for a tag: the same tag, else its language ('pt' for 'pt-PT'), else a sibling ('pt-BR'). */
function tableOf(tag: string): LocaleId | undefined {
  const lower = tag.toLowerCase();
  const lang = lower.split('-')[0];
  const ids = LOCALES as readonly string[];
  return (ids.find((id) => id.toLowerCase() === lower) ??
    ids.find((id) => id === lang) ??
    ids.find((id) => id.split('-')[0] === lang)) as LocaleId | undefined;
}

/**
 * The visitor's language from the tags asked for, in order (`userLocale`, the page's `<html lang>`,
 * the browser's languages): the first with a table of ours, else English. Bad tags are skipped.
 */
export function pickLocale(asked: readonly unknown[]): Locale {
  const tags = asked.map(canonical).filter((t): t is string => t !== undefined);
  for (const tag of tags) {
    const id = tableOf(tag);
    if (id) return { id, tag: tags[0] ?? id, format: tag, dir: id === 'ar' || id === 'he' ? 'rtl' : 'ltr' };
  }
  return { id: 'en', tag: tags[0] ?? 'en', format: 'en', dir: 'ltr' };
}

/**
 * `table` with a site's `labels` applied: a string under one of the table's keys wins, anything
 * else is ignored. The one rule for labels (`resolveStrings` in `locale.ts` applies it too).
 */
export function applyLabels<T extends Record<string, string>>(table: T, labels: unknown): T {
  const out: Record<string, string> = { ...table };
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return out as T;
  for (const [key, value] of Object.entries(labels)) {
    if (Object.prototype.hasOwnProperty.call(table, key) && typeof value === 'string') out[key] = value;
  }
  return out as T;
}

/** The launcher's names before the widget loads, in `id`'s language: the site's `labels`, else the table's. */
export function launcherLabels(labels: unknown, id: LocaleId = 'en'): { open: string; close: string } {
  const [launcherOpen, launcherClose] = LAUNCHER_NAMES[id];
  const { launcherOpen: open, launcherClose: close } = applyLabels({ launcherOpen, launcherClose }, labels);
  return { open, close };
}

/**
 * The app's settings as the settings pages edit them: a field is named by its path
 * (`chatWidget.primaryColor`, `welcomeMessage.message`, `chatPopupMessage`), its kind and limits
 * come from the one settings table (`src/core/settings-schema.ts`), and a save sends only what
 * changed, shaped as the server merges it (`chatWidget`, `welcomeMessage` and `awayMessage` key by
 * key; any other key whole).
 */
import {
  SETTINGS_OBJECTS,
  TOP_LEVEL_SCHEMA,
  type FieldSpec,
  type ItemsSpec,
} from '../../../src/core/settings-schema.js';

/** The app's settings as the server answers them (`GET /admin/v1/apps/:appId/settings`). */
export type AppSettings = Record<string, unknown>;

/** What changed, by path. */
export type Draft = ReadonlyMap<string, unknown>;

const OBJECTS = SETTINGS_OBJECTS as unknown as Readonly<Record<string, Readonly<Record<string, FieldSpec>>>>;
const TOP = TOP_LEVEL_SCHEMA as unknown as Readonly<Record<string, FieldSpec | ItemsSpec>>;

/** The table's entry for a path, if it names a setting. */
export function specAt(path: string): FieldSpec | ItemsSpec | undefined {
  const [head = '', key] = path.split('.');
  return key === undefined ? TOP[head] : OBJECTS[head]?.[key];
}

/** What a page's fields are: the table's entry for a path. */
export type SpecOf = (path: string) => FieldSpec | ItemsSpec | undefined;

/** The value a path (any depth) names in `values`, or its default. */
export function valueAt(values: AppSettings | undefined, path: string, specOf: SpecOf = specAt): unknown {
  let at: unknown = values;
  for (const part of path.split('.')) at = (at as Record<string, unknown> | undefined)?.[part];
  return at ?? specOf(path)?.default;
}

/** The patch of a draft: each path's value at its place (`a.b.c` → `{a: {b: {c}}}`). */
export function patchOf(draft: Draft): AppSettings {
  const patch: Record<string, unknown> = {};
  for (const [path, value] of draft) {
    const parts = path.split('.');
    const last = parts.pop() ?? '';
    let at = patch;
    for (const part of parts) at = (at[part] ??= {}) as Record<string, unknown>;
    at[last] = value;
  }
  return patch;
}

/** The settings with a draft applied (what the preview shows before saving). */
export function withDraft(settings: AppSettings, draft: Draft): AppSettings {
  const out: Record<string, unknown> = { ...settings };
  for (const [head, value] of Object.entries(patchOf(draft))) {
    out[head] =
      head in OBJECTS ? { ...(settings[head] as Record<string, unknown> | undefined), ...(value as object) } : value;
  }
  return out;
}

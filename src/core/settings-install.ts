/**
 * Install settings: what a site passes to the widget (`window.parleySettings`, `data-*`
 * attributes, properties), checked field by field. Unknown fields are dropped, a wrong-typed
 * optional field is dropped with a warning; only a missing `appId` fails. Nothing throws.
 */
import { parseHttpUrl } from './http-url.js';
import type { Metadata } from './protocol.js';
import { isRecord, parseMetadata } from './wire.js';

/** Deep merge of plain objects (arrays and other values are replaced); `over` wins. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[k] = deepMerge(base[k], v);
  }
  return out;
}

export type InitStatus = 'success' | 'error';

export interface InstallSettings {
  appId: string;
  /** Base URL of the chat server, without a trailing slash ('' = the page's own origin). */
  server: string;
  userId?: string;
  userName?: string;
  email?: string;
  imageLink?: string;
  contactNumber?: string;
  accessToken?: string;
  conversationTitle?: string;
  userLocale?: string;
  popupWidget: boolean;
  automaticChatOpenOnNavigation: boolean;
  /** UI string overrides (locale key → text). */
  labels: Record<string, string>;
  /** Overrides of the server's `chatWidget` settings (checked by `parseSettings`). */
  widgetSettings: Record<string, unknown>;
  metadata: Metadata;
  onInit?: (status: InitStatus, data?: unknown) => void;
}

export type InstallResult = { ok: true; value: InstallSettings; warnings: string[] } | { ok: false; error: string };

/** Accepts JSON text for object settings (as `data-*` attributes give them). */
function objectish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function normalizeServer(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return '';
  const url = parseHttpUrl(trimmed);
  return url && `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Checks what a site passes to the widget (`window.parleySettings`, data attributes, props). */
export function parseInstallSettings(raw: unknown): InstallResult {
  if (!isRecord(raw)) return { ok: false, error: 'install settings: expected an object with an appId' };
  const appId =
    typeof raw.appId === 'string' ? raw.appId.trim() : typeof raw.appId === 'number' ? String(raw.appId) : '';
  if (appId === '') return { ok: false, error: 'install settings: appId is required (invalid application id)' };

  const warnings: string[] = [];
  const value: InstallSettings = {
    appId,
    server: '',
    popupWidget: false,
    automaticChatOpenOnNavigation: false,
    labels: {},
    widgetSettings: {},
    metadata: {},
  };

  if (raw.server !== undefined) {
    const server = normalizeServer(raw.server);
    if (server === undefined) warnings.push('server: expected an http(s) URL; using the page origin');
    else value.server = server;
  }

  const optionalStrings = [
    'userId',
    'userName',
    'email',
    'imageLink',
    'contactNumber',
    'accessToken',
    'conversationTitle',
    'userLocale',
  ] as const;
  for (const name of optionalStrings) {
    const v = raw[name];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'string') value[name] = v;
    else if (typeof v === 'number' && (name === 'userId' || name === 'contactNumber')) value[name] = String(v);
    else warnings.push(`${name}: expected a string; ignored`);
  }

  for (const name of ['popupWidget', 'automaticChatOpenOnNavigation'] as const) {
    const v = raw[name];
    if (v === undefined || v === null) continue;
    if (typeof v === 'boolean') value[name] = v;
    else if (v === 'true' || v === 'false') value[name] = v === 'true';
    else warnings.push(`${name}: expected a boolean; ignored`);
  }

  const labels = objectish(raw.labels);
  if (labels !== undefined && labels !== null) {
    if (isRecord(labels)) {
      for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') value.labels[k] = v;
    } else warnings.push('labels: expected an object; ignored');
  }

  const widgetSettings = objectish(raw.widgetSettings);
  if (widgetSettings !== undefined && widgetSettings !== null) {
    if (isRecord(widgetSettings)) value.widgetSettings = deepMerge({}, widgetSettings) as Record<string, unknown>;
    else warnings.push('widgetSettings: expected an object; ignored');
  }

  const metadata = objectish(raw.metadata);
  if (metadata !== undefined && metadata !== null) {
    if (isRecord(metadata)) value.metadata = parseMetadata(metadata);
    else warnings.push('metadata: expected an object; ignored');
  }

  if (raw.onInit !== undefined && raw.onInit !== null) {
    if (typeof raw.onInit === 'function') value.onInit = raw.onInit as InstallSettings['onInit'];
    else warnings.push('onInit: expected a function; ignored');
  }

  return { ok: true, value, warnings };
}

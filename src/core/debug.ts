/**
 * Debug logging for development builds. The production build defines `__PARLEY_DEV__` as false,
 * so terser drops every call. Errors and warnings that users must see go through `console`
 * directly, never through here.
 */
declare const __PARLEY_DEV__: boolean | undefined;

export const DEV: boolean = typeof __PARLEY_DEV__ === 'undefined' ? true : __PARLEY_DEV__;

export function debug(...args: unknown[]): void {
  if (DEV) console.debug('[parley]', ...args);
}

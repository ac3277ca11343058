/**
 * The widget's configuration in one import: the server's settings read against the settings
 * schema (`settings-parse.ts`) and the page's install settings (`settings-install.ts`).
 */
export { DEFAULT_CHAT_WIDGET } from './settings-schema.js';
export * from './settings-parse.js';
export {
  deepMerge,
  parseInstallSettings,
  type InitStatus,
  type InstallResult,
  type InstallSettings,
} from './settings-install.js';

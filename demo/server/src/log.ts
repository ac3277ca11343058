/** A two-level logger: `error` always prints, `info` only when the level is `info`. */
export const LOG_LEVELS = ['error', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  info(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export function parseLogLevel(value: string | undefined): LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : 'info';
}

export function createLogger(level: LogLevel): Logger {
  return {
    info: (...args) => {
      if (level === 'info') console.log('[parley]', ...args);
    },
    error: (...args) => console.error('[parley]', ...args),
  };
}

/**
 * A two-level logger: `error` always prints, `info` only when the level is `info`.
 *
 * Logs carry no message text, tokens, keys or passwords. Strings are printed as the caller
 * wrote them (so callers log ids and counts, never a body); an `Error` is printed as its name,
 * message, `code` and stack only — never its other properties, because a database error carries
 * the statement's parameters (`params`: message text, keys), its `detail` and `where` quote the
 * offending values, and `console.error(err)` would print them all. Any other value is printed as
 * its type only.
 */
export const LOG_LEVELS = ['error', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  info(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Where formatted lines go: one string per call, with the call's level. */
export type LogSink = (level: LogLevel, line: string) => void;

const consoleSink: LogSink = (level, line) => {
  if (level === 'error') console.error(line);
  else console.log(line);
};

/** How many `cause`s deep an error is described. */
const MAX_CAUSES = 3;
/** An error message longer than this is cut: a message is for the reader, not for data. */
const MAX_MESSAGE = 500;

export function parseLogLevel(value: string | undefined): LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : 'info';
}

/**
 * An error as a log line: `name: message [code]` and its stack frames, then its causes the same
 * way. Nothing else of the error is read.
 */
export function describeError(err: Error, depth = 0): string {
  const code = (err as { code?: unknown }).code;
  const message = err.message.length > MAX_MESSAGE ? `${err.message.slice(0, MAX_MESSAGE)}…` : err.message;
  const codeText = typeof code === 'string' || typeof code === 'number' ? ` [${code}]` : '';
  const head = `${err.name}: ${message}${codeText}`;
  // The stack's first lines repeat name and message; keep only its frames.
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  const cause = (err as { cause?: unknown }).cause;
  const causeText = depth < MAX_CAUSES && cause !== undefined ? `\n  caused by ${describeValue(cause, depth + 1)}` : '';
  return `${head}${frames ? `\n${frames}` : ''}${causeText}`;
}

function describeValue(value: unknown, depth = 0): string {
  if (value instanceof Error) return describeError(value, depth);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return String(value);
  return `[${Array.isArray(value) ? 'array' : typeof value}]`;
}

/** Formats one call's arguments into one line, safe to print (see the module doc). */
export function formatLogLine(args: readonly unknown[]): string {
  return ['[parley]', ...args.map((a) => describeValue(a))].join(' ');
}

export function createLogger(level: LogLevel, sink: LogSink = consoleSink): Logger {
  return {
    info: (...args) => {
      if (level === 'info') sink('info', formatLogLine(args));
    },
    error: (...args) => sink('error', formatLogLine(args)),
  };
}

/**
 * A two-level logger: `error` always prints, `info` only when the level is `info` or `json`.
 * `json` prints every line as one JSON object (`time`, `level`, `msg`, and a request's fields),
 * for log collectors; a stack stays inside its line.
 *
 * Logs carry no message text, tokens, keys or passwords. Strings are printed as the caller
 * wrote them (so callers log ids and counts, never a body); an `Error` is printed as its name,
 * message, `code` and stack only — never its other properties, because a database error carries
 * the statement's parameters (`params`: message text, keys), its `detail` and `where` quote the
 * offending values, and `console.error(err)` would print them all. Any other value is printed as
 * its type only.
 */
export const LOG_LEVELS = ['error', 'info', 'json'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One HTTP request, logged once it has been answered. */
export interface RequestLine {
  method: string;
  /** The matched route's pattern (`POST /rest/ws/message/v2/send`: no ids), else the path. */
  route: string;
  status: number;
  ms: number;
  /** The request's `X-Request-Id` (its own when the client sent a well-formed one). */
  requestId: string;
  /** The documented error code of a refused request. */
  code?: string | undefined;
}

export interface Logger {
  info(...args: unknown[]): void;
  error(...args: unknown[]): void;
  request(line: RequestLine): void;
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
  const wanted = value?.trim().toLowerCase() ?? '';
  return (LOG_LEVELS as readonly string[]).includes(wanted) ? (wanted as LogLevel) : 'info';
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

export function createLogger(level: LogLevel, sink: LogSink = consoleSink, now = () => new Date()): Logger {
  if (level === 'json') {
    const emit = (lineLevel: LogLevel, fields: Record<string, unknown>) =>
      sink(lineLevel, JSON.stringify({ time: now().toISOString(), level: lineLevel, ...fields }));
    const text = (args: readonly unknown[]) => args.map((a) => describeValue(a)).join(' ');
    return {
      info: (...args) => emit('info', { msg: text(args) }),
      error: (...args) => emit('error', { msg: text(args) }),
      request: (line) => emit('info', { msg: 'request', ...line }),
    };
  }
  return {
    info: (...args) => {
      if (level === 'info') sink('info', formatLogLine(args));
    },
    error: (...args) => sink('error', formatLogLine(args)),
    request: ({ method, route, status, ms, requestId, code }) => {
      if (level !== 'info') return;
      const path = route.startsWith(`${method} `) ? route.slice(method.length + 1) : route;
      sink('info', formatLogLine([`${method} ${path} ${status}${code ? ` ${code}` : ''} ${ms}ms ${requestId}`]));
    },
  };
}

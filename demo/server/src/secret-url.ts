/**
 * URLs that carry credentials (`DATABASE_URL`, `REDIS_URL`): whether one has an accepted scheme,
 * and the form fit for a log line (password and query replaced), so no secret reaches a log.
 */

/** Whether `value` parses as a URL whose scheme matches `scheme` (e.g. `/^rediss?:$/`). */
export function hasScheme(value: string, scheme: RegExp): boolean {
  try {
    return scheme.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** `value` with its password (and query, which may hold one) replaced; `fallback` if unparsable. */
export function redactUrl(value: string, fallback: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    url.search = url.search ? '?…' : '';
    return url.toString();
  } catch {
    return fallback;
  }
}

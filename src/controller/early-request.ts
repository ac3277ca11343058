/**
 * The loader's head start: at the page's load event `src/loader.ts` asks for the widget
 * configuration and hands the pending request to `<parley-chat>` as `parleySettingsRequest`.
 * `takeEarlyRequest(element)` takes it (once: a later start, after the element is moved, asks
 * again) and returns the `fetch` for the ChatController that answers that first request with it.
 * The matching itself is `withEarlyRequest` in `net/rest.ts`.
 */
import { withEarlyRequest, type FetchLike } from '../net/rest.js';

/** The property the loader sets on the element. */
const KEY = 'parleySettingsRequest';

export function takeEarlyRequest(element: object): FetchLike | undefined {
  const holder = element as { [KEY]?: unknown };
  const early = holder[KEY];
  delete holder[KEY];
  return withEarlyRequest(early);
}

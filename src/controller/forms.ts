/**
 * Rich-message forms that post JSON (`requestType: "json"`): the widget answers the message's
 * `parley-submit` event with `submitForm(url, data)`. The post itself is `net/submit.ts`; this
 * module is where the composition reaches it, since only the engine (`src/controller/`) talks to
 * `net/` (see scripts/check-layers.mjs). Never throws: a failure is `{ok: false}`.
 */
import { postJson, type SubmitOutcome } from '../net/submit.js';

export type { SubmitOutcome };

/** Posts a rich message's form `data` as JSON to its (already checked, http(s)) `url`. */
export function submitForm(url: string, data: unknown, signal?: AbortSignal): Promise<SubmitOutcome> {
  return postJson(url, data, signal);
}

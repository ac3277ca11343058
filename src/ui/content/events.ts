/**
 * Events of the message content that `src/ui/events.ts` does not have (yet). Same conventions:
 * `parley-*`, bubbling, composed, a typed `detail`.
 */
import type { FormValues } from '../../core/rich.js';

export interface SubmitResult {
  ok: boolean;
  /** Text to show the visitor (for example the server's answer); shown as plain text. */
  message?: string;
}

/**
 * A rich message asks to post form data as JSON (`requestType: "json"`). The UI never fetches:
 * whoever owns the network (the controller) calls `respondWith()` synchronously in its listener
 * with the promise of the result, which the message then shows. Without a responder the message
 * shows that sending failed. `url` is always an absolute http(s) URL.
 */
export class ParleySubmitEvent extends Event {
  static readonly eventName = 'parley-submit';
  readonly detail: { readonly url: string; readonly data: FormValues };
  #response: Promise<SubmitResult> | undefined;
  constructor(detail: { url: string; data: FormValues }) {
    super(ParleySubmitEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
  respondWith(response: Promise<SubmitResult>): void {
    this.#response = response;
  }
  get response(): Promise<SubmitResult> | undefined {
    return this.#response;
  }
}

declare global {
  interface HTMLElementEventMap {
    'parley-submit': ParleySubmitEvent;
  }
}

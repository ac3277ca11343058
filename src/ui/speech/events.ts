/** Events of the voice elements (bubbling, composed, `parley-*`). */
const init: EventInit = { bubbles: true, composed: true };

/** The visitor pressed the mic button: `listening` is the state asked for. */
export class ParleyMicEvent extends Event {
  static readonly eventName = 'parley-mic';
  readonly detail: { readonly listening: boolean };
  constructor(detail: { listening: boolean }) {
    super(ParleyMicEvent.eventName, init);
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'parley-mic': ParleyMicEvent;
  }
}

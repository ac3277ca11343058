/**
 * The events our elements fire: intent reported upwards (props down, events up). Each is a small
 * `Event` subclass with a typed `detail`, bubbling and composed so that it leaves shadow roots and
 * reaches `<parley-chat>`. Names are `parley-*` so they never clash with native events.
 */
import type { Message, Metadata } from '../core/protocol.js';

const init: EventInit = { bubbles: true, composed: true };

/** The visitor asked to open or close the chat (launcher click). */
export class ParleyToggleEvent extends Event {
  static readonly eventName = 'parley-toggle';
  constructor() {
    super(ParleyToggleEvent.eventName, init);
  }
}

/** The visitor asked to close the panel (close button, Escape). */
export class ParleyCloseEvent extends Event {
  static readonly eventName = 'parley-close';
  constructor() {
    super(ParleyCloseEvent.eventName, init);
  }
}

/**
 * The visitor sent a message from the composer. Cancelable: when a listener calls
 * `preventDefault()`, the composer keeps the text.
 */
export class ParleySendEvent extends Event {
  static readonly eventName = 'parley-send';
  readonly detail: { readonly text: string };
  constructor(detail: { text: string }) {
    super(ParleySendEvent.eventName, { ...init, cancelable: true });
    this.detail = detail;
  }
}

/** The composer's text changed (for drafts and the typing indicator). */
export class ParleyInputEvent extends Event {
  static readonly eventName = 'parley-input';
  readonly detail: { readonly value: string };
  constructor(detail: { value: string }) {
    super(ParleyInputEvent.eventName, init);
    this.detail = detail;
  }
}

/** The visitor asked to send a failed message again. */
export class ParleyRetryEvent extends Event {
  static readonly eventName = 'parley-retry';
  readonly detail: { readonly key: string };
  constructor(detail: { key: string }) {
    super(ParleyRetryEvent.eventName, init);
    this.detail = detail;
  }
}

/** The visitor scrolled to the top of the messages held: older history is wanted. */
export class ParleyLoadOlderEvent extends Event {
  static readonly eventName = 'parley-load-older';
  constructor() {
    super(ParleyLoadOlderEvent.eventName, init);
  }
}

/** The visitor asked to delete a failed (never delivered) message. */
export class ParleyDiscardEvent extends Event {
  static readonly eventName = 'parley-discard';
  readonly detail: { readonly key: string };
  constructor(detail: { key: string }) {
    super(ParleyDiscardEvent.eventName, init);
    this.detail = detail;
  }
}

/**
 * The visitor clicked a button inside a message: a reply (suggested reply, button) to send as
 * `message` with `metadata`; or a link button (`url`, its label as `message`), which only opens.
 */
export class ParleyReplyEvent extends Event {
  static readonly eventName = 'parley-reply';
  readonly detail: { readonly message: string; readonly metadata?: Metadata; readonly url?: string };
  constructor(detail: { message: string; metadata?: Metadata; url?: string }) {
    super(ParleyReplyEvent.eventName, init);
    this.detail = detail;
  }
}

/** The visitor clicked the greeting bubble: open the chat. */
export class ParleyGreetingOpenEvent extends Event {
  static readonly eventName = 'parley-greeting-open';
  constructor() {
    super(ParleyGreetingOpenEvent.eventName, init);
  }
}

/** The visitor closed the greeting bubble. */
export class ParleyGreetingDismissEvent extends Event {
  static readonly eventName = 'parley-greeting-dismiss';
  constructor() {
    super(ParleyGreetingDismissEvent.eventName, init);
  }
}

/** The visitor picked a conversation from the list. */
export class ParleyOpenConversationEvent extends Event {
  static readonly eventName = 'parley-open-conversation';
  readonly detail: { readonly groupId: string };
  constructor(detail: { groupId: string }) {
    super(ParleyOpenConversationEvent.eventName, init);
    this.detail = detail;
  }
}

/** The visitor asked for a new conversation (list, resolved banner). */
export class ParleyStartConversationEvent extends Event {
  static readonly eventName = 'parley-start-conversation';
  constructor() {
    super(ParleyStartConversationEvent.eventName, init);
  }
}

/** The visitor asked to reopen the resolved conversation (single-thread mode). */
export class ParleyReopenEvent extends Event {
  static readonly eventName = 'parley-reopen';
  constructor() {
    super(ParleyReopenEvent.eventName, init);
  }
}

/** The visitor submitted a valid lead form: trimmed values of the filled fields, by `field`. */
export class ParleyLeadSubmitEvent extends Event {
  static readonly eventName = 'parley-lead-submit';
  readonly detail: { readonly values: Readonly<Record<string, string>> };
  constructor(detail: { values: Record<string, string> }) {
    super(ParleyLeadSubmitEvent.eventName, init);
    this.detail = detail;
  }
}

/** The visitor rated the conversation: 1/5/10 (faces) or 1..5 (stars), comment trimmed ('' for none). */
export class ParleyCsatSubmitEvent extends Event {
  static readonly eventName = 'parley-csat-submit';
  readonly detail: { readonly rating: number; readonly comment: string };
  constructor(detail: { rating: number; comment: string }) {
    super(ParleyCsatSubmitEvent.eventName, init);
    this.detail = detail;
  }
}

/** The visitor switched reading replies aloud on or off; `on` is the state asked for. */
export class ParleyTtsToggleEvent extends Event {
  static readonly eventName = 'parley-tts-toggle';
  readonly detail: { readonly on: boolean };
  constructor(detail: { on: boolean }) {
    super(ParleyTtsToggleEvent.eventName, init);
    this.detail = detail;
  }
}

/** The visitor asked for the conversation list (header back button). */
export class ParleyShowListEvent extends Event {
  static readonly eventName = 'parley-show-list';
  constructor() {
    super(ParleyShowListEvent.eventName, init);
  }
}

// ---- <parley-chat>'s public events (what `window.Parley.subscribeToEvents()` maps onto) -------
// CustomEvent subclasses: host pages read `event.detail` (`null` for open and close).

/** The visitor opened the chat. */
export class ParleyWidgetOpenEvent extends CustomEvent<null> {
  static readonly eventName = 'parley-widget-open';
  constructor() {
    super(ParleyWidgetOpenEvent.eventName, init);
  }
}

/** The visitor closed the chat. */
export class ParleyWidgetCloseEvent extends CustomEvent<null> {
  static readonly eventName = 'parley-widget-close';
  constructor() {
    super(ParleyWidgetCloseEvent.eventName, init);
  }
}

/** A new agent or bot message arrived. */
export class ParleyMessageReceivedEvent extends CustomEvent<{ readonly message: Message }> {
  static readonly eventName = 'parley-message-received';
  constructor(detail: { message: Message }) {
    super(ParleyMessageReceivedEvent.eventName, { ...init, detail });
  }
}

/** The server stored a message of the visitor. */
export class ParleyMessageSentEvent extends CustomEvent<{ readonly message: Message }> {
  static readonly eventName = 'parley-message-sent';
  constructor(detail: { message: Message }) {
    super(ParleyMessageSentEvent.eventName, { ...init, detail });
  }
}

/** Every event our elements fire, by name. */
export interface ParleyEventMap {
  'parley-toggle': ParleyToggleEvent;
  'parley-close': ParleyCloseEvent;
  'parley-send': ParleySendEvent;
  'parley-input': ParleyInputEvent;
  'parley-retry': ParleyRetryEvent;
  'parley-discard': ParleyDiscardEvent;
  'parley-load-older': ParleyLoadOlderEvent;
  'parley-reply': ParleyReplyEvent;
  'parley-greeting-open': ParleyGreetingOpenEvent;
  'parley-greeting-dismiss': ParleyGreetingDismissEvent;
  'parley-open-conversation': ParleyOpenConversationEvent;
  'parley-start-conversation': ParleyStartConversationEvent;
  'parley-reopen': ParleyReopenEvent;
  'parley-lead-submit': ParleyLeadSubmitEvent;
  'parley-csat-submit': ParleyCsatSubmitEvent;
  'parley-tts-toggle': ParleyTtsToggleEvent;
  'parley-show-list': ParleyShowListEvent;
  'parley-widget-open': ParleyWidgetOpenEvent;
  'parley-widget-close': ParleyWidgetCloseEvent;
  'parley-message-received': ParleyMessageReceivedEvent;
  'parley-message-sent': ParleyMessageSentEvent;
}

export type ParleyEvent = ParleyEventMap[keyof ParleyEventMap];

declare global {
  // Declaration merging: adds the widget's events to every element's typed addEventListener.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends ParleyEventMap {}
}

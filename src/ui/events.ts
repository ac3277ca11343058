/**
 * The events our elements fire: intent reported upwards (props down, events up). Each is a small
 * `Event` subclass with a typed `detail`, bubbling and composed so that it leaves shadow roots and
 * reaches `<parley-chat>`. Names are `parley-*` so they never clash with native events.
 */
import type { Metadata } from '../core/protocol.js';

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

/** The visitor asked to delete a failed (never delivered) message. */
export class ParleyDiscardEvent extends Event {
  static readonly eventName = 'parley-discard';
  readonly detail: { readonly key: string };
  constructor(detail: { key: string }) {
    super(ParleyDiscardEvent.eventName, init);
    this.detail = detail;
  }
}

/** The visitor picked a reply inside a message (suggested reply, button): send `message`. */
export class ParleyReplyEvent extends Event {
  static readonly eventName = 'parley-reply';
  readonly detail: { readonly message: string; readonly metadata?: Metadata };
  constructor(detail: { message: string; metadata?: Metadata }) {
    super(ParleyReplyEvent.eventName, init);
    this.detail = detail;
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
  'parley-reply': ParleyReplyEvent;
}

export type ParleyEvent = ParleyEventMap[keyof ParleyEventMap];

declare global {
  interface HTMLElementEventMap extends ParleyEventMap {}
}

/**
 * A lit ReactiveController over a ChatController: the host re-renders on every state change
 * while it is connected. Set-up and clean-up mirror each other; the ChatController itself
 * belongs to whoever created it (call its `destroy()` when the widget goes away for good).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatController } from './chat-controller.js';
import type { ChatState } from './state.js';

export class ChatStateController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly chat: ChatController;
  #listening = false;

  constructor(host: ReactiveControllerHost, chat: ChatController) {
    this.#host = host;
    this.chat = chat;
    host.addController(this);
  }

  /** The current state snapshot. */
  get value(): ChatState {
    return this.chat.state;
  }

  hostConnected(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.chat.addEventListener('change', this.#handleChange);
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    if (!this.#listening) return;
    this.#listening = false;
    this.chat.removeEventListener('change', this.#handleChange);
  }

  readonly #handleChange = (): void => {
    this.#host.requestUpdate();
  };
}

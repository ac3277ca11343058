/**
 * The panel's media for `<parley-chat-body>`: the attachment queue (uploaded into the visitor's
 * conversation, sent once the visitor presses Send), files dropped or pasted onto the panel,
 * token-scoped file URLs, and replies read aloud (with the visitor's remembered toggle; the speech
 * chunk loads only for an app with read-aloud on). Voice input belongs to the composer
 * (`chat-composer.ts`). Composition code: it ties controllers to
 * the element that hosts them, each gated by the configuration.
 */
import { nothing, type ReactiveControllerHost } from 'lit';
import { createFileUrlResolver, type FileUrlResolver } from '../core/attachments.js';
import { CONTENT_TYPES, type ChatWidgetSettings, type Message } from '../core/protocol.js';
import type { Strings } from '../core/locale.js';
import type { ChatController } from '../controller/index.js';
import type { SpeechOutputController } from '../controller/speech.js';
import { loadVoice } from './voice-loader.js';
import { UploadQueue, conversationUploader, type UploadReadyEvent } from '../controller/uploads.js';
import { FileDropController, dropOverlay } from '../ui/attachments/file-drop.js';

export class ChatMedia {
  readonly uploads: UploadQueue;
  /** Read-aloud, once the app has it on and the speech chunk has loaded (`voice.ts`). */
  tts?: SpeechOutputController;
  /** A message that came while the speech chunk was loading: read once it has. */
  #unspoken?: Message;

  readonly drop: FileDropController;
  readonly #host: ReactiveControllerHost & HTMLElement & { locale: string };
  readonly #chat: ChatController;
  #fileUrl?: { token: string | undefined; resolve: FileUrlResolver };
  #disposed = false;

  constructor(host: ReactiveControllerHost & HTMLElement & { locale: string }, chat: ChatController) {
    this.#host = host;
    this.#chat = chat;
    const { server } = chat.install;
    this.uploads = new UploadQueue({ upload: conversationUploader(chat, server) });
    this.uploads.addEventListener('change', () => host.requestUpdate());
    this.uploads.addEventListener(
      'ready',
      (e) => void chat.send('', { fileMeta: (e as UploadReadyEvent).detail.fileMeta }),
    );
    this.drop = new FileDropController(host, {
      onFiles: (files) => this.uploads.add(files),
      enabled: () => Boolean(chat.state.panelOpen && chat.state.settings.chatWidget.attachment),
    });
  }

  /** Follows the settings and the panel before each render. */
  sync(widget: ChatWidgetSettings, panelOpen: boolean): void {
    if (widget.voiceOutput && !this.tts) this.#loadTts();
    if (this.tts) this.tts.active = panelOpen;
    this.uploads.limits = { maxMB: widget.maxAttachmentSize, allowedTypes: widget.allowedAttachmentTypes };
  }

  /** Reads an incoming agent or bot message aloud, when the app has read-aloud on. */
  speak(message: Message): void {
    if (!this.#chat.state.settings.chatWidget.voiceOutput || message.contentType === CONTENT_TYPES.notification) return;
    if (this.tts) this.tts.speakMessage(message);
    else this.#unspoken = message;
  }

  #loadTts(): void {
    const host = this.#host;
    void loadVoice().then((voice) => {
      if (!voice || this.tts || this.#disposed) return;
      this.tts = new voice.SpeechOutputController(host, {
        lang: () => host.locale || navigator.language,
        prefs: this.#chat.prefs,
      });
      this.tts.active = Boolean(this.#chat.state.panelOpen);
      const unspoken = this.#unspoken;
      this.#unspoken = undefined;
      if (unspoken) this.speak(unspoken);
      host.requestUpdate();
    });
  }

  /** File URLs carrying the visitor's token (images cannot send headers); the same while it is. */
  fileUrl(token: string | undefined): FileUrlResolver {
    if (!this.#fileUrl || this.#fileUrl.token !== token) {
      this.#fileUrl = { token, resolve: createFileUrlResolver({ server: this.#chat.install.server, token }) };
    }
    return this.#fileUrl.resolve;
  }

  /** The drop hint over the panel while files are dragged over it. */
  overlay(s: Strings, open: boolean) {
    return open && this.drop.dragging ? dropOverlay(s) : nothing;
  }

  /** Stops what this started: for a new controller, or when the panel goes. */
  dispose(): void {
    this.#disposed = true;
    for (const c of [this.tts, this.drop]) if (c) this.#host.removeController(c);
    this.uploads.clear();
  }
}

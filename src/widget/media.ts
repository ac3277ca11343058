/**
 * The panel's media for `<parley-chat-body>`: the attachment queue (uploaded into the visitor's
 * conversation, sent once the visitor presses Send), files dropped or pasted onto the panel,
 * token-scoped file URLs, and replies read aloud (with the visitor's remembered toggle). Voice
 * input belongs to the composer (`chat-composer.ts`). Composition code: it ties controllers to
 * the element that hosts them, each gated by the configuration.
 */
import { nothing, type ReactiveControllerHost } from 'lit';
import { createFileUrlResolver, type FileUrlResolver } from '../core/attachments.js';
import { CONTENT_TYPES, type ChatWidgetSettings, type Message } from '../core/protocol.js';
import type { Strings } from '../core/locale.js';
import type { ChatController } from '../controller/index.js';
import { SpeechOutputController } from '../controller/speech.js';
import { UploadQueue, conversationUploader, type UploadReadyEvent } from '../controller/uploads.js';
import { FileDropController, dropOverlay } from '../ui/attachments/file-drop.js';

export class ChatMedia {
  readonly uploads: UploadQueue;
  readonly tts: SpeechOutputController;
  readonly drop: FileDropController;
  readonly #host: ReactiveControllerHost;
  readonly #chat: ChatController;
  #fileUrl?: { token: string | undefined; resolve: FileUrlResolver };

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
    this.tts = new SpeechOutputController(host, { lang: () => host.locale || navigator.language, prefs: chat.prefs });
    this.drop = new FileDropController(host, {
      onFiles: (files) => this.uploads.add(files),
      enabled: () => Boolean(chat.state.panelOpen && chat.state.settings.chatWidget.attachment),
    });
  }

  /** Follows the settings and the panel before each render. */
  sync(widget: ChatWidgetSettings, panelOpen: boolean): void {
    this.tts.active = panelOpen;
    this.uploads.limits = { maxMB: widget.maxAttachmentSize, allowedTypes: widget.allowedAttachmentTypes };
  }

  /** Reads an incoming agent or bot message aloud, when the app has read-aloud on. */
  speak(message: Message): void {
    if (this.#chat.state.settings.chatWidget.voiceOutput && message.contentType !== CONTENT_TYPES.notification)
      this.tts.speakMessage(message);
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
    for (const c of [this.tts, this.drop]) this.#host.removeController(c);
    this.uploads.clear();
  }
}

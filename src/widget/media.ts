/**
 * The panel's media for `<parley-chat-body>`: the attachment queue (uploaded into the visitor's
 * conversation, handed to the outbox once the visitor presses Send; previews of files not sent
 * yet from the visitor's own copy), files dropped or pasted onto the panel,
 * token-scoped file URLs, and replies read aloud (with the visitor's remembered toggle; the speech
 * chunk loads only for an app with read-aloud on). Voice input belongs to the composer
 * (`chat-composer.ts`). Composition code: it ties controllers to
 * the element that hosts them, each gated by the configuration.
 */
import { nothing, type ReactiveControllerHost } from 'lit';
import { createFileUrlResolver, type FileUrlResolver } from '../core/attachments.js';
import { localFileKey } from '../core/local-files.js';
import { CONTENT_TYPES, type ChatWidgetSettings, type Message } from '../core/protocol.js';
import type { Strings } from '../core/locale.js';
import type { ChatController } from '../controller/index.js';
import type { SpeechOutputController } from '../controller/speech.js';
import { loadVoice } from './voice-loader.js';
import { UploadQueue, conversationUploader } from '../controller/uploads.js';
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
  /** Object URLs of the visitor's files not sent yet, by message key. */
  readonly #previews = new Map<string, string>();
  #disposed = false;

  constructor(host: ReactiveControllerHost & HTMLElement & { locale: string }, chat: ChatController) {
    this.#host = host;
    this.#chat = chat;
    const { server } = chat.install;
    this.uploads = new UploadQueue({ upload: conversationUploader(chat, server) });
    this.uploads.addEventListener('change', () => host.requestUpdate());
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
    this.#prunePreviews();
  }

  /**
   * The visitor pressed Send: the composer's files go to the outbox, in order (after the text,
   * sent first): uploaded ones as they are, the others with their upload if one runs.
   */
  sendFiles(): void {
    for (const { item, upload } of this.uploads.takeForSending()) {
      const file = { file: item.file, name: item.name, upload };
      void this.#chat.send('', item.fileMeta ? { fileMeta: item.fileMeta } : { file });
    }
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

  /**
   * File URLs carrying the visitor's token (images cannot send headers); the same while it is.
   * A file of the visitor's not sent yet shows from their own copy (an object URL).
   */
  fileUrl(token: string | undefined): FileUrlResolver {
    if (!this.#fileUrl || this.#fileUrl.token !== token) {
      const server = createFileUrlResolver({ server: this.#chat.install.server, token });
      const resolve: FileUrlResolver = (file, kind) => {
        const key = localFileKey(file);
        return key === undefined ? server(file, kind) : this.#preview(key);
      };
      this.#fileUrl = { token, resolve };
    }
    return this.#fileUrl.resolve;
  }

  #preview(key: string): string | undefined {
    let url = this.#previews.get(key);
    const file = this.#chat.pendingFile(key);
    if (!url && file) this.#previews.set(key, (url = URL.createObjectURL(file)));
    return url;
  }

  /** Lets go of the previews of files sent (or deleted) since. */
  #prunePreviews(all = false): void {
    for (const [key, url] of this.#previews) {
      if (!all && this.#chat.pendingFile(key)) continue;
      URL.revokeObjectURL(url);
      this.#previews.delete(key);
    }
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
    this.#prunePreviews(true);
  }
}

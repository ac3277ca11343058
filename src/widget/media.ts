/**
 * The composer's media for `<parley-chat>`: attachments (upload queue, attach button, drag and
 * drop, paste, chips, token-scoped file URLs) and speech (voice input into the composer, replies
 * read aloud with a remembered toggle). Composition code: it ties controllers to elements, each
 * gated by the configuration, and renders the pieces the top element places.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { acceptAttribute, createFileUrlResolver, type FileUrlResolver } from '../core/attachments.js';
import { CONTENT_TYPES, type ChatWidgetSettings, type Message } from '../core/protocol.js';
import type { Strings } from '../core/locale.js';
import { withTranscript } from '../core/speech-text.js';
import type { ChatController } from '../controller/index.js';
import { SpeechInputController, SpeechOutputController } from '../controller/speech.js';
import { UploadQueue, type UploadReadyEvent } from '../controller/uploads.js';
import { NetworkError } from '../net/errors.js';
import { uploadFile } from '../net/upload.js';
import { FileDropController, dropOverlay } from '../ui/attachments/file-drop.js';
import type { ParleyAttachmentEvent, ParleyFilesEvent } from '../ui/attachments/events.js';
import type { ParleyMicEvent } from '../ui/speech/events.js';

export { dropOverlayStyles } from '../ui/attachments/file-drop.js';

export interface ChatMediaOptions {
  chat: ChatController;
  /** Reads and writes the composer's text (voice input). */
  draft: { get(): string; set(text: string): void };
}

export class ChatMedia {
  readonly uploads: UploadQueue;
  readonly mic: SpeechInputController;
  readonly tts: SpeechOutputController;
  readonly drop: FileDropController;
  readonly #chat: ChatController;
  readonly #draft: ChatMediaOptions['draft'];
  #before = '';
  #fileUrl?: { token: string | undefined; resolve: FileUrlResolver };

  constructor(host: ReactiveControllerHost & HTMLElement, { chat, draft }: ChatMediaOptions) {
    this.#chat = chat;
    this.#draft = draft;
    const { server, userLocale } = chat.install;
    this.uploads = new UploadQueue({
      upload: async (file, options) => {
        const target = await chat.ensureConversation();
        if (!target) throw new NetworkError('no conversation to upload to');
        return uploadFile({ server, token: target.token, groupId: target.groupId, file, ...options });
      },
    });
    this.uploads.addEventListener('change', () => host.requestUpdate());
    this.uploads.addEventListener(
      'ready',
      (e) => void chat.send('', { fileMeta: (e as UploadReadyEvent).detail.fileMeta }),
    );
    const lang = () => userLocale || navigator.language;
    this.mic = new SpeechInputController(host, {
      lang,
      onInterim: (text) => draft.set(withTranscript(this.#before, text)),
      onFinal: (text) => draft.set(withTranscript(this.#before, text)),
    });
    this.tts = new SpeechOutputController(host, { lang, prefs: chat.prefs });
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

  /** File URLs carrying the visitor's token (images cannot send headers). */
  fileUrl(token: string | undefined): FileUrlResolver {
    if (!this.#fileUrl || this.#fileUrl.token !== token) {
      this.#fileUrl = { token, resolve: createFileUrlResolver({ server: this.#chat.install.server, token }) };
    }
    return this.#fileUrl.resolve;
  }

  /** Files are waiting: Send may be pressed with no text. */
  get pending(): boolean {
    return this.uploads.items.length > 0;
  }

  overlay(s: Strings, open: boolean) {
    return open && this.drop.dragging ? dropOverlay(s) : nothing;
  }

  chips(widget: ChatWidgetSettings, s: Strings) {
    if (!widget.attachment || !this.pending) return nothing;
    return html`<parley-file-chips
      slot="footer"
      .items=${this.uploads.items}
      max-mb=${widget.maxAttachmentSize}
      .strings=${s}
      @parley-attachment=${(e: ParleyAttachmentEvent) => this.uploads[e.detail.action](e.detail.id)}
    ></parley-file-chips>`;
  }

  /** The attach and mic buttons, for the composer's `start` and `end` slots. */
  composerButtons(widget: ChatWidgetSettings, s: Strings, disabled: boolean) {
    return html`${
      widget.attachment
        ? html`<parley-attach-button
          slot="start"
          accept=${acceptAttribute(widget.allowedAttachmentTypes)}
          ?disabled=${disabled}
          .strings=${s}
          @parley-files=${(e: ParleyFilesEvent) => this.uploads.add(e.detail.files)}
        ></parley-attach-button>`
        : nothing
    }
    ${
      widget.voiceInput && this.mic.available
        ? html`<parley-mic-button
          slot="end"
          ?listening=${this.mic.listening}
          error=${this.mic.error ?? ''}
          ?disabled=${disabled}
          .strings=${s}
          @parley-mic=${this.#handleMic}
        ></parley-mic-button>`
        : nothing
    }`;
  }

  dispose(host: ReactiveControllerHost): void {
    for (const c of [this.mic, this.tts, this.drop]) host.removeController(c);
    this.uploads.clear();
  }

  #handleMic = (event: ParleyMicEvent): void => {
    if (event.detail.listening) {
      this.#before = this.#draft.get();
      this.mic.start();
    } else this.mic.stop();
  };
}

/**
 * Speech, as two lit reactive controllers:
 *
 * - `SpeechInputController` (speech-to-text): the browser's `SpeechRecognition` (or the
 *   webkit-prefixed one). `available` is false where there is none — then render no mic button.
 *   While listening it reports the words heard so far (`onInterim`) and then the final text
 *   (`onFinal`); failures become a short code (`onError`, `error`).
 * - `SpeechOutputController` (text-to-speech): `speechSynthesis` in the widget's language, on or
 *   off by the visitor's choice (remembered in the store's prefs), silent while `active` is false
 *   (the panel is closed).
 *
 * Both stop everything they started when the host disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Message } from '../core/protocol.js';
import { speakableText, type SpeechInputError } from '../core/speech-text.js';
import type { Prefs } from '../store/store.js';

// --- The Web Speech API's recognition side, as far as we use it (TypeScript's DOM lib lacks it).

export interface SpeechRecognitionAlternativeLike {
  readonly transcript: string;
}
export interface SpeechRecognitionResultLike {
  readonly isFinal: boolean;
  readonly length: number;
  readonly [index: number]: SpeechRecognitionAlternativeLike;
}
export interface SpeechRecognitionEventLike extends Event {
  readonly results: { readonly length: number; readonly [index: number]: SpeechRecognitionResultLike };
}
export interface SpeechRecognitionErrorEventLike extends Event {
  readonly error: string;
}
export interface SpeechRecognitionLike extends EventTarget {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  maxAlternatives: number;
  start(): void;
  stop(): void;
  abort(): void;
}
export type SpeechRecognitionCtor = new () => SpeechRecognitionLike;

export { SPEECH_INPUT_ERRORS, type SpeechInputError } from '../core/speech-text.js';

/** The browser's recognition constructor, or undefined. */
export function findSpeechRecognition(): SpeechRecognitionCtor | undefined {
  const w = globalThis as unknown as {
    SpeechRecognition?: SpeechRecognitionCtor;
    webkitSpeechRecognition?: SpeechRecognitionCtor;
  };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

function errorOf(code: string): SpeechInputError | undefined {
  switch (code) {
    case 'aborted':
      return undefined;
    case 'not-allowed':
    case 'service-not-allowed':
      return 'denied';
    case 'no-speech':
      return 'no-speech';
    case 'audio-capture':
      return 'no-microphone';
    case 'network':
      return 'network';
    default:
      return 'failed';
  }
}

const read = (lang: string | (() => string) | undefined) => (typeof lang === 'function' ? lang() : lang) || '';

export interface SpeechInputOptions {
  /** BCP 47 language tag, or a getter for the current one (the widget's locale). */
  lang?: string | (() => string);
  /** The words heard so far (replace what was shown for the previous call). */
  onInterim?: (transcript: string) => void;
  /** The final text of this listening session. */
  onFinal?: (transcript: string) => void;
  onError?: (error: SpeechInputError) => void;
  /** The recognition constructor; defaults to the browser's. `null`: none (tests). */
  recognition?: SpeechRecognitionCtor | null;
}

export class SpeechInputController implements ReactiveController {
  /** The browser can recognise speech: show the mic button. */
  readonly available: boolean;
  /** Listening right now. */
  listening = false;
  /** What went wrong last time; cleared when listening starts again. */
  error: SpeechInputError | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #options: SpeechInputOptions;
  readonly #Recognition: SpeechRecognitionCtor | undefined;
  #recognition: SpeechRecognitionLike | undefined;
  #transcript = '';
  #final = false;

  constructor(host: ReactiveControllerHost, options: SpeechInputOptions = {}) {
    this.#host = host;
    this.#options = options;
    this.#Recognition = options.recognition === null ? undefined : (options.recognition ?? findSpeechRecognition());
    this.available = typeof this.#Recognition === 'function';
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    const r = this.#recognition;
    this.#detach();
    r?.abort();
    this.listening = false;
  }

  /** Starts listening (asks for the microphone the first time). */
  start(): void {
    if (!this.#Recognition || this.#recognition) return;
    let r: SpeechRecognitionLike;
    try {
      r = new this.#Recognition();
      r.lang = read(this.#options.lang);
      r.continuous = false;
      r.interimResults = true;
      r.maxAlternatives = 1;
    } catch {
      this.#fail('failed');
      return;
    }
    this.#recognition = r;
    this.#transcript = '';
    this.#final = false;
    this.error = undefined;
    r.addEventListener('result', this.#handleResult);
    r.addEventListener('error', this.#handleError);
    r.addEventListener('end', this.#handleEnd);
    try {
      r.start();
    } catch {
      this.#detach();
      this.#fail('failed');
      return;
    }
    this.listening = true;
    this.#host.requestUpdate();
  }

  /** Stops listening; what was heard so far becomes the final text. */
  stop(): void {
    this.#recognition?.stop();
  }

  toggle(): void {
    if (this.#recognition) this.stop();
    else this.start();
  }

  #fail(error: SpeechInputError): void {
    this.error = error;
    this.#options.onError?.(error);
    this.#host.requestUpdate();
  }

  #detach(): void {
    const r = this.#recognition;
    if (!r) return;
    r.removeEventListener('result', this.#handleResult);
    r.removeEventListener('error', this.#handleError);
    r.removeEventListener('end', this.#handleEnd);
    this.#recognition = undefined;
  }

  readonly #handleResult = (event: Event): void => {
    const results = (event as SpeechRecognitionEventLike).results;
    if (!results || typeof results.length !== 'number') return;
    let text = '';
    let final = results.length > 0;
    for (let i = 0; i < results.length; i++) {
      const result = results[i];
      text += result?.[0]?.transcript ?? '';
      final &&= result?.isFinal === true;
    }
    this.#transcript = text;
    if (final) {
      this.#final = true;
      this.#options.onFinal?.(text);
    } else this.#options.onInterim?.(text);
  };

  readonly #handleError = (event: Event): void => {
    const error = errorOf(String((event as SpeechRecognitionErrorEventLike).error ?? ''));
    if (error) this.#fail(error);
  };

  readonly #handleEnd = (): void => {
    this.#detach();
    this.listening = false;
    // Some engines end without a final result: keep the words that were shown.
    if (!this.#final && this.#transcript.trim()) this.#options.onFinal?.(this.#transcript);
    this.#host.requestUpdate();
  };
}

/** Where the visitor's on/off choice is kept (the store fits). */
export interface PrefsStore {
  getPrefs(): Promise<Prefs>;
  setPrefs(patch: Prefs): Promise<void>;
}

export interface SpeechOutputOptions {
  /** BCP 47 language tag of what is read, or a getter for the current one. */
  lang?: string | (() => string);
  /** Defaults to the browser's `speechSynthesis`; `null`: none. */
  synth?: SpeechSynthesis | null;
  /** Defaults to the browser's `SpeechSynthesisUtterance`. */
  Utterance?: typeof SpeechSynthesisUtterance;
  /** Remembers the visitor's choice (`prefs[prefKey]`, boolean). */
  prefs?: PrefsStore;
  prefKey?: string;
}

export const SPEECH_OUTPUT_PREF = 'speechOutput';

/** The voice for `lang`: the same tag, else the same language, else none (the engine picks). */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/_/g, '-');
  const want = norm(lang);
  if (!want) return undefined;
  const base = want.split('-')[0];
  return voices.find((v) => norm(v.lang) === want) ?? voices.find((v) => norm(v.lang).split('-')[0] === base);
}

export class SpeechOutputController implements ReactiveController {
  /** The browser can speak: show the speaker toggle. */
  readonly available: boolean;
  /** The visitor's choice (default on). */
  enabled = true;
  /** False while the panel is closed: nothing is read, and what was being read stops. */
  #active = true;

  readonly #host: ReactiveControllerHost;
  readonly #options: SpeechOutputOptions;
  readonly #synth: SpeechSynthesis | undefined;
  readonly #Utterance: typeof SpeechSynthesisUtterance | undefined;
  #loaded: Promise<void> | undefined;
  /** Utterances the widget queued that have not ended yet. */
  readonly #pending = new Set<SpeechSynthesisUtterance>();

  constructor(host: ReactiveControllerHost, options: SpeechOutputOptions = {}) {
    this.#host = host;
    this.#options = options;
    const g = globalThis as unknown as {
      speechSynthesis?: SpeechSynthesis;
      SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance;
    };
    this.#synth = options.synth === null ? undefined : (options.synth ?? g.speechSynthesis);
    this.#Utterance = options.Utterance ?? g.SpeechSynthesisUtterance;
    this.available = Boolean(this.#synth && typeof this.#Utterance === 'function');
    host.addController(this);
  }

  /** Resolves once the remembered choice is loaded. */
  get ready(): Promise<void> {
    return this.#loaded ?? Promise.resolve();
  }

  hostConnected(): void {
    const prefs = this.#options.prefs;
    if (!prefs || this.#loaded) return;
    this.#loaded = prefs.getPrefs().then(
      (p) => {
        const stored = p?.[this.#key];
        if (typeof stored === 'boolean' && stored !== this.enabled) {
          this.enabled = stored;
          this.#host.requestUpdate();
        }
      },
      () => {},
    );
  }

  hostDisconnected(): void {
    this.cancel();
  }

  get #key(): string {
    return this.#options.prefKey ?? SPEECH_OUTPUT_PREF;
  }

  get active(): boolean {
    return this.#active;
  }

  set active(on: boolean) {
    this.#active = on;
    if (!on) this.cancel();
  }

  /** Turns reading aloud on or off, and remembers the choice. */
  setEnabled(on: boolean): void {
    if (on === this.enabled) return;
    this.enabled = on;
    if (!on) this.cancel();
    this.#options.prefs?.setPrefs({ [this.#key]: on }).catch(() => {});
    this.#host.requestUpdate();
  }

  toggle(): void {
    this.setEnabled(!this.enabled);
  }

  /** Reads `text` aloud (after anything already queued); false when nothing was read. */
  speak(text: string): boolean {
    const synth = this.#synth;
    const t = typeof text === 'string' ? text.trim() : '';
    if (!synth || !this.#Utterance || !this.enabled || !this.#active || !t) return false;
    const lang = read(this.#options.lang);
    try {
      const utterance = new this.#Utterance(t);
      if (lang) {
        utterance.lang = lang;
        const voice = pickVoice(synth.getVoices?.() ?? [], lang);
        if (voice) utterance.voice = voice;
      }
      const settled = () => this.#pending.delete(utterance);
      utterance.addEventListener('end', settled);
      utterance.addEventListener('error', settled);
      this.#pending.add(utterance);
      synth.speak(utterance);
      return true;
    } catch {
      return false;
    }
  }

  /** Reads an incoming message: its text, or a rich message's titles and labels. */
  speakMessage(
    message: Pick<Message, 'message' | 'contentType' | 'metadata'> & Partial<Pick<Message, 'fileMeta'>>,
  ): boolean {
    return this.speak(speakableText(message));
  }

  /**
   * Stops reading and drops what is queued. `speechSynthesis` is one queue for the whole page, so
   * this happens only while something the widget queued is still pending.
   */
  cancel(): void {
    if (!this.#pending.size) return;
    this.#pending.clear();
    try {
      this.#synth?.cancel();
    } catch {
      // Nothing to stop.
    }
  }
}

/**
 * `SpeechInputController` (speech-to-text): the browser's `SpeechRecognition` (or the
 * webkit-prefixed one). `available` is false where there is none — then render no mic button.
 * While listening it reports the words heard so far (`onInterim`) and then the final text
 * (`onFinal`); failures become a short code (`onError`, `error`). Stops listening when the host
 * disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SpeechInputError } from '../core/speech-text.js';
import {
  currentLang,
  findSpeechRecognition,
  recognitionErrorOf,
  type SpeechLang,
  type SpeechRecognitionCtor,
  type SpeechRecognitionErrorEventLike,
  type SpeechRecognitionEventLike,
  type SpeechRecognitionLike,
} from './speech-api.js';

export interface SpeechInputOptions {
  /** BCP 47 language tag, or a getter for the current one (the widget's locale). */
  lang?: SpeechLang;
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

  private readonly _host: ReactiveControllerHost;
  private readonly _options: SpeechInputOptions;
  private readonly _Recognition: SpeechRecognitionCtor | undefined;
  private _recognition: SpeechRecognitionLike | undefined;
  private _transcript = '';
  private _final = false;

  constructor(host: ReactiveControllerHost, options: SpeechInputOptions = {}) {
    this._host = host;
    this._options = options;
    this._Recognition = options.recognition === null ? undefined : (options.recognition ?? findSpeechRecognition());
    this.available = typeof this._Recognition === 'function';
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    const r = this._recognition;
    this._detach();
    r?.abort();
    this.listening = false;
  }

  /** Starts listening (asks for the microphone the first time). */
  start(): void {
    if (!this._Recognition || this._recognition) return;
    let r: SpeechRecognitionLike;
    try {
      r = new this._Recognition();
      r.lang = currentLang(this._options.lang);
      r.continuous = false;
      r.interimResults = true;
      r.maxAlternatives = 1;
    } catch {
      this._fail('failed');
      return;
    }
    this._recognition = r;
    this._transcript = '';
    this._final = false;
    this.error = undefined;
    r.addEventListener('result', this._handleResult);
    r.addEventListener('error', this._handleError);
    r.addEventListener('end', this._handleEnd);
    try {
      r.start();
    } catch {
      this._detach();
      this._fail('failed');
      return;
    }
    this.listening = true;
    this._host.requestUpdate();
  }

  /** Stops listening; what was heard so far becomes the final text. */
  stop(): void {
    this._recognition?.stop();
  }

  toggle(): void {
    if (this._recognition) this.stop();
    else this.start();
  }

  private _fail(error: SpeechInputError): void {
    this.error = error;
    this._options.onError?.(error);
    this._host.requestUpdate();
  }

  private _detach(): void {
    const r = this._recognition;
    if (!r) return;
    r.removeEventListener('result', this._handleResult);
    r.removeEventListener('error', this._handleError);
    r.removeEventListener('end', this._handleEnd);
    this._recognition = undefined;
  }

  private readonly _handleResult = (event: Event): void => {
    const results = (event as SpeechRecognitionEventLike).results;
    if (!results || typeof results.length !== 'number') return;
    let text = '';
    let final = results.length > 0;
    for (let i = 0; i < results.length; i++) {
      const result = results[i];
      text += result?.[0]?.transcript ?? '';
      final &&= result?.isFinal === true;
    }
    this._transcript = text;
    if (final) {
      this._final = true;
      this._options.onFinal?.(text);
    } else this._options.onInterim?.(text);
  };

  private readonly _handleError = (event: Event): void => {
    const error = recognitionErrorOf(String((event as SpeechRecognitionErrorEventLike).error ?? ''));
    if (error) this._fail(error);
  };

  private readonly _handleEnd = (): void => {
    this._detach();
    this.listening = false;
    // Some engines end without a final result: keep the words that were shown.
    if (!this._final && this._transcript.trim()) this._options.onFinal?.(this._transcript);
    this._host.requestUpdate();
  };
}

/**
 * `SpeechOutputController` (text-to-speech): `speechSynthesis` in the widget's language, on or
 * off by the visitor's choice (remembered in the store's prefs), silent while `active` is false
 * (the panel is closed). Stops what it queued when the host disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Message } from '../core/protocol.js';
import { speakableText } from '../core/speech-text.js';
import type { Prefs } from '../store/store.js';
import { currentLang, findSpeechSynthesis, type SpeechLang } from './speech-api.js';

/** Where the visitor's on/off choice is kept (the store fits). */
export interface PrefsStore {
  getPrefs(): Promise<Prefs>;
  setPrefs(patch: Prefs): Promise<void>;
}

export interface SpeechOutputOptions {
  /** BCP 47 language tag of what is read, or a getter for the current one. */
  lang?: SpeechLang;
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
  private _active = true;

  private readonly _host: ReactiveControllerHost;
  private readonly _options: SpeechOutputOptions;
  private readonly _synth: SpeechSynthesis | undefined;
  private readonly _Utterance: typeof SpeechSynthesisUtterance | undefined;
  private _loaded: Promise<void> | undefined;
  /** Utterances the widget queued that have not ended yet. */
  private readonly _pending = new Set<SpeechSynthesisUtterance>();

  constructor(host: ReactiveControllerHost, options: SpeechOutputOptions = {}) {
    this._host = host;
    this._options = options;
    const browser = findSpeechSynthesis();
    this._synth = options.synth === null ? undefined : (options.synth ?? browser.synth);
    this._Utterance = options.Utterance ?? browser.Utterance;
    this.available = Boolean(this._synth && typeof this._Utterance === 'function');
    host.addController(this);
  }

  /** Resolves once the remembered choice is loaded. */
  get ready(): Promise<void> {
    return this._loaded ?? Promise.resolve();
  }

  hostConnected(): void {
    const prefs = this._options.prefs;
    if (!prefs || this._loaded) return;
    this._loaded = prefs.getPrefs().then(
      (p) => {
        const stored = p?.[this._key];
        if (typeof stored === 'boolean' && stored !== this.enabled) {
          this.enabled = stored;
          this._host.requestUpdate();
        }
      },
      () => {},
    );
  }

  hostDisconnected(): void {
    this.cancel();
  }

  private get _key(): string {
    return this._options.prefKey ?? SPEECH_OUTPUT_PREF;
  }

  get active(): boolean {
    return this._active;
  }

  set active(on: boolean) {
    this._active = on;
    if (!on) this.cancel();
  }

  /** Turns reading aloud on or off, and remembers the choice. */
  setEnabled(on: boolean): void {
    if (on === this.enabled) return;
    this.enabled = on;
    if (!on) this.cancel();
    this._options.prefs?.setPrefs({ [this._key]: on }).catch(() => {});
    this._host.requestUpdate();
  }

  toggle(): void {
    this.setEnabled(!this.enabled);
  }

  /** Reads `text` aloud (after anything already queued); false when nothing was read. */
  speak(text: string): boolean {
    const synth = this._synth;
    const t = typeof text === 'string' ? text.trim() : '';
    if (!synth || !this._Utterance || !this.enabled || !this._active || !t) return false;
    const lang = currentLang(this._options.lang);
    try {
      const utterance = new this._Utterance(t);
      if (lang) {
        utterance.lang = lang;
        const voice = pickVoice(synth.getVoices?.() ?? [], lang);
        if (voice) utterance.voice = voice;
      }
      const settled = () => this._pending.delete(utterance);
      utterance.addEventListener('end', settled);
      utterance.addEventListener('error', settled);
      this._pending.add(utterance);
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
    if (!this._pending.size) return;
    this._pending.clear();
    try {
      this._synth?.cancel();
    } catch {
      // Nothing to stop.
    }
  }
}

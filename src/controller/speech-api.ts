/**
 * The browser's Web Speech API as far as the speech controllers use it: the recognition side's
 * shapes (TypeScript's DOM lib lacks them), finding the recognition and synthesis objects, the
 * mapping of recognition error codes to ours, and the language getter both controllers take.
 */
import type { SpeechInputError } from '../core/speech-text.js';

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

/** The browser's recognition constructor, or undefined. */
export function findSpeechRecognition(): SpeechRecognitionCtor | undefined {
  const w = globalThis as unknown as {
    SpeechRecognition?: SpeechRecognitionCtor;
    webkitSpeechRecognition?: SpeechRecognitionCtor;
  };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

/** The browser's `speechSynthesis` and `SpeechSynthesisUtterance`, where there are any. */
export function findSpeechSynthesis(): {
  synth: SpeechSynthesis | undefined;
  Utterance: typeof SpeechSynthesisUtterance | undefined;
} {
  const g = globalThis as unknown as {
    speechSynthesis?: SpeechSynthesis;
    SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance;
  };
  return { synth: g.speechSynthesis, Utterance: g.SpeechSynthesisUtterance };
}

/** Our code for a recognition `error` event's code; undefined for an abort we asked for. */
export function recognitionErrorOf(code: string): SpeechInputError | undefined {
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

/** A BCP 47 tag, or a getter for the current one (the widget's locale). */
export type SpeechLang = string | (() => string);

/** The language tag now ('' when none). */
export const currentLang = (lang: SpeechLang | undefined): string => (typeof lang === 'function' ? lang() : lang) || '';

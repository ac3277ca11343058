/**
 * Speech, as two lit reactive controllers (this module gathers them; each lives in its own file):
 *
 * - `SpeechInputController` (speech-to-text, `speech-input.ts`): the browser's
 *   `SpeechRecognition`; `available` is false where there is none — then render no mic button.
 * - `SpeechOutputController` (text-to-speech, `speech-output.ts`): `speechSynthesis` in the
 *   widget's language, on or off by the visitor's choice, silent while the panel is closed.
 *
 * What they use of the browser's Web Speech API is in `speech-api.ts`. Both stop everything they
 * started when the host disconnects.
 */
export {
  findSpeechRecognition,
  type SpeechRecognitionAlternativeLike,
  type SpeechRecognitionCtor,
  type SpeechRecognitionErrorEventLike,
  type SpeechRecognitionEventLike,
  type SpeechRecognitionLike,
  type SpeechRecognitionResultLike,
} from './speech-api.js';
export { SPEECH_INPUT_ERRORS, type SpeechInputError } from '../core/speech-text.js';
export { SpeechInputController, type SpeechInputOptions } from './speech-input.js';
export {
  pickVoice,
  SPEECH_OUTPUT_PREF,
  SpeechOutputController,
  type PrefsStore,
  type SpeechOutputOptions,
} from './speech-output.js';

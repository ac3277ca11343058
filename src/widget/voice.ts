/**
 * Speech — voice input and replies read aloud — as a chunk of its own, loaded only for an app
 * that turns one on (`voiceInput`, `voiceOutput`; both off by default), so that a text chat does
 * not download it (`loadVoice`).
 */
export { SpeechInputController, SpeechOutputController } from '../controller/speech.js';
export { withTranscript } from '../core/speech-text.js';

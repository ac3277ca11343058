/**
 * The browser's SpeechRecognition, faked at the API boundary: headless Chromium has no
 * microphone. `hear()` delivers a result; `end()` is what the browser fires when it stops
 * listening (after a final result in non-continuous mode); `fail()` an error.
 */
import type { SpeechRecognitionLike } from '../../src/controller/speech.js';

export class FakeRecognition extends EventTarget implements SpeechRecognitionLike {
  static current: FakeRecognition | undefined;
  lang = '';
  continuous = false;
  interimResults = false;
  maxAlternatives = 1;
  start(): void {
    FakeRecognition.current = this;
  }
  stop(): void {
    this.end();
  }
  abort(): void {}
  hear(transcript: string, isFinal: boolean): void {
    this.dispatchEvent(Object.assign(new Event('result'), { results: [Object.assign([{ transcript }], { isFinal })] }));
  }
  end(): void {
    this.dispatchEvent(new Event('end'));
  }
  fail(error: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { error }));
    this.end();
  }
}

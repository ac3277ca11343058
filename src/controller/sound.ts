/**
 * The widget's notification tones (`core/tones.ts`), played with Web Audio. Browsers may refuse
 * to play before the visitor has interacted with the page; that is fine and silent.
 */
import { TONE_NOTES, type NotificationTone } from '../core/tones.js';

let context: AudioContext | undefined;

/** Plays `tone` (an unknown name: the default) at `volume` (0..1). Never throws. */
export function playTone(tone: NotificationTone, volume: number): void {
  if (!(volume > 0)) return;
  // Before the visitor has interacted with the page the browser would refuse (and warn).
  const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
  if (activation && !activation.hasBeenActive) return;
  try {
    const Ctx = globalThis.AudioContext;
    if (!Ctx) return;
    context ??= new Ctx();
    const now = context.currentTime;
    for (const [frequency, start, length] of TONE_NOTES[tone] ?? TONE_NOTES.default) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0, now + start);
      gain.gain.linearRampToValueAtTime(0.2 * Math.min(volume, 1), now + start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.001, now + start + length);
      osc.connect(gain).connect(context.destination);
      osc.start(now + start);
      osc.stop(now + start + length + 0.05);
    }
  } catch {
    /* no audio here */
  }
}

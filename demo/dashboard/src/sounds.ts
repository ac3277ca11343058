/**
 * The staff app's notification sounds, made with the Web Audio API (no files to fetch): each of
 * `NOTIFICATION_SOUNDS` is a few tones of its own, played at the staff member's volume.
 */
import type { NotificationSound } from '../../../src/core/staff-protocol.js';

/** Each sound's notes: frequency (Hz), start and length (seconds). */
const NOTES: Record<NotificationSound, ReadonlyArray<readonly [number, number, number]>> = {
  chime: [
    [880, 0, 0.25],
    [1320, 0.12, 0.35],
  ],
  ding: [[1046, 0, 0.4]],
  pop: [[520, 0, 0.08]],
  bell: [
    [660, 0, 0.6],
    [990, 0, 0.5],
  ],
  marimba: [
    [523, 0, 0.15],
    [659, 0.1, 0.15],
    [784, 0.2, 0.25],
  ],
};

let context: AudioContext | undefined;

/** Plays `sound` at `volume` (0-100). Browsers may refuse before the page had a click: then nothing plays. */
export function playSound(sound: NotificationSound, volume: number): void {
  if (volume <= 0 || typeof AudioContext === 'undefined') return;
  try {
    context ??= new AudioContext();
    const now = context.currentTime;
    for (const [frequency, start, length] of NOTES[sound]) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime((volume / 100) * 0.3, now + start);
      gain.gain.exponentialRampToValueAtTime(0.001, now + start + length);
      osc.connect(gain).connect(context.destination);
      osc.start(now + start);
      osc.stop(now + start + length);
    }
  } catch {
    // No audio here (a headless browser, a policy): the notification still shows.
  }
}

/**
 * The staff app's notification sounds, made with the Web Audio API (no files to fetch): each of
 * `NOTIFICATION_SOUNDS` is a few notes from the tones' table (`src/core/tones.ts`, the widget's
 * too), played at the staff member's volume.
 */
import type { NotificationSound } from '../../../src/core/staff-protocol.js';
import { TONE_NOTES } from '../../../src/core/tones.js';
import { strings } from './strings.js';

/** Each sound's name in the app's language (the widget's tones too, but its default). */
export const SOUND_NAMES: Record<NotificationSound, string> = {
  chime: strings.soundChime,
  ding: strings.soundDing,
  pop: strings.soundPop,
  bell: strings.soundBell,
  marimba: strings.soundMarimba,
};

let context: AudioContext | undefined;

/** Plays `sound` at `volume` (0-100). Browsers may refuse before the page had a click: then nothing plays. */
export function playSound(sound: NotificationSound, volume: number): void {
  if (volume <= 0 || typeof AudioContext === 'undefined') return;
  try {
    context ??= new AudioContext();
    const now = context.currentTime;
    for (const [frequency, start, length] of TONE_NOTES[sound]) {
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

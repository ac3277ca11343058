/**
 * What a page plays: a stand-in for Web Audio in the host page's window (headless browsers have
 * no speakers to listen at), recording each note's frequency and loudest gain.
 */
import type { HostPage } from './e2e.js';

export interface Heard {
  /** Notes started, in order, by frequency (Hz). */
  notes: number[];
  /** Each note's peak gain. */
  peaks: number[];
}

/** Replaces the page's `AudioContext` with one that records what is played (before the first tone). */
export function listenForTones(page: Pick<HostPage, 'win'>): Heard {
  const heard: Heard = { notes: [], peaks: [] };
  const node = () => ({ connect: (next: unknown) => next, disconnect: () => {} });
  class RecordingAudioContext {
    currentTime = 0;
    destination = node();
    createOscillator() {
      const frequency = { value: 0 };
      return { ...node(), frequency, start: () => void heard.notes.push(frequency.value), stop: () => {} };
    }
    createGain() {
      const ramp = (value: number) => void heard.peaks.push(value);
      return {
        ...node(),
        gain: { setValueAtTime: () => {}, linearRampToValueAtTime: ramp, exponentialRampToValueAtTime: () => {} },
      };
    }
  }
  (page.win() as unknown as { AudioContext: unknown }).AudioContext = RecordingAudioContext;
  return heard;
}

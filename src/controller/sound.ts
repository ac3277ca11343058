/**
 * Short notification tones made with Web Audio (no sound files to download). Browsers may refuse
 * to play before the visitor has interacted with the page; that is fine and silent.
 */
let context: AudioContext | undefined;

/** Plays a soft two-note chime at `volume` (0..1). Never throws. */
export function playTone(volume: number): void {
  if (!(volume > 0)) return;
  // Before the visitor has interacted with the page the browser would refuse (and warn).
  const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
  if (activation && !activation.hasBeenActive) return;
  try {
    const Ctx = globalThis.AudioContext;
    if (!Ctx) return;
    context ??= new Ctx();
    const now = context.currentTime;
    [660, 880].forEach((frequency, i) => {
      const osc = context!.createOscillator();
      const gain = context!.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0, now + i * 0.12);
      gain.gain.linearRampToValueAtTime(0.2 * Math.min(volume, 1), now + i * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.12 + 0.25);
      osc.connect(gain).connect(context!.destination);
      osc.start(now + i * 0.12);
      osc.stop(now + i * 0.12 + 0.3);
    });
  } catch {
    /* no audio here */
  }
}

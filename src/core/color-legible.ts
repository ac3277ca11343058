/**
 * A colour made legible on given backgrounds: the app's primary colour as text, outline or focus
 * ring on the widget's surfaces (`ui/palette.ts`), for any colour an owner picks. Not in
 * `color.ts`, which the first stage carries.
 */
import { contrastRatio } from './color.js';

/** `a` mixed with `b` (#rrggbb each) by `t`: 0 is `a`, 1 is `b`. */
export function mixHex(a: string, b: string, t: number): string {
  let out = '#';
  for (let i = 1; i < 7; i += 2) {
    const x = parseInt(a.slice(i, i + 2), 16);
    const y = parseInt(b.slice(i, i + 2), 16);
    out += Math.round(x + (y - x) * t)
      .toString(16)
      .padStart(2, '0');
  }
  return out;
}

/**
 * `color` itself when it has a contrast of at least `min` with every one of `backgrounds`, else
 * the first mix of it towards `toward` (black on light surfaces, white on dark ones) that has.
 */
export function legibleOn(color: string, backgrounds: readonly string[], toward: string, min = 4.5): string {
  for (let step = 0; step < 20; step++) {
    const mixed = mixHex(color, toward, step / 20);
    if (backgrounds.every((b) => contrastRatio(mixed, b) >= min)) return mixed;
  }
  return toward;
}

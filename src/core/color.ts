/**
 * Colours from the widget configuration: validation (so nothing but a colour reaches CSS) and a
 * readable text colour for a given background (WCAG relative luminance).
 */

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The colour as `#rrggbb`, or undefined when it is not a #rgb / #rrggbb colour. */
export function normalizeHex(value: unknown): string | undefined {
  if (typeof value !== 'string' || !HEX.test(value.trim())) return undefined;
  const hex = value.trim().slice(1).toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** Contrast ratio between two #rrggbb colours (1..21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * White or black, whichever reads better on `background` (#rrggbb): at least 4.58:1 on any
 * colour (a near-black would leave mid-greys such as #7a7a7a under 4.5:1 with both).
 */
export function readableTextColor(background: string): string {
  const dark = '#000000';
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, dark) ? '#ffffff' : dark;
}

/**
 * Colours as the browser shows them, for the theme tests: any computed colour (`rgb()`,
 * `color(srgb …)`, `oklab()`…) read through a canvas pixel, the background a text sits on
 * (semi-transparent layers composed up the composed tree), and the WCAG contrast ratio.
 */

export type Rgba = [number, number, number, number];

const canvas = document.createElement('canvas');
canvas.width = canvas.height = 1;
const paint = canvas.getContext('2d', { willReadFrequently: true })!;

/** A CSS colour as 8-bit sRGB and alpha (0..1), as the browser draws it. */
export function rgba(color: string): Rgba {
  paint.clearRect(0, 0, 1, 1);
  paint.fillStyle = '#000';
  paint.fillStyle = color;
  paint.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = paint.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

/** `top` drawn over the opaque `under`. */
function over(top: Rgba, under: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1) as Rgba;
}

/** Styles from the element's own window (a host page's frame has its own). */
const styleOf = (el: Element) => el.ownerDocument.defaultView!.getComputedStyle(el);

/** The element's parent across shadow roots and slots (what it is drawn inside). */
function parentOf(el: Element): Element | null {
  return el.assignedSlot ?? el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
}

/** The opaque colour behind `el`'s text: its background and its ancestors', composed. */
export function backgroundOf(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let at: Element | null = el; at; at = parentOf(at)) {
    const bg = rgba(styleOf(at).backgroundColor);
    if (bg[3] === 0) continue;
    layers.push(bg);
    if (bg[3] === 1) break;
  }
  return layers.reduceRight<Rgba>((under, top) => over(top, under), [255, 255, 255, 1]);
}

function luminance([r, g, b]: Rgba): number {
  const c = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}

/** WCAG contrast ratio of two colours (the first drawn over the second when translucent). */
export function contrast(fg: Rgba, bg: Rgba): number {
  const [hi, lo] = [luminance(over(fg, bg)), luminance(bg)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Elements under `root` (shadow roots entered) that show text of their own, as a visitor sees them. */
export function textElements(root: Element): Element[] {
  const out: Element[] = [];
  const visit = (el: Element) => {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    const box = el.getBoundingClientRect();
    if (
      own &&
      box.width > 1 &&
      box.height > 1 &&
      el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
    )
      out.push(el);
    if (el.shadowRoot) [...el.shadowRoot.children].forEach(visit);
    [...el.children].forEach(visit);
  };
  visit(root);
  return out;
}

/** Every text under `root` whose contrast is under AA (4.5:1; 3:1 for large text), described. */
export function lowContrastTexts(root: Element): string[] {
  return textElements(root).flatMap((el) => {
    const style = styleOf(el);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const ratio = contrast(rgba(style.color), backgroundOf(el));
    return ratio >= (large ? 3 : 4.5) ? [] : [`"${el.textContent!.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`];
  });
}

/**
 * Files for attachment tests: a real PNG drawn in the page, and picking files through the attach
 * button's own file input, as the file dialog would.
 */
import type { HostPage } from './e2e.js';

/** A 64 × 48 PNG made by the page's canvas (a `File` of that page's realm). */
export async function pngFile(win: Window, name: string): Promise<File> {
  const canvas = win.document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#0a7d33';
  ctx.fillRect(0, 0, 64, 48);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new (win as unknown as typeof globalThis).File([blob], name, { type: 'image/png' });
}

/** Picks `files` through the attach button's file input. */
export function pick(page: Pick<HostPage, 'find' | 'win'>, files: File[]): void {
  const input = page.find<HTMLInputElement>('input[type="file"]')!;
  const transfer = new (page.win() as unknown as typeof globalThis).DataTransfer();
  files.forEach((f) => transfer.items.add(f));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

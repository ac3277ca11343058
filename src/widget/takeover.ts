/**
 * The loader's first stage handed over: once `<parley-chat>` has left `state="pending"` (its own
 * launcher rendered, or nothing to show), the first stage's nodes go (`ui/launcher/first-stage.ts`)
 * and, if its button had the focus, `<parley-launcher>` takes it — unless the focus has moved on
 * meanwhile (the composer of a chat the click opened). Called after each update; cheap when done.
 */
import { takeOverFirstStage } from '../ui/launcher/first-stage.js';
import type { ParleyLauncher } from '../ui/launcher/launcher.js';

export function handOverFirstStage(host: HTMLElement): void {
  const root = host.shadowRoot;
  if (host.getAttribute('state') === 'pending' || !takeOverFirstStage(root)) return;
  const launcher = root?.querySelector<ParleyLauncher>('parley-launcher');
  void launcher?.updateComplete.then(() => root?.activeElement || launcher.focus());
}

/**
 * The panel's elements a text chat does not need (the CSAT card, the lead form, the conversation
 * list, the image viewer, the mic button) come in one chunk of their own (`extra-elements.ts`),
 * imported the first time a template shows one of them. The template renders the tag as usual and
 * calls `needElement`: until the chunk has run the element is an unknown one, and lit's
 * properties, attributes and listeners wait on it; once defined it upgrades in place and takes
 * them over (ReactiveElement keeps properties set before the upgrade). A failed import is logged
 * and tried again on the next call.
 *
 * One chunk rather than five: each split costs its own gzip dictionary and imports (five chunks
 * came to 9.4 KB gzip for the 4.7 KB they took out of the panel; one comes to 6.8 KB).
 */

/** The elements `extra-elements.ts` defines. */
export type LazyTag =
  'parley-csat' | 'parley-lead-form' | 'parley-conversation-list' | 'parley-image-viewer' | 'parley-mic-button';

let loading: Promise<boolean> | undefined;

/**
 * Makes sure `tag` gets defined: resolves true once it is, false when the chunk could not load
 * (logged; the next call tries again). Cheap to call on every render.
 */
export function needElement(tag: LazyTag): Promise<boolean> {
  if (customElements.get(tag)) return Promise.resolve(true);
  loading ??= import('./extra-elements.js').then(
    () => true,
    (error: unknown) => {
      loading = undefined;
      console.error(`[parley] could not load <${tag}>:`, error);
      return false;
    },
  );
  return loading;
}

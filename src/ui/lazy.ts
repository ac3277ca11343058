/**
 * The panel's elements a text chat does not need (the CSAT card, the lead form, the conversation
 * list, the image viewer, the mic button), and the renderers of contact, audio and video messages,
 * come in one chunk of their own (`extra-elements.ts`), imported the first time a template shows
 * one of them. The template renders the tag as usual and
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

export type Extras = typeof import('./extra-elements.js');

let loading: Promise<Extras | undefined> | undefined;

/** The chunk's module once it has run; undefined when it could not load (logged; the next call tries again). */
export function extras(): Promise<Extras | undefined> {
  return (loading ??= import('./extra-elements.js').catch((error: unknown) => {
    loading = undefined;
    console.error('[parley] could not load the extra elements:', error);
    return undefined;
  }));
}

/**
 * Makes sure `tag` gets defined: resolves true once it is, false when the chunk could not load.
 * Cheap to call on every render.
 */
export function needElement(tag: LazyTag): Promise<boolean> {
  return customElements.get(tag) ? Promise.resolve(true) : extras().then(Boolean);
}

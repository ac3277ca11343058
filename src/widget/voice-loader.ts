/**
 * Loads the speech chunk (`voice.ts`) once per page; a failed import is logged and tried again on
 * the next call. Until it has loaded there is no mic button and nothing is read aloud.
 */
export type Voice = typeof import('./voice.js');

let loading: Promise<Voice | undefined> | undefined;

export function loadVoice(): Promise<Voice | undefined> {
  return (loading ??= import('./voice.js').catch((error: unknown) => {
    loading = undefined;
    console.error('[parley] could not load speech:', error);
    return undefined;
  }));
}

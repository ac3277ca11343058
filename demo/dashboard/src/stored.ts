/** The staff member's session in this browser (until they sign out): app id and token. */
const STORAGE_KEY = 'parley-dashboard';

export interface Stored {
  appId: string;
  token: string;
}

export function readStored(): Stored | undefined {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Stored> | null;
    return typeof v?.appId === 'string' && typeof v.token === 'string' ? { appId: v.appId, token: v.token } : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `stored`, or forgets the session (undefined). */
export function writeStored(stored: Stored | undefined): void {
  try {
    if (stored) localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the session lasts as long as the page.
  }
}

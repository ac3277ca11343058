/**
 * The visitor's locale on the server, so that staff see the visitor's language. `set(tag)`
 * remembers the tag (canonical, `core/language-tag.ts`; a malformed one is ignored) and hands it
 * to the session slice, which sends it with a new session. Whenever the state holds a session
 * whose stored locale differs (a session made before the tag was known, a stored one from an
 * earlier visit, a tag changed at run time), `check()` updates the visitor's record through the
 * session slice's update — once per visitor and tag, so never twice for the same change. A failure
 * is kept quiet: the widget's own language does not depend on it, and the next visit tries again.
 */
import { canonicalLocale } from '../core/language-tag.js';
import type { StateCell } from './cell.js';
import type { SessionSlice } from './session.js';
import { sessionUpdated } from './state.js';

export interface VisitorLocaleOptions {
  cell: StateCell;
  session: SessionSlice;
  signal: AbortSignal;
}

export class VisitorLocale {
  private readonly _o: VisitorLocaleOptions;
  /** The visitor and tag last sent (`userId` and tag), so that one change is sent once. */
  private _sent = '';

  constructor(options: VisitorLocaleOptions) {
    this._o = options;
  }

  /** Remembers `tag` (ignored when malformed) and brings the server's record in line. */
  set(tag: string): void {
    const canonical = canonicalLocale(tag);
    if (canonical === undefined) return;
    this._o.session.locale = canonical;
    this.check();
  }

  /** Updates the visitor's locale on the server when the session's differs (once per change). */
  check(): void {
    const { cell, session: slice, signal } = this._o;
    const session = cell.state.session;
    const tag = slice.locale;
    if (!session || tag === undefined || session.locale === tag || signal.aborted) return;
    const sent = `${session.userId}\n${tag}`;
    if (this._sent === sent) return;
    this._sent = sent;
    slice.update(session, { locale: tag }).then(
      (updated) => {
        const current = cell.state.session;
        // Only the locale is taken over: the session may have changed meanwhile (a new name).
        if (!updated || current?.token !== updated.token || current.locale === updated.locale) return;
        const next = { ...current };
        if (updated.locale === undefined) delete next.locale;
        else next.locale = updated.locale;
        slice.save(next);
        cell.set(sessionUpdated(cell.state, next));
      },
      () => {},
    );
  }
}

/**
 * The visitor's locale as a BCP 47 language tag: the one rule for what the widget sends and the
 * server stores (`Session.locale`, the Platform API's user `locale`). A tag is well-formed when
 * `Intl.getCanonicalLocales` accepts it, and is kept in its canonical form (`de-at` → `de-AT`,
 * `iw` → `he`), at most `MAX_LOCALE_LENGTH` characters (RFC 5646's advice for a buffer that holds
 * any ordinary tag). Pure; never throws.
 */

/** The longest tag accepted, before and after canonicalisation. */
export const MAX_LOCALE_LENGTH = 35;

/** `tag` in its canonical form, or undefined when it is not a well-formed BCP 47 tag (or too long). */
export function canonicalLocale(tag: unknown): string | undefined {
  if (typeof tag !== 'string') return undefined;
  const trimmed = tag.trim();
  if (trimmed === '' || trimmed.length > MAX_LOCALE_LENGTH) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(trimmed);
    return canonical !== undefined && canonical.length <= MAX_LOCALE_LENGTH ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Content type 7, a shared contact: `{"name", "phone", "email"}` as JSON in the message text
 * (like location's `{"lat", "lon"}`). A module of its own so that it travels with its lazy
 * renderer (`src/ui/content/media.ts`), not with every chat. Pure; never throws.
 */
import { json, str } from './rich-read.js';
import { isRecord } from './wire.js';

/** A contact card: each part as sent, and the links made of the valid ones. */
export interface Contact {
  name?: string;
  phone?: string;
  /** `tel:` and the phone's digits (and leading +), when `phone` is a phone number. */
  tel?: string;
  email?: string;
  /** `mailto:` and the address, when `email` is a plain e-mail address. */
  mailto?: string;
}

/** A phone number without its separators (spaces, brackets, dots, dashes): digits, an optional leading +. */
const PHONE = /^\+?\d{3,20}$/;
/** A plain e-mail address (ASCII; nothing a mailto: URL would read as a query or a fragment). */
const EMAIL = /^[\w.+-]+@[a-z\d-]+(\.[a-z\d-]+)+$/i;

/**
 * The contact in a message's text; a phone or e-mail that is not one stays text (no link). The
 * links are made here, of a fixed scheme and only the characters the patterns allow, so no value
 * can become a link of another scheme. Undefined when the text is not a JSON object with a name,
 * phone or e-mail.
 */
export function parseContact(text: unknown): Contact | undefined {
  const o = json(text);
  if (!isRecord(o)) return undefined;
  const c: Contact = {};
  const name = str(o.name, 200);
  const phone = str(o.phone, 60);
  const email = str(o.email, 254);
  if (name) c.name = name;
  if (phone) {
    c.phone = phone;
    const digits = phone.replace(/[\s().-]/g, '');
    if (PHONE.test(digits)) c.tel = `tel:${digits}`;
  }
  if (email) {
    c.email = email;
    if (EMAIL.test(email)) c.mailto = `mailto:${email}`;
  }
  return name || phone || email ? c : undefined;
}

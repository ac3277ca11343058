/** Password hashes for agents: scrypt with a random salt, `scrypt$<salt>$<hash>` (base64url). */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** A new random password for a person to type once and change (16 characters, ~96 bits). */
export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

let decoy: Promise<string> | undefined;

/**
 * Checks `password` against `stored`, or — when there is no account to check against — against
 * a decoy hash, so that an unknown app or account costs the same scrypt run as a wrong password.
 */
export async function verifyLogin(password: string, stored: string | null | undefined): Promise<boolean> {
  decoy ??= hashPassword(randomBytes(16).toString('base64url'));
  if (stored) return verifyPassword(password, stored);
  await verifyPassword(password, await decoy);
  return false;
}

/** Whether `password` matches `stored`; false for any malformed stored value. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, salt, hash] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, Buffer.from(salt, 'base64url'));
  return timingSafeEqual(key, expected);
}

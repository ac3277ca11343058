/**
 * What a site's own server computes for its page when the app verifies identities: the hex
 * HMAC-SHA256 of the userId with the app's identity secret (demo/server/src/identity.ts).
 */
export async function accessTokenFor(secret: string, userId: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(userId)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

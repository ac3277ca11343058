/**
 * Pseudonyms for anonymous visitors ("Poised Salmon"): an adjective and an aquatic animal,
 * derived deterministically from the userId, so a visitor keeps their name across sessions.
 * Pure: usable from browser tests.
 */

export const PSEUDONYM_ADJECTIVES = [
  'Agile', 'Bold', 'Brave', 'Bright', 'Calm', 'Cheerful', 'Clever', 'Cosmic', 'Curious', 'Daring',
  'Dapper', 'Eager', 'Gentle', 'Glad', 'Graceful', 'Happy', 'Humble', 'Jolly', 'Keen', 'Kind',
  'Lively', 'Lucky', 'Merry', 'Mellow', 'Nimble', 'Noble', 'Patient', 'Plucky', 'Poised', 'Proud',
  'Quick', 'Quiet', 'Radiant', 'Serene', 'Sincere', 'Spry', 'Steady', 'Sunny', 'Swift', 'Witty',
] as const;

export const PSEUDONYM_ANIMALS = [
  'Anchovy', 'Barracuda', 'Beluga', 'Clownfish', 'Cod', 'Coral', 'Crab', 'Cuttlefish', 'Dolphin',
  'Eel', 'Flounder', 'Grouper', 'Haddock', 'Halibut', 'Herring', 'Jellyfish', 'Krill', 'Lobster',
  'Mackerel', 'Manatee', 'Marlin', 'Minnow', 'Narwhal', 'Octopus', 'Orca', 'Otter', 'Oyster',
  'Pike', 'Porpoise', 'Pufferfish', 'Salmon', 'Sardine', 'Seahorse', 'Seal', 'Shrimp', 'Squid',
  'Starfish', 'Stingray', 'Trout', 'Tuna', 'Turtle', 'Walrus', 'Whale',
] as const;

/** FNV-1a, 32 bit: a small, stable string hash. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The pseudonym for `userId`: always the same pair for the same id; never throws. */
export function pseudonymFor(userId: string): string {
  const id = typeof userId === 'string' ? userId : String(userId);
  const adjective = PSEUDONYM_ADJECTIVES[fnv1a(id) % PSEUDONYM_ADJECTIVES.length]!;
  const animal = PSEUDONYM_ANIMALS[fnv1a(id, 0x9e3779b9) % PSEUDONYM_ANIMALS.length]!;
  return `${adjective} ${animal}`;
}

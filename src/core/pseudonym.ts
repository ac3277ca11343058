/**
 * Pseudonyms for anonymous visitors: an adjective and an aquatic animal ("Poised Salmon"),
 * picked deterministically from a seed (the visitor's userId) so that every page and every
 * agent sees the same name for the same visitor.
 */
export const PSEUDONYM_ADJECTIVES = [
  'Poised',
  'Brave',
  'Calm',
  'Clever',
  'Curious',
  'Daring',
  'Eager',
  'Gentle',
  'Glad',
  'Jolly',
  'Kind',
  'Lively',
  'Lucky',
  'Merry',
  'Mighty',
  'Nimble',
  'Noble',
  'Patient',
  'Plucky',
  'Proud',
  'Quick',
  'Quiet',
  'Radiant',
  'Serene',
  'Sharp',
  'Shy',
  'Sleek',
  'Smart',
  'Spry',
  'Steady',
  'Sunny',
  'Swift',
  'Tidy',
  'Upbeat',
  'Vivid',
  'Warm',
  'Wise',
  'Witty',
  'Zesty',
  'Bold',
] as const;

export const PSEUDONYM_ANIMALS = [
  'Salmon',
  'Dolphin',
  'Otter',
  'Seal',
  'Walrus',
  'Narwhal',
  'Orca',
  'Manatee',
  'Octopus',
  'Squid',
  'Seahorse',
  'Starfish',
  'Jellyfish',
  'Lobster',
  'Crab',
  'Shrimp',
  'Turtle',
  'Penguin',
  'Puffin',
  'Pelican',
  'Stingray',
  'Marlin',
  'Tuna',
  'Trout',
  'Herring',
  'Mackerel',
  'Beluga',
  'Swordfish',
  'Clownfish',
  'Pufferfish',
  'Barracuda',
  'Anchovy',
  'Sardine',
  'Halibut',
  'Cod',
  'Eel',
  'Krill',
  'Urchin',
  'Coral',
  'Sea Lion',
] as const;

/** 32-bit FNV-1a over the UTF-16 code units of `text`. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** "Adjective Animal" for a seed. Any input gives a name; non-strings are treated as "". */
export function pseudonymFor(seed: string): string {
  const text = typeof seed === 'string' ? seed : '';
  const hash = fnv1a(text);
  const adjective = PSEUDONYM_ADJECTIVES[hash % PSEUDONYM_ADJECTIVES.length];
  // A second, differently mixed hash so that adjective and animal vary independently.
  const animal = PSEUDONYM_ANIMALS[fnv1a(`${text}\u0000animal`) % PSEUDONYM_ANIMALS.length];
  return `${adjective} ${animal}`;
}

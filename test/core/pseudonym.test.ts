import { expect } from '@open-wc/testing';
import { PSEUDONYM_ADJECTIVES, PSEUDONYM_ANIMALS, pseudonymFor } from '../../src/core/pseudonym.js';

describe('core/pseudonym', () => {
  it('is an adjective followed by an aquatic animal', () => {
    const name = pseudonymFor('visitor-1');
    const [adjective, ...animal] = name.split(' ');
    expect(PSEUDONYM_ADJECTIVES as readonly string[]).to.include(adjective);
    expect(PSEUDONYM_ANIMALS as readonly string[]).to.include(animal.join(' '));
  });

  it('is deterministic', () => {
    expect(pseudonymFor('abc')).to.equal(pseudonymFor('abc'));
  });

  it('spreads different seeds over many names', () => {
    const names = new Set(Array.from({ length: 200 }, (_, i) => pseudonymFor(`user-${i}`)));
    expect(names.size).to.be.greaterThan(100);
  });

  it('gives a name for empty and bad seeds', () => {
    expect(pseudonymFor('')).to.match(/^\w+ [\w ]+$/);
    expect(pseudonymFor(undefined as unknown as string)).to.equal(pseudonymFor(''));
  });
});

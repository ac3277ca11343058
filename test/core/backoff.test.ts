import { expect } from '@open-wc/testing';
import { backoffDelay } from '../../src/core/backoff.js';

describe('core/backoff', () => {
  const max = () => 0.999999;

  it('grows exponentially from the base', () => {
    expect(backoffDelay(0, { base: 100, cap: 10000, random: max })).to.equal(99);
    expect(backoffDelay(1, { base: 100, cap: 10000, random: max })).to.equal(199);
    expect(backoffDelay(3, { base: 100, cap: 10000, random: max })).to.equal(799);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(backoffDelay(50, { base: 100, cap: 5000, random: max })).to.be.at.most(5000);
    expect(backoffDelay(5000, { base: 100, cap: 5000, random: () => 1 })).to.equal(5000);
  });

  it('applies full jitter between 0 and the ceiling', () => {
    expect(backoffDelay(4, { base: 100, cap: 10000, random: () => 0 })).to.equal(0);
    expect(backoffDelay(4, { base: 100, cap: 10000, random: () => 0.5 })).to.equal(800);
  });

  it('uses Math.random by default and stays within bounds', () => {
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(2, { base: 100, cap: 1000 });
      expect(d).to.be.within(0, 400);
    }
  });

  it('turns bad numbers into sensible values', () => {
    expect(backoffDelay(Number.NaN, { base: 100, cap: 1000, random: max })).to.equal(99);
    expect(backoffDelay(-3, { base: 100, cap: 1000, random: max })).to.equal(99);
    expect(backoffDelay(2, { base: Number.NaN, cap: Number.POSITIVE_INFINITY, random: () => 2 })).to.be.finite;
    expect(backoffDelay(2, { base: 100, cap: 1000, random: () => Number.NaN })).to.equal(0);
  });
});

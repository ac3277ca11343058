import { expect } from '@open-wc/testing';
import { CONTENT_TYPE_VALUES } from '../../src/core/protocol.js';

describe('protocol', () => {
  it('lists content types 0..10', () => {
    expect(CONTENT_TYPE_VALUES).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

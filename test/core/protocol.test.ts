import { expect } from '@open-wc/testing';
import {
  CONTENT_TYPE_VALUES,
  CONVERSATION_STATUS,
  CONVERSATION_STATUSES,
  MESSAGE_STATUS,
  MESSAGE_STATUSES,
  MESSAGE_TYPE,
  MESSAGE_TYPES,
  OPEN_CONVERSATION_STATUSES,
} from '../../src/core/protocol.js';

describe('protocol enumerations', () => {
  it('derive each list from its named map', () => {
    expect(CONTENT_TYPE_VALUES).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(CONVERSATION_STATUSES).to.deep.equal([0, 1, 2, 3, 7]);
    expect(MESSAGE_STATUSES).to.deep.equal([3, 4, 5]);
    expect(MESSAGE_TYPES).to.deep.equal([4, 5]);
    expect(OPEN_CONVERSATION_STATUSES).to.deep.equal([
      CONVERSATION_STATUS.open,
      CONVERSATION_STATUS.inProgress,
      CONVERSATION_STATUS.waiting,
    ]);
    expect(MESSAGE_STATUS.read).to.equal(5);
    expect(MESSAGE_TYPE.fromVisitor).to.equal(5);
  });
});

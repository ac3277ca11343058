import { expect } from '@open-wc/testing';
import {
  CONTENT_TYPES,
  CONTENT_TYPE_VALUES,
  CONVERSATION_STATUS,
  CONVERSATION_STATUSES,
  ERROR_CODES,
  MESSAGE_STATUS,
  MESSAGE_STATUSES,
  MESSAGE_TYPE,
  MESSAGE_TYPES,
  OPEN_CONVERSATION_STATUSES,
} from '../../src/core/protocol.js';

interface ConsoleProtocol {
  CONTENT_TYPES: Record<string, number>;
  CONVERSATION_STATUS: Record<string, number>;
  ERROR_CODES: Record<string, string>;
  OPEN_CONVERSATION_STATUSES: readonly number[];
}

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

  it("agree with the agent console's copy", async () => {
    // The console is plain JavaScript served as it is; its copy must name the same numbers.
    const path = '../../demo/agent/protocol.js';
    const copy = (await import(path)) as ConsoleProtocol;
    for (const [name, value] of Object.entries(copy.CONTENT_TYPES))
      expect(value, name).to.equal(CONTENT_TYPES[name as keyof typeof CONTENT_TYPES]);
    expect(copy.CONVERSATION_STATUS).to.deep.equal(CONVERSATION_STATUS);
    for (const [name, value] of Object.entries(copy.ERROR_CODES))
      expect(value, name).to.equal(ERROR_CODES[name as keyof typeof ERROR_CODES]);
    expect([...copy.OPEN_CONVERSATION_STATUSES]).to.deep.equal([...OPEN_CONVERSATION_STATUSES]);
  });
});

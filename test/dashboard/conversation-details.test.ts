/** The open conversation's visitor details in the staff app (`demo/dashboard/src/conversation-details.ts`). */
import { expect } from '@open-wc/testing';
import { ConversationDetails } from '../../demo/dashboard/src/conversation-details.js';
import type { Api } from '../../demo/dashboard/src/api.js';
import type { Conversation } from '../../src/core/protocol.js';

type Detail = Array<Record<string, unknown>>;

/** An API whose user-detail answers the test releases one by one, in any order. */
function slowApi() {
  const pending: Array<{ answer: (d: Detail) => void; fail: (e: Error) => void }> = [];
  const api = {
    userDetail: () => new Promise<Detail>((answer, fail) => pending.push({ answer, fail })),
  } as unknown as Api;
  return { api, pending };
}

const conversation = {
  groupId: '7',
  members: [
    { userId: 'alex', role: 'agent' },
    { userId: 'tom', role: 'user', userName: 'Tom' },
  ],
} as unknown as Conversation;

describe('staff app: the visitor card’s details', () => {
  it('keeps the newest read when an older answer arrives last (online is never hidden by an earlier offline)', async () => {
    const { api, pending } = slowApi();
    const details = new ConversationDetails(() => {});
    const first = details.loadVisitor(api, conversation, () => true, true);
    const second = details.loadVisitor(api, conversation, () => true, true);
    pending[1]!.answer([{ userId: 'tom', connected: true }]);
    await second;
    pending[0]!.answer([{ userId: 'tom', connected: false, lastSeenAtTime: 1 }]);
    await first;
    expect(details.visitor).to.deep.equal({ userId: 'tom', connected: true });
  });

  it('keeps what it knew when a read fails, and shows id and name when it knew nothing', async () => {
    const { api, pending } = slowApi();
    const details = new ConversationDetails(() => {});
    let read = details.loadVisitor(api, conversation, () => true, true);
    pending[0]!.fail(new Error('429'));
    await read;
    expect(details.visitor).to.deep.equal({ userId: 'tom', userName: 'Tom' });
    read = details.loadVisitor(api, conversation, () => true, true);
    pending[1]!.answer([{ userId: 'tom', connected: true }]);
    await read;
    read = details.loadVisitor(api, conversation, () => true, true);
    pending[2]!.fail(new Error('offline'));
    await read;
    expect(details.visitor).to.deep.equal({ userId: 'tom', connected: true });
  });

  it('drops an answer for a conversation no longer open', async () => {
    const { api, pending } = slowApi();
    const details = new ConversationDetails(() => {});
    const read = details.loadVisitor(api, conversation, () => true, true);
    details.clear();
    pending[0]!.answer([{ userId: 'tom', connected: true }]);
    await read;
    expect(details.visitor).to.equal(undefined);
  });
});

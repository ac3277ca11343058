import { expect } from '@open-wc/testing';
import { en, resolveStrings } from '../../src/core/locale.js';
import { noticeText } from '../../src/core/notices.js';
import type { Metadata } from '../../src/core/protocol.js';

const names: Record<string, string> = { ana: 'Ana Lopez', bot: 'Bob' };
const nameOf = (id: string) => names[id];
const notice = (metadata: Metadata, message = 'server text') => ({ message, metadata });

describe('noticeText', () => {
  it('words each kind of notice from the strings', () => {
    expect(noticeText(notice({ notice: 'resolved', status: '2' }), en, nameOf)).to.equal(en.noticeResolved);
    expect(noticeText(notice({ notice: 'resolved', by: 'ana' }), en, nameOf)).to.equal(
      'Conversation resolved by Ana Lopez',
    );
    expect(noticeText(notice({ notice: 'reopened' }), en, nameOf)).to.equal(en.noticeReopened);
    expect(noticeText(notice({ notice: 'reopened', by: 'ana' }), en, nameOf)).to.equal(
      'Conversation reopened by Ana Lopez',
    );
    expect(noticeText(notice({ notice: 'spam', by: 'ana' }), en, nameOf)).to.equal(
      'Conversation marked as spam by Ana Lopez',
    );
    expect(noticeText(notice({ notice: 'autoResolved' }), en, nameOf)).to.equal(en.noticeAutoResolved);
    expect(noticeText(notice({ notice: 'assigned', assignee: 'bot' }), en, nameOf)).to.equal('Assigned to Bob');
  });

  it("uses the site's labels", () => {
    const strings = resolveStrings({ noticeReopenedBy: '{name} a rouvert la conversation' });
    expect(noticeText(notice({ notice: 'reopened', by: 'ana' }), strings, nameOf)).to.equal(
      'Ana Lopez a rouvert la conversation',
    );
  });

  it("keeps the server's text for other kinds, unknown people and hostile metadata", () => {
    expect(noticeText(notice({}), en, nameOf)).to.equal('server text');
    expect(noticeText(notice({ notice: 'joined' }), en, nameOf)).to.equal('server text');
    expect(noticeText(notice({ notice: 'assigned', assignee: 'nobody' }), en, nameOf)).to.equal('server text');
    expect(noticeText(notice({ notice: 'resolved', by: 'nobody' }), en, nameOf)).to.equal('server text');
    for (const kind of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(noticeText(notice({ notice: kind }), en, nameOf)).to.equal('server text');
    expect(
      noticeText({ message: undefined as unknown as string, metadata: undefined as unknown as Metadata }, en, nameOf),
    ).to.equal('');
  });
});

import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { formatTime, resolveStrings } from '../../src/core/locale.js';
import { ParleyMessageList } from '../../src/ui/message-list/message-list.js';
import { ParleyMessage } from '../../src/ui/message/message.js';
import { ParleyDiscardEvent, ParleyRetryEvent } from '../../src/ui/events.js';
import { click, press, setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';
import {
  AGENT,
  BOT,
  ME,
  atBottom,
  inMessage,
  items,
  list,
  liveRegion,
  log,
  msg,
  pending,
  setMessages,
  settle,
  textOf,
} from '../helpers/message-list.js';

describe('<parley-message-list>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('is an empty, labelled log', async () => {
      const el = await list([]);
      expect(log(el).getAttribute('aria-label')).to.equal('Conversation');
      expect(items(el)).to.have.length(0);
      expect(liveRegion(el).textContent?.trim()).to.equal('');
    });
  });

  describe('messages', () => {
    it("draws the visitor's messages on one side and the agent's on the other", async () => {
      const el = await list([msg(AGENT, 'Hi, how can I help?'), msg(ME, 'My order is late')]);
      const [agent, mine] = items(el);
      expect(agent?.hasAttribute('self')).to.equal(false);
      expect(mine?.hasAttribute('self')).to.equal(true);
      const agentBubble = inMessage(agent!, '[part="message"]')!.getBoundingClientRect();
      const myBubble = inMessage(mine!, '[part="message"]')!.getBoundingClientRect();
      const box = log(el).getBoundingClientRect();
      expect(agentBubble.left - box.left).to.be.lessThan(box.right - agentBubble.right);
      expect(box.right - myBubble.right).to.be.lessThan(myBubble.left - box.left);
      expect(textOf(agent!)).to.contain('Hi, how can I help?');
      expect(textOf(mine!)).to.contain('My order is late');
    });

    it("shows the sender's name and picture, or initials when the picture is not http(s)", async () => {
      const el = await list([msg(AGENT, 'from Ana'), msg(BOT, 'from Bob')]);
      const [ana, bob] = items(el);
      expect(inMessage(ana!, '[part="name"]')?.textContent).to.equal('Ana Lopez');
      expect(inMessage(ana!, 'img[part="avatar"]')?.getAttribute('src')).to.equal('https://cdn.example.com/ana.png');
      expect(inMessage(bob!, '[part="name"]')?.textContent).to.equal('Bob');
      expect(inMessage(bob!, 'img')).to.equal(null);
      expect(inMessage(bob!, '[part="avatar"]')?.textContent).to.equal('B');
    });

    it('falls back to the sender id for unknown senders', async () => {
      const el = await list([msg('agent-x', 'who am I')]);
      expect(inMessage(items(el)[0]!, '[part="name"]')?.textContent).to.equal('agent-x');
    });

    it('groups consecutive messages of one sender: name on the first, time on the last', async () => {
      const messages = [msg(AGENT, 'one'), msg(AGENT, 'two'), msg(AGENT, 'three'), msg(ME, 'mine')];
      const el = await list(messages);
      const [one, two, three] = items(el);
      expect([one, two, three].map((m) => inMessage(m!, '[part="name"]') !== null)).to.deep.equal([true, false, false]);
      expect([one, two, three].map((m) => inMessage(m!, 'time') !== null)).to.deep.equal([false, false, true]);
      expect(inMessage(three!, 'time')?.textContent).to.equal(formatTime(messages[2]!.createdAtTime));
      expect(inMessage(three!, 'time')?.getAttribute('datetime')).to.equal(
        new Date(messages[2]!.createdAtTime).toISOString(),
      );
    });

    it('starts a new group after a long pause', async () => {
      const first = msg(AGENT, 'before lunch');
      const later = msg(AGENT, 'after lunch', { createdAtTime: first.createdAtTime + 30 * 60 * 1000 });
      const el = await list([first, later]);
      expect(items(el).map((m) => inMessage(m, '[part="name"]') !== null)).to.deep.equal([true, true]);
    });

    it('shows system notifications as a centred line, and hides those marked hide', async () => {
      const el = await list([
        msg(AGENT, 'Ana Lopez joined the conversation', { contentType: 10 }),
        msg(AGENT, 'internal routing note', { contentType: 10, metadata: { hide: 'true' } }),
        msg(AGENT, 'Hello'),
      ]);
      const notices = shadowAll(el, '[part="notice"]');
      expect(notices.map((n) => n.textContent)).to.deep.equal(['Ana Lopez joined the conversation']);
      expect(getComputedStyle(notices[0]!).textAlign).to.equal('center');
      expect(log(el).textContent).not.to.contain('internal routing note');
      expect(items(el)).to.have.length(1);
    });

    it("words the server's notices in the widget's own strings, naming people it knows", async () => {
      const strings = resolveStrings({ noticeAssigned: 'Zugewiesen an {name}', noticeResolvedBy: 'Gelöst von {name}' });
      const el = await list(
        [
          msg('system', 'Assigned to Ana Lopez', {
            contentType: 10,
            metadata: { notice: 'assigned', assignee: AGENT },
          }),
          msg(AGENT, 'Conversation resolved by Ana Lopez', {
            contentType: 10,
            metadata: { notice: 'resolved', status: '2', by: AGENT },
          }),
          // Someone the widget cannot name: the server's words stand.
          msg('system', 'Assigned to Sam', { contentType: 10, metadata: { notice: 'assigned', assignee: 'sam' } }),
        ],
        { strings },
      );
      expect(shadowAll(el, '[part="notice"]').map((n) => n.textContent)).to.deep.equal([
        'Zugewiesen an Ana Lopez',
        'Gelöst von Ana Lopez',
        'Assigned to Sam',
      ]);
    });

    it('lays out messages arriving one at a time exactly as the whole conversation at once', async () => {
      const conversation = [
        msg(AGENT, 'hello'),
        msg(AGENT, 'how can I help'),
        msg(ME, 'my order'),
        msg(ME, 'is late', { status: 5 }),
        msg(AGENT, 'Ana Lopez joined the conversation', { contentType: 10 }),
        msg(AGENT, 'let me look'),
        msg(AGENT, 'internal routing note', { contentType: 10, metadata: { hide: 'true' } }),
        msg(AGENT, 'still looking'),
        msg(BOT, 'a bot chimes in'),
        msg(AGENT, 'found it', { createdAtTime: Date.now() + 40 * 60 * 1000 }),
        msg(ME, 'thanks'),
      ];
      const drawn = (el: ParleyMessageList) =>
        [...log(el).querySelectorAll('parley-message, [part="notice"]')].map((n) =>
          n instanceof ParleyMessage
            ? `${textOf(n)} | ${inMessage(n, '[part="name"]') ? 'named' : ''}`
            : `notice: ${n.textContent}`,
        );
      const grown = await list(conversation.slice(0, 1));
      // The same objects each time, one more at the end: what a live conversation gives the list.
      for (let i = 2; i <= conversation.length; i++) await setMessages(grown, conversation.slice(0, i));
      const whole = await list(conversation);
      expect(drawn(grown)).to.deep.equal(drawn(whole));
      expect(drawn(grown)).to.have.length(10);
      // The visitor's first messages are answered now: only the last of theirs says how it went.
      expect(drawn(grown).filter((t) => /Sent|Read/.test(t))).to.have.length(1);
    });

    it('shows each key once', async () => {
      const hello = msg(AGENT, 'Hello');
      const el = await list([hello, { ...hello }, msg(ME, 'Hi')]);
      expect(items(el)).to.have.length(2);
    });

    it('uses the visitor side for type 5 when no selfId is given', async () => {
      const el = await list([msg(ME, 'mine')]);
      el.selfId = '';
      await settle(el);
      expect(items(el)[0]?.hasAttribute('self')).to.equal(true);
    });
  });

  describe('delivery state', () => {
    it('says Sending… and Not sent on own messages, Sent or Read on the latest one only', async () => {
      const read = msg(ME, 'read one', { status: 5 });
      const el = await list([msg(ME, 'older'), read]);
      expect(items(el).map(textOf)).to.deep.equal([`You older`, `You read one ${formatTime(read.createdAtTime)} Read`]);
      await setMessages(el, [msg(ME, 'stored'), pending('on its way', 'sending'), pending('lost', 'failed')]);
      const [stored, sending, failed] = items(el);
      expect(textOf(stored!)).not.to.match(/Sent|Sending/);
      expect(textOf(sending!)).to.contain('Sending…');
      expect(textOf(failed!)).to.contain('Not sent');
      expect(failed!.getAttribute('delivery')).to.equal('failed');
      await setMessages(el, [msg(ME, 'delivered')]);
      expect(textOf(items(el)[0]!)).to.match(/Sent$/);
    });

    it('offers Retry and Delete for a failed message', async () => {
      const lost = pending('lost', 'failed');
      const el = await list([lost]);
      const [retry, discard] = Array.from(items(el)[0]!.shadowRoot!.querySelectorAll('button'));
      expect(retry?.textContent).to.equal('Retry');
      expect(discard?.textContent).to.equal('Delete');
      const retried = oneEvent(document, 'parley-retry');
      await click(retry!);
      const r = await retried;
      expect(r).to.be.instanceOf(ParleyRetryEvent);
      expect(r.detail.key).to.equal(lost.key);
      const discarded = oneEvent(document, 'parley-discard');
      discard!.focus();
      await press('Enter');
      const d = await discarded;
      expect(d).to.be.instanceOf(ParleyDiscardEvent);
      expect(d.detail.key).to.equal(lost.key);
    });
    it('says when a file is kept in this tab only, and offers only Delete for a file that was lost', async () => {
      const inTab = { ...pending('', 'sending'), fileInTab: true };
      const lost = { ...pending('', 'failed'), errorCode: 'PL-F-01' };
      const el = await list([inTab, lost]);
      const [kept, gone] = items(el);
      expect(textOf(kept!)).to.contain("Sending… this file is kept in this tab only until it's sent");
      expect(textOf(gone!)).to.contain('Not sent: the file was not saved. Please attach it again');
      const buttons = Array.from(gone!.shadowRoot!.querySelectorAll('button')).map((b) => b.textContent);
      expect(buttons).to.deep.equal(['Delete']);
    });
  });

  describe('typing', () => {
    it('says who is typing, never the visitor', async () => {
      const el = await list([msg(AGENT, 'Hello')], { typing: [AGENT, ME] });
      expect(shadow(el, '[part="typing"]').textContent?.trim()).to.equal('Ana Lopez is typing…');
      el.typing = [AGENT, BOT];
      await settle(el);
      expect(shadow(el, '[part="typing"]').textContent?.trim()).to.equal('Ana Lopez and Bob are typing…');
      el.typing = [ME];
      await settle(el);
      expect(shadowAll(el, '[part="typing"]')).to.have.length(0);
    });
  });

  describe('announcements', () => {
    it('announces new incoming messages politely, not the history or own messages', async () => {
      const history = [msg(AGENT, 'Old news'), msg(ME, 'old reply')];
      const el = await list(history);
      expect(liveRegion(el).textContent?.trim()).to.equal('');
      expect(log(el).getAttribute('aria-live')).to.equal('off');

      const mine = pending('my question', 'sending');
      await setMessages(el, [...history, mine]);
      expect(liveRegion(el).textContent?.trim()).to.equal('');

      await setMessages(el, [...history, mine, msg(AGENT, 'Here is the answer')]);
      expect(liveRegion(el).textContent?.trim()).to.equal('New message from Ana Lopez: Here is the answer');
    });

    it('does not announce older messages loaded above, nor another conversation', async () => {
      const latest = msg(AGENT, 'latest');
      const el = await list([latest]);
      await setMessages(el, [msg(AGENT, 'much older', { id: 0 }), latest]);
      expect(liveRegion(el).textContent?.trim()).to.equal('');
      await setMessages(el, [msg(BOT, 'other conversation', { groupId: 'g2' })]);
      expect(liveRegion(el).textContent?.trim()).to.equal('');
    });

    it('announces a message without text by its sender only', async () => {
      const first = msg(AGENT, 'Hello');
      const el = await list([first]);
      await setMessages(el, [first, msg(AGENT, '', { contentType: 1 })]);
      expect(liveRegion(el).textContent?.trim()).to.equal('New message from Ana Lopez');
    });
  });

  describe('scrolling', () => {
    const many = () => Array.from({ length: 30 }, (_, i) => msg(i % 3 ? AGENT : ME, `message number ${i}`));

    it('starts at the newest message and follows new ones while at the bottom', async () => {
      const history = many();
      const el = await list(history);
      await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
      await setMessages(el, [...history, msg(AGENT, 'a new one')]);
      await waitUntil(() => atBottom(log(el)), 'follows the new message');
    });

    it('stays where the visitor scrolled to, until they send a message', async () => {
      const history = many();
      const el = await list(history);
      await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
      log(el).scrollTop = 0;
      const incoming = msg(AGENT, 'while reading old messages');
      await setMessages(el, [...history, incoming]);
      await el.updateComplete;
      expect(log(el).scrollTop).to.equal(0);
      await setMessages(el, [...history, incoming, pending('my reply', 'sending')]);
      await waitUntil(() => atBottom(log(el)), 'back at the bottom after sending');
    });

    it('offers a jump to the latest message, with how many arrived, while the visitor reads above', async () => {
      const history = many();
      const el = await list(history);
      await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
      const jump = () => el.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="jump-to-latest"]');
      expect(jump(), 'no button at the end').to.equal(null);
      log(el).scrollTop = 0;
      await setMessages(el, [...history, msg(AGENT, 'first while away'), msg(AGENT, 'second while away')]);
      const button = await waitUntil(() => jump(), 'the jump button').then(() => jump()!);
      expect(log(el).scrollTop, 'the visitor stays where they read').to.equal(0);
      expect(button.textContent?.replace(/\s+/g, ' ').trim()).to.equal('2 new messages');
      expect(button.getAttribute('aria-label')).to.equal('2 new messages. Jump to the latest message');
      expect(getComputedStyle(button).position).to.equal('absolute');

      // Keyboard: Tab reaches it from the conversation, Enter brings the end and keeps the focus in the log.
      button.focus();
      await press('Enter');
      await waitUntil(() => atBottom(log(el)) && !jump(), 'at the end, the button gone');
      expect(el.shadowRoot!.activeElement).to.equal(log(el));
      // New messages at the end need no button.
      await setMessages(el, [
        ...history,
        msg(AGENT, 'first while away'),
        msg(AGENT, 'second while away'),
        msg(AGENT, 'third'),
      ]);
      await waitUntil(() => atBottom(log(el)), 'follows the end again');
      expect(jump()).to.equal(null);
    });

    it('offers the jump, without a count, when scrolled more than a screen up; scrolling back down takes it away', async () => {
      const el = await list(many());
      await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
      const jump = () => el.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="jump-to-latest"]');
      log(el).scrollTop = 0;
      await waitUntil(() => jump(), 'the jump button after scrolling up');
      expect(jump()!.textContent?.trim()).to.equal('Jump to the latest message');
      const s = log(el);
      s.scrollTop = s.scrollHeight;
      await waitUntil(() => !jump(), 'gone at the end');
    });

    it('can be scrolled with the keyboard', async () => {
      const el = await list(many());
      await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
      const bottom = log(el).scrollTop;
      log(el).focus();
      await press('Home');
      await waitUntil(() => log(el).scrollTop < bottom, 'Home scrolls up');
    });
  });

  describe('accessibility', () => {
    it('is accessible with a realistic conversation', async () => {
      const el = await list(
        [
          msg(AGENT, 'Ana Lopez joined the conversation', { contentType: 10 }),
          msg(AGENT, 'Hi! How can I help?'),
          msg(ME, 'Where is my order?', { status: 5 }),
          msg(BOT, 'Let me check.'),
          pending('Thanks', 'sending'),
          pending('Are you there?', 'failed'),
        ],
        { typing: [AGENT] },
      );
      await expect(el).to.be.accessible();
    });
  });

  describe('definition', () => {
    it('can be defined again without errors', () => {
      expect(() => ParleyMessageList.define('parley-message-list')).not.to.throw();
    });
  });
});

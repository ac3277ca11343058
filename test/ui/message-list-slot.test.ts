/**
 * `<parley-message-list>`'s slot: what goes above the first message (the welcome or away notice)
 * is part of the conversation's scroller.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/ui/message-list/message-list.js';
import { setUpUiSuite } from '../helpers/ui.js';
import { AGENT, ME, atBottom, items, list, log, msg, setMessages, settle } from '../helpers/message-list.js';

describe('<parley-message-list> slot', () => {
  setUpUiSuite();
  const many = () => Array.from({ length: 30 }, (_, i) => msg(i % 3 ? AGENT : ME, `message number ${i}`));

  it('shows what is slotted (the welcome notice) above the first message, scrolling away with it', async () => {
    const history = many();
    const el = await list(history.slice(0, 2));
    const card = document.createElement('p');
    card.textContent = 'Welcome!';
    el.append(card);
    await settle(el);
    const first = items(el)[0]!.getBoundingClientRect();
    expect(card.getBoundingClientRect().bottom, 'above the first message').to.be.at.most(first.top);
    expect(card.getBoundingClientRect().top, 'inside the log').to.be.at.least(log(el).getBoundingClientRect().top);
    await setMessages(el, history);
    await waitUntil(() => atBottom(log(el)), 'follows the conversation');
    expect(card.getBoundingClientRect().bottom, 'scrolled away').to.be.at.most(log(el).getBoundingClientRect().top);
    log(el).scrollTop = 0;
    await waitUntil(() => card.getBoundingClientRect().top >= log(el).getBoundingClientRect().top, 'back in view');
  });
});

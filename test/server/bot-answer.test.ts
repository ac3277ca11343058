/**
 * The pure parts of bots behind a URL: which bots answer a visitor (the reply rule), and the
 * strict reading of a bot's answer (`demo/server/src/bot-answer.ts`).
 */
import { expect } from '@open-wc/testing';
import { parseBotAnswer } from '../../demo/server/src/bot-answer.js';
import { answeringBots } from '../../demo/server/src/rules.js';

const member = (user_id: string, role: 'bot' | 'agent' | 'user', deactivated = false) => ({
  user_id,
  role,
  deactivated,
});

describe('server: which bots answer a visitor', () => {
  const members = [member('v', 'user'), member('app-bot', 'bot'), member('sales-bot', 'bot'), member('amy', 'agent')];
  const ids = (list: Array<{ user_id: string }>) => list.map((m) => m.user_id);

  it('without the reply rule: the assigned bot, or the app’s bot while nobody is assigned, when a member', () => {
    expect(ids(answeringBots(members, null, 'app-bot', false))).to.deep.equal(['app-bot']);
    expect(ids(answeringBots(members, 'sales-bot', 'app-bot', false))).to.deep.equal(['sales-bot']);
    expect(ids(answeringBots(members, 'amy', 'app-bot', false))).to.deep.equal([]);
    expect(ids(answeringBots(members, null, 'other-bot', false))).to.deep.equal([]);
  });

  it('with it: every bot member too, whoever is assigned, the assigned one first; never a deactivated bot', () => {
    expect(ids(answeringBots(members, 'amy', 'app-bot', true))).to.deep.equal(['app-bot', 'sales-bot']);
    expect(ids(answeringBots(members, 'sales-bot', 'app-bot', true))).to.deep.equal(['sales-bot', 'app-bot']);
    const off = [member('app-bot', 'bot', true), member('sales-bot', 'bot')];
    expect(ids(answeringBots(off, null, 'app-bot', true))).to.deep.equal(['sales-bot']);
    expect(ids(answeringBots(off, null, 'app-bot', false))).to.deep.equal([]);
  });
});

describe('server: reading a bot’s answer', () => {
  it('takes messages (rich ones without text), a hand-off and a hand-off to a team', () => {
    const rich = { contentType: '300', templateId: '6', payload: '[{"title":"Yes","message":"yes"}]' };
    const read = parseBotAnswer({ messages: [{ message: 'Hi' }, { metadata: rich }], handoff: { teamId: 'vip' } });
    expect(read).to.deep.equal({
      ok: true,
      answer: {
        messages: [
          { message: 'Hi', contentType: 0, metadata: {} },
          { message: '', contentType: 0, metadata: rich },
        ],
        handoff: { teamId: 'vip' },
      },
    });
    expect(parseBotAnswer({ messages: [], handoff: true })).to.deep.equal({
      ok: true,
      answer: { messages: [], handoff: {} },
    });
  });

  it('refuses every other shape with a reason that names the field, not the text', () => {
    for (const [body, why] of [
      [null, 'the answer must be a JSON object'],
      [[], 'the answer must be a JSON object'],
      [{}, 'messages must be an array'],
      [{ messages: [], extra: 1 }, 'extra is not part of an answer'],
      [{ messages: ['hi'] }, 'messages[0] must be an object'],
      [{ messages: [{ text: 'secret words' }] }, 'messages[0].text is not part of an answer'],
      [{ messages: [{ message: 5 }] }, 'messages[0].message must be a string'],
      [{ messages: [{ message: '' }] }, 'messages[0]: message is required'],
      [{ messages: [{ message: 'x', contentType: 10 }] }, 'messages[0].contentType is reserved for system notices'],
      [{ messages: [{ message: 'x', contentType: 99 }] }, 'messages[0]: contentType is not a known content type'],
      [{ messages: [], handoff: 'yes' }, 'handoff must be true or {teamId}'],
      [{ messages: [], handoff: { teamId: '' } }, 'handoff.teamId must be a team id'],
      [{ messages: Array.from({ length: 11 }, () => ({ message: 'x' })) }, 'messages must hold at most 10 messages'],
    ] as const) {
      expect(parseBotAnswer(body), JSON.stringify(body)).to.deep.equal({ ok: false, why });
    }
  });
});

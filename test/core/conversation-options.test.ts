import { expect } from '@open-wc/testing';
import {
  conversationRequest,
  pageAddress,
  parseConversationDefaults,
  parseStartParams,
} from '../../src/core/conversation-options.js';

describe('conversation options (startConversation / updateSettings)', () => {
  it("maps the product's startConversation parameters", () => {
    const { value, errors, unknown } = parseStartParams({
      conversationTitle: 'Order 42',
      agentIds: ['ann', 'bob', 'ann'],
      botIds: 'helper',
      assignee: 'ann',
      teamId: 7,
      clientGroupId: 'order-42',
      skipRouting: true,
      metadata: { plan: 'pro', seats: 3 },
    });
    expect(errors).to.deep.equal([]);
    expect(unknown).to.deep.equal([]);
    expect(value).to.deep.equal({
      groupName: 'Order 42',
      agentIds: ['ann', 'bob'],
      botIds: ['helper'],
      assignee: 'ann',
      teamId: '7',
      clientGroupId: 'order-42',
      skipRouting: true,
      metadata: { plan: 'pro', seats: '3' },
    });
  });

  it("maps updateSettings' default names", () => {
    const { value, errors } = parseConversationDefaults({
      defaultAgentIds: ['ann'],
      defaultBotIds: ['helper'],
      defaultAssignee: 'helper',
      skipRouting: false,
      teamId: 'sales',
    });
    expect(errors).to.deep.equal([]);
    expect(value).to.deep.equal({
      agentIds: ['ann'],
      botIds: ['helper'],
      assignee: 'helper',
      skipRouting: false,
      teamId: 'sales',
    });
  });

  it('drops bad values with a message naming each, keeps the rest, and lists unknown names', () => {
    const { value, errors, unknown } = parseStartParams({
      conversationTitle: 42,
      agentIds: ['ann', ''],
      botIds: [],
      assignee: { id: 'ann' },
      skipRouting: 'yes',
      metadata: 'plan=pro',
      teamId: 'sales',
      colour: 'red',
      defaultAssignee: 'ann',
      toString: 'x',
    });
    expect(value).to.deep.equal({ teamId: 'sales' });
    expect(errors).to.deep.equal([
      'startConversation: conversationTitle must be a string; ignored',
      'startConversation: agentIds must be a user id or a list of them; ignored',
      'startConversation: botIds must be a user id or a list of them; ignored',
      'startConversation: assignee must be a string; ignored',
      'startConversation: skipRouting must be true or false; ignored',
      'startConversation: metadata must be an object; ignored',
    ]);
    expect(unknown).to.deep.equal(['colour', 'defaultAssignee', 'toString']);
  });

  it('takes nothing from a missing or non-object argument, saying so for the latter', () => {
    expect(parseStartParams(undefined)).to.deep.equal({ value: {}, errors: [], unknown: [] });
    expect(parseConversationDefaults('sales').errors).to.deep.equal(['updateSettings: expected an object of settings']);
  });

  it('builds the request: explicit options over defaults over the install settings', () => {
    const install = { conversationTitle: 'Support', metadata: { source: 'site', plan: 'free' } };
    expect(conversationRequest(install, {})).to.deep.equal({
      groupName: 'Support',
      metadata: { source: 'site', plan: 'free' },
    });
    const defaults = { assignee: 'ann', skipRouting: true, metadata: { plan: 'pro' } };
    expect(conversationRequest(install, defaults, { groupName: 'Order 42', assignee: 'bob' })).to.deep.equal({
      groupName: 'Order 42',
      assignee: 'bob',
      skipRouting: true,
      metadata: { source: 'site', plan: 'pro' },
    });
    expect(conversationRequest({ metadata: {} }, {})).to.deep.equal({ metadata: {} });
  });

  it('keeps the page a conversation starts on: http(s) only, without its query and fragment', () => {
    expect(pageAddress('https://shop.example/boots/42?reset=secret-token#top')).to.equal(
      'https://shop.example/boots/42',
    );
    expect(pageAddress('http://localhost:8000/')).to.equal('http://localhost:8000/');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'not a url', '', undefined])
      expect(pageAddress(bad), String(bad)).to.equal(undefined);
    const request = conversationRequest({ metadata: { plan: 'pro' } }, {}, {}, 'https://shop.example/');
    expect(request.metadata).to.deep.equal({ pageUrl: 'https://shop.example/', plan: 'pro' });
  });
});

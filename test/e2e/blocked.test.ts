/**
 * A visitor blocked by staff, in the widget against the live reference server: their next
 * message is refused — the widget says why and offers no retry (only to delete it) — and once
 * unblocked they write again.
 */
import { expect } from '@open-wc/testing';
import { press, type as typeKeys } from '../helpers/ui.js';
import { createApp, openHost, server, waitFor, widgetLauncher, type HostPage } from '../helpers/e2e.js';

describe('widget: a blocked visitor', function () {
  this.timeout(60000);
  let visitor: HostPage | undefined;

  afterEach(() => visitor?.remove());

  it('is told their message was not sent, with nothing to retry, until they are unblocked', async () => {
    const { url } = await server();
    const app = await createApp();
    const session = await fetch(`${url}/agent/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ appId: app.appId, email: app.agentId, password: app.agentPassword }),
    }).then((r) => r.json() as Promise<{ response: { token: string } }>);
    const block = (blocked: boolean) =>
      fetch(`${url}/agent/v1/users/rosa/block`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.response.token}` },
        body: JSON.stringify({ blocked }),
      });

    visitor = await openHost(app, { settings: { userId: 'rosa', userName: 'Rosa' } });
    const page = visitor;
    (await waitFor(() => widgetLauncher(page), 'launcher')).click();
    const composer = await waitFor(
      () => page.find<HTMLTextAreaElement>('parley-composer textarea, textarea'),
      'composer',
    );
    composer.focus();
    await typeKeys('Hello there');
    await press('Enter');
    const mine = (text: string) =>
      page
        .findAll<HTMLElement & { message?: { message: string } }>('parley-message')
        .find((m) => m.message?.message === text);
    await waitFor(() => mine('Hello there')?.getAttribute('delivery') === 'sent', 'the first message is sent');

    expect((await block(true)).status).to.equal(200);
    composer.focus();
    await typeKeys('Are you there?');
    await press('Enter');
    const refused = await waitFor(() => {
      const m = mine('Are you there?');
      return m?.getAttribute('delivery') === 'failed' ? m : undefined;
    }, 'the message is refused');
    expect(refused.shadowRoot?.querySelector('.status')?.textContent).to.equal(
      "Not sent: you can't send messages in this chat",
    );
    const actions = [...(refused.shadowRoot?.querySelectorAll('button') ?? [])].map((b) => b.textContent?.trim());
    expect(actions).to.deep.equal(['Delete']);

    expect((await block(false)).status).to.equal(200);
    composer.focus();
    await typeKeys('Back again');
    await press('Enter');
    await waitFor(() => mine('Back again')?.getAttribute('delivery') === 'sent', 'sent once unblocked');
  });
});

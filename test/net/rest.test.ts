import { expect } from '@open-wc/testing';
import { NetworkError, ParleyApiError } from '../../src/net/errors.js';
import { createRestClient, withEarlyRequest, type FetchLike } from '../../src/net/rest.js';

interface Seen {
  url: string;
  init: RequestInit;
}

function respond(status: number, body: unknown, seen: Seen[] = []): FetchLike {
  return async (url, init) => {
    seen.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
}

const ok = (response: unknown) => ({ status: 'success', generatedAt: 1, response });
const apiError = (errorCode: string, description: string) => ({
  status: 'error',
  generatedAt: 1,
  errorResponse: [{ errorCode, description, displayMessage: description }],
});

const message = {
  key: 'k1',
  id: 1,
  groupId: 'g 1',
  message: 'hi',
  contentType: 0,
  type: 5,
  fromUserName: 'u',
  metadata: {},
  createdAtTime: 1,
  status: 3,
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('net/rest', () => {
  it('asks for the settings of the app and unwraps {code:"SUCCESS"}', async () => {
    const seen: Seen[] = [];
    const rest = createRestClient({
      server: 'https://chat.test/',
      appId: 'my app',
      fetch: respond(200, { code: 'SUCCESS', response: { chatWidget: { position: 'left' } } }, seen),
    });
    expect(await rest.getSettings()).to.deep.equal({ chatWidget: { position: 'left' } });
    expect(seen[0]!.url).to.equal('https://chat.test/users/v3/chat/plugin/settings?appId=my+app');
    expect(seen[0]!.init.method).to.equal('GET');
  });

  it('creates a session with the app id and only the given fields', async () => {
    const seen: Seen[] = [];
    const session = { appId: 'a', userId: 'u1', token: 'tok', userName: 'Poised Salmon', anonymous: true };
    const rest = createRestClient({ server: 'https://chat.test', appId: 'a', fetch: respond(200, ok(session), seen) });
    expect(await rest.createSession({ userId: 'u1', email: undefined })).to.deep.equal(session);
    expect(seen[0]!.url).to.equal('https://chat.test/widget/v1/session');
    expect(JSON.parse(String(seen[0]!.init.body))).to.deep.equal({ appId: 'a', userId: 'u1' });
    expect((seen[0]!.init.headers as Record<string, string>)['Content-Type']).to.equal('application/json');
  });

  it('sends the bearer token and encodes path and query', async () => {
    const seen: Seen[] = [];
    const rest = createRestClient({
      server: 'https://chat.test',
      appId: 'a',
      fetch: respond(200, ok([message]), seen),
    });
    const list = await rest.listMessages('tok', 'g 1', { after: 5, limit: 50 });
    expect(list.map((m) => m.key)).to.deep.equal(['k1']);
    expect(seen[0]!.url).to.equal('https://chat.test/widget/v1/conversations/g%201/messages?after=5&limit=50');
    expect((seen[0]!.init.headers as Record<string, string>).Authorization).to.equal('Bearer tok');
    await rest.getMessagesAfter('tok', 9);
    expect(seen[1]!.url).to.equal('https://chat.test/widget/v1/messages?after=9');
  });

  it('drops malformed items from lists and sorts messages by id', async () => {
    const rest = createRestClient({
      server: '',
      appId: 'a',
      fetch: respond(200, ok([{ ...message, id: 3, key: 'c' }, { nonsense: true }, message])),
    });
    expect((await rest.getMessagesAfter('t', 0)).map((m) => m.id)).to.deep.equal([1, 3]);
  });

  it('turns the documented error shape into a ParleyApiError with its code', async () => {
    const rest = createRestClient({
      server: '',
      appId: 'a',
      fetch: respond(403, apiError('PL-W-01', 'widget disabled')),
    });
    const error = await rejection(rest.createSession({}));
    expect(error).to.be.instanceOf(ParleyApiError);
    expect(error).to.include({ status: 403, code: 'PL-W-01', description: 'widget disabled' });
  });

  it('treats an error body with a 200 status as an error', async () => {
    const rest = createRestClient({
      server: '',
      appId: 'a',
      fetch: respond(200, apiError('AL-G-01', 'group not found')),
    });
    expect(await rejection(rest.listConversations('t'))).to.include({ code: 'AL-G-01', status: 200 });
  });

  it('maps a non-2xx answer without an error body by status', async () => {
    const rest = (status: number) =>
      createRestClient({ server: '', appId: 'a', fetch: respond(status, '<html>oops</html>') });
    expect(await rejection(rest(500).listConversations('t'))).to.include({ code: 'PL-X-01', status: 500 });
    expect(await rejection(rest(404).listConversations('t'))).to.include({ code: 'PL-R-05' });
    expect(await rejection(rest(401).listConversations('t'))).to.include({ code: 'PL-S-01' });
  });

  it('rejects a success status with the wrong shape as a malformed response', async () => {
    for (const body of ['not json', { hello: 1 }, ok({ not: 'a session' })]) {
      const rest = createRestClient({ server: '', appId: 'a', fetch: respond(200, body) });
      const error = await rejection(rest.createSession({}));
      expect(error).to.be.instanceOf(ParleyApiError);
      expect(error).to.include({ code: 'PL-N-01' });
    }
    const lists = createRestClient({ server: '', appId: 'a', fetch: respond(200, ok({ not: 'a list' })) });
    expect(await rejection(lists.listConversations('t'))).to.include({ code: 'PL-N-01' });
  });

  it('turns network failures into NetworkError', async () => {
    const failing: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    const error = await rejection(createRestClient({ server: '', appId: 'a', fetch: failing }).getSettings());
    expect(error).to.be.instanceOf(NetworkError);
    expect(error).to.include({ code: 'PL-N-02', aborted: false });
    const throwing: FetchLike = () => {
      throw new Error('synchronous');
    };
    expect(
      await rejection(createRestClient({ server: '', appId: 'a', fetch: throwing }).getSettings()),
    ).to.be.instanceOf(NetworkError);
  });

  it('cancels with an AbortSignal, as an aborted NetworkError', async () => {
    const controller = new AbortController();
    const never: FetchLike = (_url, init) =>
      new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    const rest = createRestClient({ server: '', appId: 'a', fetch: never });
    const pending = rejection(rest.listConversations('t', controller.signal));
    controller.abort();
    const error = await pending;
    expect(error).to.be.instanceOf(NetworkError);
    expect(error).to.include({ aborted: true, code: 'PL-N-04' });
    expect(await rejection(rest.getSettings(controller.signal))).to.include({ aborted: true });
  });

  it('posts messages, read markers and new conversations', async () => {
    const seen: Seen[] = [];
    const conversation = {
      groupId: 'g1',
      groupName: 'Help',
      status: 0,
      members: [],
      metadata: {},
      createdAtTime: 1,
      updatedAtTime: 1,
      unreadCount: 0,
    };
    let next: unknown = ok(message);
    const fetch: FetchLike = async (url, init) => {
      seen.push({ url, init });
      return new Response(JSON.stringify(next), { status: 200 });
    };
    const rest = createRestClient({ server: 'https://c.test', appId: 'a', fetch });
    expect((await rest.sendMessage('t', { key: 'k1', groupId: 'g1', message: 'hi' })).key).to.equal('k1');
    next = ok(true);
    await rest.markRead('t', 'g1', 7);
    expect(seen[1]!.url).to.equal('https://c.test/widget/v1/conversations/g1/read');
    expect(JSON.parse(String(seen[1]!.init.body))).to.deep.equal({ id: 7 });
    next = ok(conversation);
    expect((await rest.createConversation('t', { groupName: 'Help', metadata: {} })).groupId).to.equal('g1');
    expect(JSON.parse(String(seen[2]!.init.body))).to.deep.equal({ groupName: 'Help' });
  });

  describe("the loader's early settings request", () => {
    const url = 'https://chat.test/users/v3/chat/plugin/settings?appId=my+app';
    const settings = { code: 'SUCCESS', response: { chatWidget: { position: 'left' } } };
    const early = (body: unknown) => ({
      url,
      response: Promise.resolve(body === undefined ? undefined : new Response(JSON.stringify(body))),
    });

    it('answers the first settings request, once; later ones and other requests go to the network', async () => {
      const seen: Seen[] = [];
      const network = respond(200, { code: 'SUCCESS', response: { chatWidget: { position: 'right' } } }, seen);
      const fetch = withEarlyRequest(early(settings), network)!;
      const rest = createRestClient({ server: 'https://chat.test', appId: 'my app', fetch });
      expect(await rest.getSettings()).to.deep.equal({ chatWidget: { position: 'left' } });
      expect(seen).to.have.length(0);
      expect(await rest.getSettings()).to.deep.equal({ chatWidget: { position: 'right' } });
      expect(seen.map((s) => s.url)).to.deep.equal([url]);
    });

    it('asks the network when the early request failed, or was for another app', async () => {
      const seen: Seen[] = [];
      const network = respond(200, settings, seen);
      const failed = createRestClient({
        server: 'https://chat.test',
        appId: 'my app',
        fetch: withEarlyRequest(early(undefined), network)!,
      });
      expect(await failed.getSettings()).to.deep.equal(settings.response);
      const other = createRestClient({
        server: 'https://chat.test',
        appId: 'another',
        fetch: withEarlyRequest(early(settings), network)!,
      });
      await other.getSettings();
      expect(seen.map((s) => s.url)).to.deep.equal([
        url,
        'https://chat.test/users/v3/chat/plugin/settings?appId=another',
      ]);
    });

    it('ignores anything that is not an early request', () => {
      for (const value of [undefined, null, 'x', { url }, { url: 1, response: Promise.resolve() }])
        expect(withEarlyRequest(value)).to.equal(undefined);
    });
  });
});

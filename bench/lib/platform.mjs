// What the messaging suites share: a Platform API call as an integration makes it, and a host page
// with the script-tag install for a known visitor.
import { createHmac } from 'node:crypto';

/**
 * POSTs `body` (JSON) and resolves with the answer's `response`; throws on any other status.
 * @param {string} url @param {string} path @param {Record<string,string>} headers @param {unknown} body
 */
export async function post(url, path, headers, body) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (json.status !== 'success') throw new Error(`${path}: ${JSON.stringify(json).slice(0, 200)}`);
  return json.response;
}

/**
 * A host page (another origin) with the script-tag install for a known visitor, whose userId the
 * site's server signs with the app's identity secret (new apps verify identities); `open`: the
 * panel opens by itself on load.
 * @param {{ serverUrl: string, appId: string, userId: string, identitySecret: string, open: boolean }} o
 */
export function visitorHostPage({ serverUrl, appId, userId, identitySecret, open }) {
  const accessToken = createHmac('sha256', identitySecret).update(userId, 'utf8').digest('hex');
  const settings = { appId, server: serverUrl, userId, accessToken, automaticChatOpenOnNavigation: open };
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench host</title>
<script>window.parleySettings = ${JSON.stringify(settings)};</script>
<script src="${serverUrl}/parley.js" async></script></head><body><h1>Host</h1></body></html>`;
}

/**
 * A fresh app on the shared reference server with one conversation between `userId` and the app's
 * agent (assigned, no routing), and a page in a context of its own on a host of another origin:
 * `/host.html` (the panel closed) and `/open.html` (it opens by itself); `probe` runs in the page
 * before its scripts.
 * @param {import('../run.mjs').BenchContext} ctx
 * @param {{ userId: string, groupName: string, probe: () => void }} o
 */
export async function agentAndVisitor(ctx, { userId, groupName, probe }) {
  const server = await ctx.referenceServer();
  const app = await post(server.url, '/admin/v1/apps', { 'Api-Key': server.adminKey }, {});
  const apiKey = { 'Api-Key': app.apiKey };
  const { groupId } = await post(server.url, '/rest/ws/group/conversation', apiKey, {
    groupName,
    groupMemberList: [userId, app.agentId],
    metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
  });
  const page = (/** @type {boolean} */ open) => ({
    body: visitorHostPage({
      serverUrl: server.url,
      appId: app.appId,
      userId,
      identitySecret: app.identitySecret,
      open,
    }),
  });
  const host = await ctx.staticServer({
    listenHost: '127.0.0.1',
    urlHost: 'localhost',
    routes: { '/host.html': page(false), '/open.html': page(true) },
  });
  const browser = await ctx.browser();
  const context = await browser.newContext();
  ctx.onCleanup(() => context.close());
  const visitorPage = await context.newPage();
  await visitorPage.addInitScript(probe);
  return { server, app, apiKey, groupId, host, context, page: visitorPage };
}

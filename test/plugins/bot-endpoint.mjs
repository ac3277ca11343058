// Bots behind a URL for tests: a browser cannot listen, so these commands start a small node:http
// server on 127.0.0.1 that answers the server's MESSAGE_RECEIVED posts as the test says, and
// records what it is sent.
//
// - `bot-endpoint` `{answers?}` → `{id, port}`: a new bot endpoint.
// - `bot-endpoint-set` `{id, answers}`: how it answers from now on. `answers` maps the visitor's
//   message text (or `*`, any other) to `{status?: 200, json?: <value sent as JSON>, body?: <raw
//   text>, hang?: true (never answers)}`; with no matching answer it answers 200 `{"messages":[]}`.
// - `bot-endpoint-requests` `{id}` → every request so far, in arrival order: `{headers, body}`
//   (headers by lower-case name, the raw body).
// - `bot-endpoint-close` `{id}` (hanging requests are cut).
import { createServer } from 'node:http';

export function botEndpointPlugin() {
  const endpoints = new Map();
  let next = 0;

  function answerFor(endpoint, body) {
    let text = '';
    try {
      text = JSON.parse(body)?.message?.message ?? '';
    } catch {
      // Not JSON: the default answer.
    }
    return endpoint.answers[text] ?? endpoint.answers['*'] ?? { json: { messages: [] } };
  }

  async function start(answers = {}) {
    const id = String(++next);
    const endpoint = { answers, requests: [], server: undefined };
    endpoint.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        endpoint.requests.push({ headers: req.headers, body });
        const a = answerFor(endpoint, body);
        if (a.hang) return;
        const text = a.body ?? JSON.stringify(a.json ?? {});
        res.writeHead(a.status ?? 200, { 'Content-Type': 'application/json' }).end(text);
      });
    });
    await new Promise((resolve, reject) => {
      endpoint.server.once('error', reject);
      endpoint.server.listen(0, '127.0.0.1', resolve);
    });
    endpoints.set(id, endpoint);
    return { id, port: endpoint.server.address().port };
  }

  async function close(endpoint) {
    endpoint.server.closeAllConnections();
    await new Promise((resolve) => endpoint.server.close(resolve));
  }

  return {
    name: 'parley-bot-endpoint',
    async executeCommand({ command, payload }) {
      if (command === 'bot-endpoint') return start(payload?.answers ?? {});
      if (command === 'bot-endpoint-set') {
        const endpoint = endpoints.get(payload.id);
        if (endpoint) endpoint.answers = payload.answers ?? {};
        return Boolean(endpoint);
      }
      if (command === 'bot-endpoint-requests') return endpoints.get(payload.id)?.requests ?? [];
      if (command === 'bot-endpoint-close') {
        const endpoint = endpoints.get(payload.id);
        endpoints.delete(payload.id);
        if (endpoint) await close(endpoint);
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...endpoints.values()].map(close));
      endpoints.clear();
    },
  };
}

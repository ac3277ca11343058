// HTTP receivers for webhook tests: a browser cannot listen, so these commands start a small
// node:http server on 127.0.0.1 and record what it is sent.
//
// - `webhook-receiver` `{fail?, hang?}` → `{id, port}`: a new receiver; its first `hang` requests
//   are never answered (recorded with status 0), the next `fail` are answered 500, the others 200.
// - `webhook-received` `{id}` → every request so far, in arrival order: `{status, headers, body}`
//   (headers by lower-case name; `status` what the receiver answered).
// - `webhook-receiver-close` `{id}`.
import { createServer } from 'node:http';

export function webhookReceiverPlugin() {
  const receivers = new Map();
  let next = 0;

  async function start(fail = 0, hang = 0) {
    const id = String(++next);
    const received = [];
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (received.length < hang) {
          received.push({ status: 0, headers: req.headers, body });
          return;
        }
        const status = received.length < hang + fail ? 500 : 200;
        received.push({ status, headers: req.headers, body });
        res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'ok' : 'failing on purpose');
      });
    });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    receivers.set(id, { server, received });
    return { id, port: server.address().port };
  }

  return {
    name: 'parley-webhook-receiver',
    async executeCommand({ command, payload }) {
      if (command === 'webhook-receiver') return start(payload?.fail ?? 0, payload?.hang ?? 0);
      if (command === 'webhook-received') return receivers.get(payload.id)?.received ?? [];
      if (command === 'webhook-receiver-close') {
        const r = receivers.get(payload.id);
        receivers.delete(payload.id);
        r?.server.closeAllConnections();
        if (r) await new Promise((resolve) => r.server.close(resolve));
        return true;
      }
      return undefined;
    },
    async serverStop() {
      for (const { server } of receivers.values()) {
        server.closeAllConnections();
        server.close();
      }
      receivers.clear();
    },
  };
}

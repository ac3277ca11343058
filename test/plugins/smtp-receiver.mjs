// SMTP receivers for mail tests: a browser cannot listen, so these commands start smtp-server on
// 127.0.0.1 (any user name and password accepted, no TLS) and record what it is sent.
//
// - `smtp-receiver` → `{id, port}`: a new receiver that accepts every message.
// - `smtp-fail-next` `{id, count}`: the receiver refuses the next `count` messages at the end of DATA
//   with 451 (a temporary failure: the sender should try again).
// - `smtp-received` `{id}` → every message accepted so far, in arrival order, parsed: `{from, to,
//   headers, subject, text, html}` (headers by lower-case name, decoded).
// - `smtp-attempts` `{id}` → how many messages were offered (refused ones too).
// - `smtp-receiver-close` `{id}`.
// - `mail-parse` `{source}` → the same parse of an RFC 822 message (an `.eml` file's text).
import { SMTPServer } from 'smtp-server';

/** `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` words of a header, decoded. */
function decodeWords(value) {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, text) => {
    const bytes =
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          );
    return new TextDecoder(charset).decode(bytes);
  });
}

function splitHead(source) {
  const at = source.search(/\r?\n\r?\n/);
  const head = at < 0 ? source : source.slice(0, at);
  const body = at < 0 ? '' : source.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body, encoding, charset = 'utf-8') {
  const enc = (encoding || '7bit').toLowerCase();
  if (enc === 'base64') return new TextDecoder(charset).decode(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  if (enc === 'quoted-printable') {
    const bytes = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
    return new TextDecoder(charset).decode(bytes);
  }
  return body;
}

/** The text and HTML parts of a message (single part or multipart, nested). */
function parts(headers, body, out) {
  const type = headers['content-type'] || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const p = splitHead(chunk.replace(/^\r?\n/, ''));
      parts(p.headers, p.body.replace(/\r?\n$/, ''), out);
    }
    return out;
  }
  const charset = /charset="?([^";]+)"?/i.exec(type)?.[1];
  const text = decodeBody(body, headers['content-transfer-encoding'], charset).replace(/\r\n/g, '\n');
  if (/^text\/html/i.test(type)) out.html ??= text;
  else if (/^text\/plain/i.test(type)) out.text ??= text;
  return out;
}

export function parseMail(source) {
  const { headers, body } = splitHead(source);
  const { text = null, html = null } = parts(headers, body, {});
  return { headers, subject: headers['subject'] ?? '', text, html };
}

export function smtpReceiverPlugin() {
  const receivers = new Map();
  let next = 0;

  async function start() {
    const id = String(++next);
    const state = { received: [], attempts: 0, failNext: 0 };
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
      logger: false,
      onData(stream, session, callback) {
        let source = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => (source += chunk));
        stream.on('end', () => {
          state.attempts++;
          if (state.failNext > 0) {
            state.failNext--;
            const err = new Error('failing on purpose');
            err.responseCode = 451;
            return callback(err);
          }
          state.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            ...parseMail(source),
          });
          callback();
        });
      },
    });
    server.on('error', () => {});
    await new Promise((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    receivers.set(id, { server, state });
    return { id, port: server.server.address().port };
  }

  return {
    name: 'parley-smtp-receiver',
    async executeCommand({ command, payload }) {
      if (command === 'smtp-receiver') return start();
      if (command === 'smtp-fail-next') {
        const r = receivers.get(payload.id);
        if (r) r.state.failNext = Number(payload.count) || 0;
        return Boolean(r);
      }
      if (command === 'smtp-received') return receivers.get(payload.id)?.state.received ?? [];
      if (command === 'smtp-attempts') return receivers.get(payload.id)?.state.attempts ?? 0;
      if (command === 'mail-parse') return parseMail(String(payload.source));
      if (command === 'smtp-receiver-close') {
        const r = receivers.get(payload.id);
        receivers.delete(payload.id);
        if (r) await new Promise((resolve) => r.server.close(resolve));
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...receivers.values()].map((r) => new Promise((resolve) => r.server.close(resolve))));
      receivers.clear();
    },
  };
}

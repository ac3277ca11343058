/**
 * The reference server's command line: `node --import tsx demo/server/src/main.ts`.
 * Env: PORT (3000), HOST (0.0.0.0), PARLEY_DATA_DIR (./.data), PARLEY_ADMIN_KEY (generated once
 * and stored), PARLEY_LOG (error | info). SIGTERM/SIGINT close everything and exit 0.
 */
import { resolve } from 'node:path';
import { parseLogLevel } from './log.js';
import { startServer } from './server.js';

function port(value: string | undefined): number {
  const n = Number(value ?? 3000);
  return Number.isInteger(n) && n >= 0 && n < 65536 ? n : 3000;
}

const level = parseLogLevel(process.env['PARLEY_LOG']);

let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer({
    port: port(process.env['PORT']),
    host: process.env['HOST'] || '0.0.0.0',
    dataDir: resolve(process.env['PARLEY_DATA_DIR'] || './.data'),
    adminKey: process.env['PARLEY_ADMIN_KEY'] || undefined,
    log: level,
  });
} catch (err) {
  console.error('[parley] could not start:', err);
  process.exit(1);
}

const { url, demo, adminKey } = server;
const sendBody = JSON.stringify({
  clientGroupId: demo.clientGroupId,
  message: 'Hello from the Platform API',
  fromUserName: demo.agentId,
});
if (level === 'info') {
  console.log(`
Parley reference server on ${url}

  Demo page        ${url}/
  Agent console    ${url}/agent.html
  App id           ${demo.appId}
  API key          ${demo.apiKey}
  Agent            ${demo.agentId} / ${demo.agentPassword}  (also ${demo.secondAgentId})
  Bot              ${demo.botId}
  Admin key        ${adminKey}

  Send a message with the Platform API (to the demo visitor "demo-visitor"):
  curl -X POST '${url}/rest/ws/message/v2/send' -H 'Content-Type: application/json' -H 'Api-Key: ${demo.apiKey}' -d '${sendBody}'
`);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (level === 'info') console.log(`[parley] ${signal}: shutting down`);
  try {
    await server.close();
    process.exit(0);
  } catch (err) {
    console.error('[parley] shutdown failed:', err);
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

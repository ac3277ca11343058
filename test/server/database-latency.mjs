// Preloaded into a reference server started for test/server/transactions.test.ts
// (`NODE_OPTIONS=--import ./test/server/database-latency.mjs`): every statement and every
// transaction start waits for a round trip of 0 to 3 ms, as it would on a pooled PostgreSQL
// server, where each connection answers in its own time.
//
// PGlite runs each statement synchronously inside the promise chain, so without this a chain of
// statements never lets another request in between and a read-modify-write outside a
// transaction looks safe. With a round trip per statement, concurrent requests interleave
// statement by statement, as they will on a real server. Transactions still run one at a time
// (PGlite has one connection, and queues other statements until a transaction ends), which is
// what row locks give the statements we lock with on a real server.
//
// A fault to inject: storing a message whose parameters contain FAIL_MARKER fails (as a dropped
// connection would), so a test can check that the writes around it are undone with it.
import { PGlite } from '@electric-sql/pglite';

const FAIL_MARKER = '[fail-this-message-insert]';

function injectFault(text, params) {
  if (/^\s*INSERT INTO messages\b/i.test(String(text)) && params?.some((p) => String(p).includes(FAIL_MARKER)))
    throw new Error('injected failure: a message insert');
}

const MAX_ROUND_TRIP_MS = 3;
const roundTrip = () =>
  new Promise((resolve) => {
    const ms = Math.floor(Math.random() * (MAX_ROUND_TRIP_MS + 1));
    if (ms === 0) setImmediate(resolve);
    else setTimeout(resolve, ms);
  });

const query = PGlite.prototype.query;
PGlite.prototype.query = async function (...args) {
  await roundTrip();
  injectFault(...args);
  return query.apply(this, args);
};

const transaction = PGlite.prototype.transaction;
PGlite.prototype.transaction = async function (fn) {
  await roundTrip();
  return transaction.call(this, (tx) => {
    const slow = Object.create(tx);
    slow.query = async (...args) => {
      await roundTrip();
      injectFault(...args);
      return tx.query(...args);
    };
    return fn(slow);
  });
};

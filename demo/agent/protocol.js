// @ts-check
/**
 * The wire values the console reads and sends, named as in the widget's
 * `src/core/protocol-enums.ts` and `protocol-errors.ts`. The console is plain JavaScript served
 * as it is, so it carries its own copy; a unit test (`test/core/protocol.test.ts`) checks that
 * the two agree.
 */

/** Message content types (`contentType`) the console tells apart. */
export const CONTENT_TYPES = Object.freeze({ text: 0, notification: 10 });

/** Conversation status: 0 open, 1 in progress, 2 resolved, 3 spam, 7 waiting in queue. */
export const CONVERSATION_STATUS = Object.freeze({ open: 0, inProgress: 1, resolved: 2, spam: 3, waiting: 7 });

/** Error codes the console tells apart (`errorCode` of an error answer or a socket refusal). */
export const ERROR_CODES = Object.freeze({ invalidToken: 'PL-S-01', internal: 'PL-X-01' });

/** The statuses of a conversation that is still being handled. */
export const OPEN_CONVERSATION_STATUSES = Object.freeze([
  CONVERSATION_STATUS.open,
  CONVERSATION_STATUS.inProgress,
  CONVERSATION_STATUS.waiting,
]);

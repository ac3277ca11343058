/**
 * What a connected socket may send (`CLIENT_EVENTS`): a message, a typing indicator, a read
 * marker, a delivered marker (its client has the messages up to an id). Each event first passes `check` (permissions, limits, the session; see `realtime.ts`).
 */
import type { Ack, Message } from '../../../src/core/protocol.js';
import type { Chat } from './chat.js';
import { HttpError, fail, toErrorItem } from './errors.js';
import { isRecord, messageInput } from './input.js';
import type { Logger } from './log.js';
import type { ClientEvent, ParleySocket } from './realtime.js';

function replier<T>(ack: unknown): (result: Ack<T>) => void {
  return typeof ack === 'function' ? (ack as (result: Ack<T>) => void) : () => {};
}

export function handleClientEvents(
  socket: ParleySocket,
  chat: Chat,
  log: Logger,
  check: (event: ClientEvent) => Promise<void>,
): void {
  const { app, user } = socket.data;
  const appId = app.app_id;
  const failed = (err: unknown) => {
    if (!(err instanceof HttpError)) log.error('socket handler failed', err);
    return toErrorItem(err);
  };
  /**
   * One socket's events are handled in the order they arrived: each waits for the one before
   * (its limit check and database work), so "typing" never overtakes "stopped typing" and a
   * read marker is relayed after the typing events sent before it, whatever the pool does.
   */
  let previous: Promise<void> = Promise.resolve();
  const inOrder = (task: () => Promise<void>) => {
    previous = previous.then(task).catch((err: unknown) => void failed(err));
  };

  socket.on('message:send', (payload: unknown, ack: unknown) => {
    const reply = replier<Message>(ack);
    inOrder(async () => {
      try {
        await check('message:send');
        const input = messageInput(payload);
        if (input.key === undefined) throw fail.missingField('key');
        if (input.groupId === undefined) throw fail.missingField('groupId');
        if (user.role === 'user') delete input.type;
        delete input.clientGroupId;
        reply({ ok: true, data: await chat.sendMessage(app, user, input) });
      } catch (err) {
        reply({ ok: false, error: failed(err) });
      }
    });
  });

  socket.on('typing', (payload: unknown) => {
    if (!isRecord(payload) || typeof payload['groupId'] !== 'string' || typeof payload['typing'] !== 'boolean') return;
    const { groupId, typing } = payload;
    inOrder(async () => {
      await check('typing');
      await chat.typing(appId, user.user_id, groupId, typing);
    });
  });

  /** `read` and `delivered`: `{groupId, id}`, the marker moved up to `id` (never back). */
  for (const receipt of ['read', 'delivered'] as const) {
    socket.on(receipt, (payload: unknown, ack: unknown) => {
      const reply = replier<true>(ack);
      inOrder(async () => {
        try {
          await check(receipt);
          if (!isRecord(payload)) throw fail.invalidField(receipt, 'must be an object');
          const { groupId, id } = payload;
          if (typeof groupId !== 'string' || groupId === '') throw fail.missingField('groupId');
          if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
            throw fail.invalidField('id', 'must be a non-negative integer');
          if (receipt === 'read') await chat.markRead(appId, user.user_id, groupId, id);
          else await chat.markDelivered(appId, user.user_id, groupId, id);
          reply({ ok: true, data: true });
        } catch (err) {
          reply({ ok: false, error: failed(err) });
        }
      });
    });
  }
}

/** A fake `SocketLike` for net and controller tests: the test plays the server. */
import type { Listener, SocketFactory, SocketLike, SocketOptions } from '../../src/net/socket.js';

export interface PendingAck {
  event: string;
  payload: unknown;
  timeoutMs: number;
  reply(response: unknown): void;
  timeOut(): void;
}

export class FakeSocket implements SocketLike {
  connected = false;
  active = false;
  connectCalls = 0;
  disconnectCalls = 0;
  readonly emitted: Array<{ event: string; payload: unknown }> = [];
  readonly acks: PendingAck[] = [];
  /** Events the playing server answers by itself (in a microtask), with what the function returns. */
  readonly answers = new Map<string, (payload: unknown) => unknown>();
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(
    readonly url = '',
    readonly options?: SocketOptions,
  ) {}

  on(event: string, listener: Listener): void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
  }

  off(event: string, listener: Listener): void {
    this.#listeners.get(event)?.delete(listener);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  emit(event: string, payload: unknown): void {
    this.emitted.push({ event, payload });
  }

  emitWithAck(
    timeoutMs: number,
    event: string,
    payload: unknown,
    callback: (error: Error | null, response?: unknown) => void,
  ): void {
    let done = false;
    const ack: PendingAck = {
      event,
      payload,
      timeoutMs,
      reply: (response) => {
        if (done) return;
        done = true;
        this.acks.splice(this.acks.indexOf(ack), 1);
        callback(null, response);
      },
      timeOut: () => {
        if (done) return;
        done = true;
        this.acks.splice(this.acks.indexOf(ack), 1);
        callback(new Error('operation has timed out'));
      },
    };
    this.acks.push(ack);
    const answer = this.answers.get(event);
    if (answer) queueMicrotask(() => ack.reply(answer(payload)));
  }

  connect(): void {
    this.connectCalls++;
    this.active = true;
  }

  disconnect(): void {
    this.disconnectCalls++;
    const was = this.connected;
    this.connected = false;
    this.active = false;
    if (was) this.fire('disconnect', 'io client disconnect');
  }

  // ---- the test plays the server ----

  fire(event: string, ...args: unknown[]): void {
    for (const l of [...(this.#listeners.get(event) ?? [])]) l(...args);
  }

  serverConnects(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  /** The connection drops; socket.io would reconnect by itself. Pending acks time out, as socket.io does. */
  connectionLost(): void {
    this.connected = false;
    for (const ack of [...this.acks]) ack.timeOut();
    this.fire('disconnect', 'transport close');
  }

  serverRefuses(data: unknown, message = 'refused'): void {
    this.connected = false;
    this.active = false;
    this.fire('connect_error', Object.assign(new Error(message), { data }));
  }
}

/** A factory that records every socket it makes. */
export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    factory: (url, options) => {
      const s = new FakeSocket(url, options);
      sockets.push(s);
      return s;
    },
  };
}

/**
 * `window.Parley`: the product's page API over the `<parley-chat>` element. The loader may have
 * put a queueing stub there first (`{q: [{method, args}]}`); its calls are replayed in order.
 * One global at most; every method is safe to call at any time and never throws into the page.
 */
import type { ConversationOptions, Metadata } from './core/protocol.js';
import type { ParsedOptions } from './core/conversation-options.js';

/** What the page API needs from the element. */
export interface PageApiTarget extends HTMLElement {
  open(): void;
  close(): void;
  toggle(): void;
  launchConversation(): void;
  /** Resolves with the new conversation's groupId. */
  startConversation(params?: Record<string, unknown>): Promise<string | undefined>;
  openConversation(groupId: string): Promise<void>;
  openConversationList(): void;
  sendMessage(params: { message: string; metadata?: Metadata }): Promise<void>;
  updateUser(details: Record<string, unknown>): Promise<void>;
  logout(): Promise<void>;
  display(show: boolean): void;
  updateSettings(settings: Record<string, unknown>): void;
  /** Speaks this language (a BCP 47 tag) from now on. */
  setLocale(tag?: unknown): Promise<void>;
}

/** The parsed options, after saying in the console what was wrong with the page's input. */
export function reported({ value, errors, unknown }: ParsedOptions): ConversationOptions {
  for (const error of errors) console.error(`[parley] ${error}`);
  if (unknown.length) console.warn(`[parley] unknown settings ignored: ${unknown.join(', ')}`);
  return value;
}

/** Page-facing event names (`subscribeToEvents`) → the element's events. */
const SUBSCRIPTIONS: Record<string, string> = {
  onMessageReceived: 'parley-message-received',
  onMessageSent: 'parley-message-sent',
  onChatWidgetOpen: 'parley-widget-open',
  onChatWidgetClose: 'parley-widget-close',
  onRichMessageButtonClick: 'parley-reply',
  onSubmitRatingClick: 'parley-csat-submit',
  onStartNewConversation: 'parley-start-conversation',
};

type Handler = (data?: unknown) => void;

interface QueuedCall {
  method: string;
  args: unknown[];
}

function safely(handler: Handler): EventListener {
  return (event) => {
    try {
      handler((event as CustomEvent).detail);
    } catch (error) {
      console.error('[parley] an event handler of the page threw:', error);
    }
  };
}

/**
 * Puts the page API on `window.Parley` for `el`, replaying the loader's queued calls — unless
 * another widget on the page has it already (the first one keeps it).
 */
export function installPageApi(el: PageApiTarget): void {
  const w = window as Window & { Parley?: Record<string, unknown> & { q?: QueuedCall[] } };
  if (w.Parley && !Array.isArray(w.Parley.q)) return;
  const queued = Array.isArray(w.Parley?.q) ? w.Parley.q : [];
  const call =
    <A extends unknown[]>(fn: (...args: A) => unknown) =>
    (...args: A) => {
      try {
        const result = fn(...args);
        if (result instanceof Promise) return result.catch((error) => console.error('[parley]', error));
        return result;
      } catch (error) {
        console.error('[parley]', error);
        return undefined;
      }
    };
  const on = (name: string, handler: Handler) => {
    if (typeof handler !== 'function') return () => {};
    const listener = safely(handler);
    const type = SUBSCRIPTIONS[name] ?? name;
    el.addEventListener(type, listener);
    return () => el.removeEventListener(type, listener);
  };
  const api = {
    open: call(() => el.open()),
    close: call(() => el.close()),
    toggle: call(() => el.toggle()),
    launchConversation: call(() => el.launchConversation()),
    // The product's (params, callback): the callback gets the new conversation's groupId.
    startConversation: call(async (params?: Record<string, unknown>, done?: (groupId: string) => void) => {
      const groupId = await el.startConversation(params);
      if (groupId === undefined || typeof done !== 'function') return groupId;
      try {
        done(groupId);
      } catch (error) {
        console.error('[parley] the startConversation callback of the page threw:', error);
      }
      return groupId;
    }),
    updateSettings: call((settings: Record<string, unknown>) => el.updateSettings(settings)),
    setLocale: call((tag?: unknown) => el.setLocale(tag)),
    openConversation: call((groupId: string) => el.openConversation(String(groupId))),
    openConversationList: call(() => el.openConversationList()),
    sendMessage: call((params: { message: string; metadata?: Metadata }) => el.sendMessage(params)),
    updateUser: call((details: Record<string, unknown>) => el.updateUser(details)),
    logout: call(() => el.logout()),
    displayKommunicateWidget: call((show: boolean) => el.display(show !== false)),
    on,
    subscribeToEvents: (handlers: Record<string, Handler>) => {
      const offs = Object.entries(handlers ?? {}).map(([name, handler]) => on(name, handler));
      return () => offs.forEach((off) => off());
    },
  };
  w.Parley = api;
  for (const { method, args } of queued) {
    const fn = (api as Record<string, unknown>)[method];
    if (typeof fn === 'function') (fn as (...a: unknown[]) => unknown)(...args);
  }
}

/**
 * What every element inside the chat panel shares, provided once (`@lit/context`) instead of
 * bound by hand through each layer (list → message → content → attachment):
 *
 * - `stringsContext`: the widget's words (`Strings`, the site's `labels` applied);
 * - `localeContext`: the BCP 47 tag for times, sizes and lists ('' = the browser's);
 * - `environmentContext`: where the chat server is and how attachment URLs are made.
 *
 * `<parley-chat-body>` (src/widget/chat-body.ts) provides them. An element that uses one keeps
 * it as a public property and consumes it: `@consume({context, subscribe: true})
 * @property({attribute: false}) strings = en`. Under a provider the provider's value wins (and
 * follows its changes); without one — tests, a page using an element on its own — a value set
 * directly stays. Only the panel's elements consume: the launcher and the greeting come before
 * the panel (and this module) load, and `<parley-chat>` binds their strings itself.
 */
import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { FileUrlResolver } from '../core/attachments.js';
import type { Strings } from '../core/locale.js';

export const stringsContext = createContext<Strings>(Symbol('parley-strings'));

export const localeContext = createContext<string>(Symbol('parley-locale'));

/** The chat server the widget talks to, as the elements need it. */
export interface ChatEnvironment {
  /** The chat server's base URL: relative file and image URLs resolve against it. */
  readonly server: string;
  /** Attachment URLs carrying the visitor's token (`createFileUrlResolver({server, token})`). */
  readonly fileUrl?: FileUrlResolver;
}

export const environmentContext = createContext<ChatEnvironment>(Symbol('parley-environment'));

/** An element with the environment's two public properties. */
interface EnvironmentHost extends ReactiveControllerHost, HTMLElement {
  server: string;
  fileUrl?: FileUrlResolver;
}

/**
 * Keeps `host.server` and `host.fileUrl` following the environment provided above it (if any);
 * call in the constructor.
 */
export function consumeEnvironment(host: EnvironmentHost): void {
  new ContextConsumer(host, {
    context: environmentContext,
    subscribe: true,
    callback: ({ server, fileUrl }) => {
      host.server = server;
      host.fileUrl = fileUrl;
    },
  });
}

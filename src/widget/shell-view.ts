/**
 * What `<parley-chat>` renders, from what it worked out (`frame.ts`): the panel, once its chunk
 * and the language's strings are in; the greeting, once the strings are in; and the launcher,
 * named from the start. What the visitor does comes back through `ShellHandlers`.
 */
import { html, nothing } from 'lit';
import type { ChatController } from '../controller/index.js';
import type { Notice } from '../controller/engagement.js';
import type { ParleyOpenConversationEvent } from '../ui/events.js';
import type { ChatView } from './chat-body.js';
import type { Frame } from './frame.js';
import type { WidgetLocale } from './locale.js';

export interface ShellView {
  chat: ChatController;
  frame: Frame;
  locale: WidgetLocale;
  /** The panel's chunk has loaded. */
  panelReady: boolean;
  view: ChatView;
  /** The welcome or away notice, asked for only when the panel renders. */
  notice: () => Notice | undefined;
}

export interface ShellHandlers {
  open(): void;
  close(): void;
  toggle(): void;
  /** The visitor reaches for the launcher: load the panel. */
  loadPanel(): void;
  dismissGreeting(): void;
  markChatted(): void;
  showList(): void;
  openConversation(groupId: string): void;
  startConversation(): void;
}

export function renderShell({ chat, frame, locale, panelReady, view, notice }: ShellView, on: ShellHandlers) {
  const { state, greeting, connection } = frame;
  const { front, strings } = locale;
  const { chatWidget } = state.settings;
  const open = state.panelOpen;
  return html`
    ${
      panelReady && strings
        ? html`<parley-chat-body
          .chat=${chat}
          .state=${state}
          view=${view}
          connection=${connection}
          heading=${chatWidget.title || chat.install.conversationTitle || strings.headerTitle}
          .notice=${notice()}
          .strings=${strings}
          locale=${locale.value.format}
          @parley-close=${on.close}
          @parley-show-list=${on.showList}
          @parley-open-conversation=${(e: ParleyOpenConversationEvent) => on.openConversation(e.detail.groupId)}
          @parley-start-conversation=${on.startConversation}
          @parley-send=${on.markChatted}
        ></parley-chat-body>`
        : nothing
    }
    ${
      greeting && strings
        ? html`<parley-greeting
          .message=${greeting}
          position=${chatWidget.position}
          .strings=${strings}
          @parley-greeting-open=${on.open}
          @parley-greeting-dismiss=${on.dismissGreeting}
        ></parley-greeting>`
        : nothing
    }
    <parley-launcher
      exportparts="launcher"
      @pointerenter=${on.loadPanel}
      @focusin=${on.loadPanel}
      ?open=${open}
      unread=${open ? 0 : state.unreadCount}
      icon=${typeof chatWidget.iconIndex === 'number' ? chatWidget.iconIndex : 0}
      image=${chatWidget.iconIndex === 'image' ? chatWidget.widgetImageLink : ''}
      .strings=${front}
      locale=${locale.value.format}
      @parley-toggle=${on.toggle}
    ></parley-launcher>
  `;
}

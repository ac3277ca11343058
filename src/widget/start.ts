/**
 * The start of `<parley-chat>`: the install settings it was given (attributes and `settings`),
 * parsed and reported, and the one ChatController made from them — answering its first settings
 * request with the loader's, if the loader made one (src/loader.ts). Its message events become the
 * element's public events; a new agent or bot message rings (the app's tone) while the panel is
 * closed — a notice about the conversation does not — and the panel reads it aloud when open.
 */
import { parseInstallSettings } from '../core/config.js';
import type { Clock } from '../core/clock.js';
import { ChatController } from '../controller/index.js';
import { takeEarlyRequest } from '../controller/early-request.js';
import { playTone } from '../controller/sound.js';
import { CONTENT_TYPES } from '../core/protocol-enums.js';
import { ParleyMessageReceivedEvent, ParleyMessageSentEvent } from '../ui/events.js';

/** The controller for `raw` settings; undefined (said in the console) when unusable. */
export function startChat(
  element: HTMLElement,
  raw: Record<string, unknown>,
  clock: Clock,
): { chat: ChatController } | undefined {
  const parsed = parseInstallSettings(raw);
  if (!parsed.ok) {
    console.error(`[parley] ${parsed.error}`);
    return undefined;
  }
  for (const warning of parsed.warnings) console.warn(`[parley] ${warning}`);
  const install = parsed.value;
  const chat = new ChatController({ install, clock, fetch: takeEarlyRequest(element) });
  chat.on('message-received', ({ detail }) => {
    const { notificationTone, notificationVolume } = chat.state.settings.chatWidget;
    // A person's or a bot's message rings; a line about the conversation ("Assigned to …") does not.
    if (!chat.state.panelOpen && detail.message.contentType !== CONTENT_TYPES.notification)
      playTone(notificationTone, notificationVolume);
    element.dispatchEvent(new ParleyMessageReceivedEvent(detail));
  });
  chat.on('message-sent', ({ detail }) => element.dispatchEvent(new ParleyMessageSentEvent(detail)));
  return { chat };
}

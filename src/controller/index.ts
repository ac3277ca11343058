/** The controller layer's public surface. */
export {
  ChatController,
  TYPING_EXPIRY_MS,
  type ChatControllerEventMap,
  type ChatControllerOptions,
  type ChatMessageEvent,
} from './chat-controller.js';
export { ChatStateController } from './lit-adapter.js';
export { CHAT_STATUSES, type ChatConnection, type ChatState, type ChatStatus } from './state.js';

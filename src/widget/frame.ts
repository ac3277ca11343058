/**
 * What `<parley-chat>` shows for a state of the controller, worked out before each render
 * (`willUpdate`) so that `render()` only reads it: whether the widget shows at all, the panel's
 * connection banner, and the greeting while it is due.
 */
import { CLIENT_ERROR_CODES } from '../core/errors.js';
import { ERROR_CODES } from '../core/protocol.js';
import type { ChatState } from '../controller/index.js';

export interface Frame {
  state: ChatState;
  /** The panel's banner (`<parley-panel connection>`): the controller's connection, or why there is none. */
  connection: string;
  /** The greeting bubble's lines while it is due (panel closed). */
  greeting: string[] | undefined;
}

/** Errors that mean "the chat server did not answer" (as opposed to a refusal). */
function isUnreachable(code: string | undefined): boolean {
  return code === CLIENT_ERROR_CODES.network || code === CLIENT_ERROR_CODES.timeout || code === ERROR_CODES.internal;
}

/**
 * Ready, or the server cannot be reached yet (no cached settings): a quiet launcher whose panel
 * says so while the controller keeps trying → a frame. Disabled, blocked, not started or hidden
 * by the page (`visible` false): nothing at all → undefined.
 */
export function frameOf(
  state: ChatState | undefined,
  visible: boolean,
  greeting: () => string[] | undefined,
): Frame | undefined {
  const unreachable = state?.status === 'error' && isUnreachable(state.error);
  if (!state || !visible || !(state.status === 'ready' || unreachable)) return undefined;
  const failed = state.connection === 'idle' && state.error && state.panelOpen;
  const connection =
    failed && state.error === ERROR_CODES.identityNotVerified
      ? 'refused'
      : unreachable || failed
        ? 'failed'
        : state.connection;
  return { state, connection, greeting: state.panelOpen ? undefined : greeting() };
}

/**
 * The host's `state` attribute, for the styles and the loader's first stage: 'ready' with a frame;
 * 'pending' while the settings are not known yet (the first stage may show meanwhile) and the
 * widget may show (`usable`: started, not hidden by the page); 'hidden' otherwise.
 */
export function hostStateOf(
  frame: Frame | undefined,
  state: ChatState | undefined,
  usable: boolean,
): 'ready' | 'pending' | 'hidden' {
  if (frame) return 'ready';
  return usable && (!state || state.status === 'idle' || state.status === 'loading') ? 'pending' : 'hidden';
}

/** What opening the panel shows: the list when the visitor has several conversations (and may). */
export function openingView(state: ChatState): 'list' | 'conversation' {
  return !state.settings.chatWidget.isSingleThreaded && state.conversations.length > 1 ? 'list' : 'conversation';
}

/**
 * What staff can do to a conversation (assign, take over, resolve, reopen, spam, tag, block its
 * visitor, mail its transcript), each as one call to the server, answering with the conversation as it now is.
 */
import { CONVERSATION_STATUS } from '../../../src/core/protocol-enums.js';
import type { Conversation } from '../../../src/core/protocol.js';
import type { Api, TranscriptResult } from './api.js';

export type ConversationAction =
  | 'resolve'
  | 'reopen'
  | 'spam'
  | 'takeOver'
  | { assign: string }
  /** The conversation's tags become these (ids). */
  | { tags: number[] }
  /** Its visitor is blocked (their new messages are refused) or unblocked. */
  | { block: boolean; userId: string }
  /** The transcript is mailed to the visitor. */
  | { transcript: 'visitor' };

const STATUS_OF = {
  resolve: CONVERSATION_STATUS.resolved,
  reopen: CONVERSATION_STATUS.open,
  spam: CONVERSATION_STATUS.spam,
} as const;

export interface Outcome {
  conversation: Conversation;
  /** The teammate it was to go to is at their limit of open conversations (it stayed where it was). */
  atLimit: boolean;
  /** After `{transcript}`: what became of it. */
  transcript?: TranscriptResult;
}

/** Does `action` to conversation `groupId` as staff member `me`. */
export async function perform(api: Api, groupId: string, me: string, action: ConversationAction): Promise<Outcome> {
  if (typeof action === 'object' && 'transcript' in action) {
    const [result] = await api.sendTranscript(groupId, [action.transcript]);
    return {
      conversation: await api.conversation(groupId),
      atLimit: false,
      transcript: result?.result ?? 'no-address',
    };
  }
  if (typeof action === 'object' && 'tags' in action)
    return { conversation: await api.setTags(groupId, action.tags), atLimit: false };
  let answer: unknown = '';
  if (action === 'takeOver') answer = await api.takeOver(groupId, me);
  else if (typeof action === 'string') answer = await api.setStatus(groupId, STATUS_OF[action]);
  else if ('block' in action) await api.block(action.userId, action.block);
  else answer = await api.assign(groupId, action.assign);
  return { conversation: await api.conversation(groupId), atLimit: answer === 'AGENT_IS_ALREADY_ENGAGED' };
}

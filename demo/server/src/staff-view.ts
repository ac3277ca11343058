/**
 * Conversations as staff get them: the protocol's `Conversation` plus what only staff see, the
 * conversation's `tags` and whether its visitor is `blocked`. Visitors are never sent these
 * (the widget endpoints and the members' pushes use `Chat.views` as it is).
 */
import type { Conversation } from '../../../src/core/protocol.js';
import type { StaffConversation } from '../../../src/core/staff-protocol.js';
import type { Sql } from './db.js';
import { blockedUsers, tagsOfConversations } from './repo/tags.js';

export type { StaffConversation, TagView } from '../../../src/core/staff-protocol.js';

export async function staffViews(
  sql: Sql,
  appId: string,
  convs: readonly Conversation[],
): Promise<StaffConversation[]> {
  if (convs.length === 0) return [];
  const visitors = [...new Set(convs.flatMap((c) => c.members.filter((m) => m.role === 'user').map((m) => m.userId)))];
  const [tags, blocked] = await Promise.all([
    tagsOfConversations(
      sql,
      convs.map((c) => c.groupId),
    ),
    visitors.length > 0 ? blockedUsers(sql, appId, visitors) : Promise.resolve([]),
  ]);
  return convs.map((c) => ({
    ...c,
    tags: tags
      .filter((t) => t.group_id === c.groupId)
      .map((t) => ({ id: Number(t.id), name: t.name, colour: t.colour })),
    blocked: c.members.some((m) => m.role === 'user' && blocked.includes(m.userId)),
  }));
}

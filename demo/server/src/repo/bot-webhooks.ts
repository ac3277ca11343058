/**
 * SQL for bots behind a URL (`bot-webhook.ts`, migration 20): each bot's webhook — URL, secret,
 * time-out — and the app's bots with theirs; and a conversation's team set by a bot's hand-off.
 */
import type { Sql } from '../db.js';

export interface BotWebhookRow {
  app_id: string;
  bot_id: string;
  url: string;
  secret: string;
  timeout_ms: number;
  updated_at: Date;
}

/** A bot of the app (active or not) with its webhook, when it has one. */
export interface BotWithWebhook {
  user_id: string;
  user_name: string;
  deactivated: boolean;
  url: string | null;
  secret: string | null;
  timeout_ms: number | null;
  updated_at: Date | null;
}

export function findBotWebhook(sql: Sql, appId: string, botId: string): Promise<BotWebhookRow | undefined> {
  return sql.row<BotWebhookRow>(`SELECT * FROM bot_webhooks WHERE app_id = $1 AND bot_id = $2`, [appId, botId]);
}

/** The app's bots (not deleted ones), each with its webhook's columns (null without one); `botId` keeps one. */
export function botsWithWebhooks(sql: Sql, appId: string, botId?: string): Promise<BotWithWebhook[]> {
  return sql.rows<BotWithWebhook>(
    `SELECT u.user_id, u.user_name, u.deactivated, w.url, w.secret, w.timeout_ms, w.updated_at
       FROM users u LEFT JOIN bot_webhooks w ON w.app_id = u.app_id AND w.bot_id = u.user_id
      WHERE u.app_id = $1 AND u.role = 'bot' AND u.deleted_at IS NULL AND ($2::text IS NULL OR u.user_id = $2)
      ORDER BY u.created_at, u.user_id`,
    [appId, botId ?? null],
  );
}

/** Sets the bot's webhook; `secret` null keeps the stored one (the caller made one when there is none). */
export function saveBotWebhook(
  sql: Sql,
  w: { appId: string; botId: string; url: string; secret: string; timeoutMs: number },
): Promise<BotWebhookRow | undefined> {
  return sql.row<BotWebhookRow>(
    `INSERT INTO bot_webhooks (app_id, bot_id, url, secret, timeout_ms) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (app_id, bot_id) DO UPDATE
       SET url = EXCLUDED.url, secret = EXCLUDED.secret, timeout_ms = EXCLUDED.timeout_ms, updated_at = now()
     RETURNING *`,
    [w.appId, w.botId, w.url, w.secret, w.timeoutMs],
  );
}

/** Removes the bot's webhook (the demo bot answers for it again); false when it had none. */
export async function deleteBotWebhook(sql: Sql, appId: string, botId: string): Promise<boolean> {
  const gone = await sql.row(`DELETE FROM bot_webhooks WHERE app_id = $1 AND bot_id = $2 RETURNING bot_id`, [
    appId,
    botId,
  ]);
  return gone !== undefined;
}

/** Puts the conversation in a team (`metadata.teamId`), as a bot's hand-off to that team says. */
export async function setConversationTeam(sql: Sql, appId: string, groupId: string, teamId: string): Promise<void> {
  await sql.row(
    `UPDATE conversations SET metadata = metadata || jsonb_build_object('teamId', $3::text)
      WHERE app_id = $1 AND group_id = $2 RETURNING group_id`,
    [appId, groupId, teamId],
  );
}

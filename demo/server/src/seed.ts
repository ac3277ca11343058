/**
 * Creating apps with their standard users (an admin agent — the app's owner — and the demo bot),
 * and the demo app seeded on first start. Nothing here has a fixed password: each new app's
 * owner gets a random one (or the one the operator chose), shown once, with the app's API key
 * and identity secret.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import { fail } from './errors.js';
import { newIdentitySecret } from './identity.js';
import { newPassword, hashPassword } from './passwords.js';
import { findApp, insertApp, newApiKey } from './repo/apps.js';
import { findByClientGroupId, insertConversation, addMembers } from './repo/conversations.js';
import { ensureUser } from './repo/users.js';

export const DEMO_APP_ID = 'demo-app';
export const AGENT_ID = 'agent@parley.test';
export const SECOND_AGENT_ID = 'sam@parley.test';
export const BOT_ID = 'parley-bot';
export const DEMO_VISITOR_ID = 'demo-visitor';
export const DEMO_CLIENT_GROUP_ID = 'demo-welcome';

/** A new app's secrets: shown in this answer only (the server keeps hashes or needs them). */
export interface CreatedApp {
  appId: string;
  apiKey: string;
  agentId: string;
  agentPassword: string;
  botId: string;
  /** Signs visitors' userIds (identity.ts); new apps verify identities until the owner turns it off. */
  identitySecret: string;
}

/**
 * Creates an app with an admin agent (`agent@parley.test`, the owner) and the bot (`parley-bot`),
 * with identity verification on. A taken appId is a 409.
 */
export async function createApp(
  db: Db,
  o: { appId?: string | undefined; settings?: unknown; agentPassword?: string | undefined } = {},
): Promise<CreatedApp> {
  const appId = o.appId ?? `app-${randomBytes(6).toString('hex')}`;
  const apiKey = newApiKey();
  const identitySecret = newIdentitySecret();
  const agentPassword = o.agentPassword || newPassword();
  const passwordHash = await hashPassword(agentPassword);
  const created = await db.tx(async (sql) => {
    const app = await insertApp(sql, appId, apiKey, o.settings ?? {}, identitySecret);
    if (!app) return false;
    await ensureUser(sql, appId, {
      userId: AGENT_ID,
      userName: 'Alex Agent',
      email: AGENT_ID,
      role: 'superadmin',
      passwordHash,
    });
    await ensureUser(sql, appId, { userId: BOT_ID, userName: 'Parley Bot', role: 'bot' });
    return true;
  });
  if (!created) throw fail.conflict(`appId ${appId} already exists`);
  return { appId, apiKey, agentId: AGENT_ID, agentPassword, botId: BOT_ID, identitySecret };
}

/** The demo site's widget set-up: themed, with a greeting and a welcome, so there is something to see. */
const DEMO_SETTINGS = {
  chatWidget: {
    primaryColor: '#5b4636',
    title: 'Tidewater Coffee',
    teamName: 'We usually reply in minutes',
    popup: true,
  },
  chatPopupMessage: [{ message: 'Hi! Questions about beans or subscriptions? Ask us here.', delay: 4000 }],
  welcomeMessage: { enabled: true, message: 'Welcome to Tidewater! How can we help?', collectEmail: false },
  awayMessage: {
    anonymous: "We're away right now. Leave your email and we'll write back.",
    known: "We're away right now; we'll answer here as soon as we're back.",
    collectEmail: true,
  },
  collectFeedback: true,
};

/**
 * Seeds the demo app (first start only): the standard users, a second agent and a welcome
 * conversation with a demo visitor that the printed curl command can post into. The owner's
 * password is `adminPassword` when given, else random; answers the new app's secrets, or
 * undefined when the demo app already exists.
 */
export async function seedDemo(db: Db, adminPassword?: string): Promise<CreatedApp | undefined> {
  if (await findApp(db, DEMO_APP_ID)) return undefined;
  const created = await createApp(db, { appId: DEMO_APP_ID, agentPassword: adminPassword, settings: DEMO_SETTINGS });
  // Sam has a password nobody knows until an admin sets one (PATCH …/teammates/sam@parley.test).
  const passwordHash = await hashPassword(newPassword());
  await db.tx(async (sql) => {
    await ensureUser(sql, DEMO_APP_ID, {
      userId: SECOND_AGENT_ID,
      userName: 'Sam Support',
      email: SECOND_AGENT_ID,
      role: 'agent',
      passwordHash,
    });
    await ensureUser(sql, DEMO_APP_ID, { userId: DEMO_VISITOR_ID, userName: 'Demo Visitor', role: 'user' });
    if (!(await findByClientGroupId(sql, DEMO_APP_ID, DEMO_CLIENT_GROUP_ID, ''))) {
      const conv = await insertConversation(sql, DEMO_APP_ID, {
        groupName: 'Welcome',
        clientGroupId: DEMO_CLIENT_GROUP_ID,
        assignee: AGENT_ID,
        metadata: {},
      });
      if (conv) await addMembers(sql, conv.group_id, [DEMO_VISITOR_ID, AGENT_ID]);
    }
  });
  return created;
}

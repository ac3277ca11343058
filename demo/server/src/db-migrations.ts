/**
 * The schema: numbered migrations recorded in `schema_version`, the same SQL on PGlite and on
 * PostgreSQL. Each step runs in its own transaction; the caller makes sure only one process
 * migrates at a time (PGlite: the data folder's lock; PostgreSQL: an advisory lock).
 */

/** Numbered schema steps. Append new ones; never edit a released one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS server_config (
    key text PRIMARY KEY,
    value text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS apps (
    app_id text PRIMARY KEY,
    api_key text NOT NULL UNIQUE,
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS users (
    app_id text NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    user_id text NOT NULL,
    user_name text NOT NULL,
    email text,
    image_link text,
    role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'agent', 'bot', 'admin', 'operator')),
    anonymous boolean NOT NULL DEFAULT false,
    password_hash text,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    phone text,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz,
    last_logged_in_at timestamptz,
    deactivated boolean NOT NULL DEFAULT false,
    PRIMARY KEY (app_id, user_id)
  );
  CREATE INDEX IF NOT EXISTS users_email ON users (app_id, lower(email));
  CREATE TABLE IF NOT EXISTS sessions (
    token_hash text PRIMARY KEY,
    app_id text NOT NULL,
    user_id text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (app_id, user_id) REFERENCES users (app_id, user_id) ON DELETE CASCADE
  );
  CREATE SEQUENCE IF NOT EXISTS group_id_seq START 100001;
  CREATE TABLE IF NOT EXISTS conversations (
    group_id text PRIMARY KEY DEFAULT nextval('group_id_seq')::text,
    app_id text NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    client_group_id text,
    group_name text NOT NULL,
    status int NOT NULL DEFAULT 0,
    assignee text,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    rating jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (app_id, client_group_id)
  );
  CREATE INDEX IF NOT EXISTS conversations_app ON conversations (app_id, updated_at DESC);
  CREATE TABLE IF NOT EXISTS members (
    group_id text NOT NULL REFERENCES conversations (group_id) ON DELETE CASCADE,
    user_id text NOT NULL,
    last_read_id bigint NOT NULL DEFAULT 0,
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, user_id)
  );
  CREATE INDEX IF NOT EXISTS members_user ON members (user_id);
  CREATE TABLE IF NOT EXISTS messages (
    id bigserial PRIMARY KEY,
    app_id text NOT NULL,
    key text NOT NULL,
    group_id text NOT NULL REFERENCES conversations (group_id) ON DELETE CASCADE,
    from_user text NOT NULL,
    type smallint NOT NULL CHECK (type IN (4, 5)),
    content_type smallint NOT NULL DEFAULT 0,
    message text NOT NULL DEFAULT '',
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    file_meta jsonb,
    status smallint NOT NULL DEFAULT 3,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (app_id, key)
  );
  CREATE INDEX IF NOT EXISTS messages_group ON messages (group_id, id);
  `,
  // 2: conversation rules / auto-resolve per app, and saved quick replies (rules.ts, the console).
  `
  CREATE TABLE IF NOT EXISTS app_rules (
    app_id text PRIMARY KEY REFERENCES apps (app_id) ON DELETE CASCADE,
    rules jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS quick_replies (
    id bigserial PRIMARY KEY,
    app_id text NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    shortcut text NOT NULL,
    message text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE UNIQUE INDEX IF NOT EXISTS quick_replies_shortcut ON quick_replies (app_id, lower(shortcut));
  CREATE INDEX IF NOT EXISTS conversations_assignee ON conversations (app_id, assignee, status);
  `,
  // 3: an agent's own status, "away" (presence.ts): kept across reconnects and restarts.
  `
  ALTER TABLE users ADD COLUMN IF NOT EXISTS away boolean NOT NULL DEFAULT false;
  `,
  // 4: identity verification (identity.ts): the app's secret for known visitors' accessToken.
  `
  ALTER TABLE apps ADD COLUMN IF NOT EXISTS identity_secret text;
  `,
  // 5: secure by default. API keys are kept only as SHA-256 hashes with a short display prefix;
  // visitor-chosen clientGroupIds live in the visitor's own scope ('' = the Platform API's);
  // message keys are unique per sender; a session handed out for an unverified userId is marked.
  `
  ALTER TABLE apps ADD COLUMN IF NOT EXISTS api_key_hash text;
  ALTER TABLE apps ADD COLUMN IF NOT EXISTS api_key_prefix text NOT NULL DEFAULT '';
  UPDATE apps SET api_key_hash = encode(sha256(convert_to(api_key, 'UTF8')), 'hex'), api_key_prefix = left(api_key, 6)
    WHERE api_key_hash IS NULL;
  ALTER TABLE apps ALTER COLUMN api_key_hash SET NOT NULL;
  ALTER TABLE apps DROP COLUMN IF EXISTS api_key;
  CREATE UNIQUE INDEX IF NOT EXISTS apps_api_key_hash ON apps (api_key_hash);
  ALTER TABLE conversations ADD COLUMN IF NOT EXISTS client_scope text NOT NULL DEFAULT '';
  ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_app_id_client_group_id_key;
  CREATE UNIQUE INDEX IF NOT EXISTS conversations_client_group ON conversations (app_id, client_scope, client_group_id);
  ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_app_id_key_key;
  CREATE UNIQUE INDEX IF NOT EXISTS messages_sender_key ON messages (app_id, from_user, key);
  ALTER TABLE sessions ADD COLUMN IF NOT EXISTS unverified boolean NOT NULL DEFAULT false;
  `,
  // 6: sessions end after a time without use (repo/sessions.ts): the last use, written at most
  // every few minutes; indexes for the expiry sweep and for ending a user's sessions.
  `
  ALTER TABLE sessions ADD COLUMN IF NOT EXISTS last_used_at timestamptz NOT NULL DEFAULT now();
  CREATE INDEX IF NOT EXISTS sessions_last_used ON sessions (last_used_at);
  CREATE INDEX IF NOT EXISTS sessions_user ON sessions (app_id, user_id);
  `,
  // 7: the documented roles (permissions.ts): each app's owner — its oldest admin — is its super admin.
  `
  ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
  ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('user', 'agent', 'bot', 'admin', 'operator', 'superadmin'));
  UPDATE users u SET role = 'superadmin'
    FROM (SELECT DISTINCT ON (app_id) app_id, user_id FROM users WHERE role = 'admin'
          ORDER BY app_id, created_at, user_id) owner
    WHERE u.app_id = owner.app_id AND u.user_id = owner.user_id;
  `,
  // 8: the sweep of uploads no message refers to (blobs.ts) looks messages up by their file.
  `
  CREATE INDEX IF NOT EXISTS messages_blob_key ON messages (app_id, (file_meta->>'blobKey'))
    WHERE file_meta IS NOT NULL;
  `,
  // 9: attachments (blobs.ts), created here so that processes starting together on one PostgreSQL
  // do not race to create it (blobs.ts created it at start-up before: IF NOT EXISTS keeps those).
  `
  CREATE TABLE IF NOT EXISTS blobs (
    blob_key text PRIMARY KEY,
    app_id text NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    group_id text NOT NULL REFERENCES conversations (group_id) ON DELETE CASCADE,
    uploader text NOT NULL,
    name text NOT NULL,
    size bigint NOT NULL,
    content_type text NOT NULL,
    thumbnail boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS blobs_group ON blobs (group_id);
  `,
  // 10: state several processes share (routing.ts, autoresolve.ts): the agent each app's round
  // robin picked last, and leases (the rules sweeper's: one process sweeps at a time).
  `
  CREATE TABLE IF NOT EXISTS round_robin (
    app_id text PRIMARY KEY REFERENCES apps (app_id) ON DELETE CASCADE,
    last_agent text,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS leases (
    name text PRIMARY KEY,
    holder text NOT NULL,
    expires_at timestamptz NOT NULL
  );
  `,
  // 11: attachment bytes in the database (blob-store-database.ts), so that every process reads
  // every upload: a blob's row says where its bytes are ('files' for those stored before), and
  // its parts go with it (the sweep's DELETE, a conversation's or an app's removal).
  `
  ALTER TABLE blobs ADD COLUMN IF NOT EXISTS store text NOT NULL DEFAULT 'files';
  CREATE TABLE IF NOT EXISTS blob_parts (
    blob_key text NOT NULL REFERENCES blobs (blob_key) ON DELETE CASCADE,
    kind text NOT NULL,
    part int NOT NULL,
    bytes bytea NOT NULL,
    PRIMARY KEY (blob_key, kind, part)
  );
  `,
  // 12: people (routes/profile.ts, routes/people.ts): a staff member's designation, their
  // notification preferences, and deleted teammates — the row stays (without e-mail or password)
  // so that their past messages keep their name.
  `
  ALTER TABLE users ADD COLUMN IF NOT EXISTS designation text;
  ALTER TABLE users ADD COLUMN IF NOT EXISTS deleted_at timestamptz;
  CREATE TABLE IF NOT EXISTS staff_notifications (
    app_id text NOT NULL,
    user_id text NOT NULL,
    preferences jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, user_id),
    FOREIGN KEY (app_id, user_id) REFERENCES users (app_id, user_id) ON DELETE CASCADE
  );
  `,
  // 13: tags (routes/staff-tools.ts; per app, unique case-insensitively) on conversations, and
  // blocked visitors (users.blocked: their new messages are refused, chat.ts).
  `
  CREATE TABLE IF NOT EXISTS tags (
    id bigserial PRIMARY KEY,
    app_id text NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    name text NOT NULL,
    colour text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE UNIQUE INDEX IF NOT EXISTS tags_name ON tags (app_id, lower(name));
  CREATE TABLE IF NOT EXISTS conversation_tags (
    group_id text NOT NULL REFERENCES conversations (group_id) ON DELETE CASCADE,
    tag_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, tag_id)
  );
  CREATE INDEX IF NOT EXISTS conversation_tags_tag ON conversation_tags (tag_id);
  ALTER TABLE users ADD COLUMN IF NOT EXISTS blocked boolean NOT NULL DEFAULT false;
  `,
  // 14: a visitor's locale (a canonical BCP 47 tag, src/core/language-tag.ts), null when unknown.
  `
  ALTER TABLE users ADD COLUMN IF NOT EXISTS locale text;
  `,
  // 15: the channel a Platform API message came from (its \`source\`), null when it named none.
  `
  ALTER TABLE messages ADD COLUMN IF NOT EXISTS source int;
  `,
  // 16: how far each member's client has received a conversation (repo/receipts.ts): messages up
  // to it are "delivered" to them (a read marker moves it too: read implies delivered).
  `
  ALTER TABLE members ADD COLUMN IF NOT EXISTS last_delivered_id bigint NOT NULL DEFAULT 0;
  UPDATE members SET last_delivered_id = last_read_id WHERE last_delivered_id < last_read_id;
  `,
  // 17: history retention (retention.ts): a visitor's last use of any session of theirs (written
  // with \`sessions.last_used_at\`; before, their last sign-in or session use), and the memberships
  // a visitor's fresh start hid from them (staff still see the conversation, the visitor in it).
  `
  ALTER TABLE users ADD COLUMN IF NOT EXISTS last_active_at timestamptz;
  UPDATE users u SET last_active_at = GREATEST(u.last_logged_in_at,
      (SELECT max(s.last_used_at) FROM sessions s WHERE s.app_id = u.app_id AND s.user_id = u.user_id))
    WHERE u.role = 'user' AND u.last_active_at IS NULL;
  ALTER TABLE members ADD COLUMN IF NOT EXISTS hidden_at timestamptz;
  `,
  // 18: webhooks (webhooks.ts): an app's endpoints, and one delivery row per event and endpoint,
  // written by triggers in the transaction of the change itself (a stored message, a conversation
  // created, assigned or resolved, a CSAT rating), so that no change commits without its deliveries.
  `
  CREATE TABLE IF NOT EXISTS webhook_endpoints (
    id text PRIMARY KEY,
    app_id text NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    url text NOT NULL,
    events text[] NOT NULL,
    secret text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS webhook_endpoints_app ON webhook_endpoints (app_id);
  CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id bigserial PRIMARY KEY,
    endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event text NOT NULL,
    group_id text,
    payload jsonb NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX IF NOT EXISTS webhook_deliveries_order
    ON webhook_deliveries (endpoint_id, group_id, id) WHERE status = 'pending';
  CREATE INDEX IF NOT EXISTS webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);

  CREATE OR REPLACE FUNCTION parley_webhook_enqueue(p_app text, p_event text, p_group text, p_data jsonb)
  RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO webhook_deliveries (endpoint_id, event, group_id, payload)
      SELECT e.id, p_event, p_group, p_data FROM webhook_endpoints e
       WHERE e.app_id = p_app AND NOT e.disabled AND p_event = ANY (e.events)
       ORDER BY e.id;
  END $$;

  CREATE OR REPLACE FUNCTION parley_webhook_message_json(m messages) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT jsonb_strip_nulls(jsonb_build_object(
      'key', m.key, 'id', m.id, 'groupId', m.group_id, 'message', m.message,
      'contentType', m.content_type, 'type', m.type, 'fromUserName', m.from_user,
      'metadata', m.metadata, 'fileMeta', m.file_meta, 'source', m.source,
      'createdAtTime', floor(extract(epoch FROM m.created_at) * 1000)::bigint))
  $$;

  CREATE OR REPLACE FUNCTION parley_webhook_message() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM parley_webhook_enqueue(NEW.app_id, 'message.created', NEW.group_id,
      jsonb_build_object('message', parley_webhook_message_json(NEW)));
    RETURN NULL;
  END $$;
  DROP TRIGGER IF EXISTS webhook_message ON messages;
  CREATE TRIGGER webhook_message AFTER INSERT ON messages
    FOR EACH ROW EXECUTE FUNCTION parley_webhook_message();

  CREATE OR REPLACE FUNCTION parley_webhook_conversation_json(c conversations) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
      'groupId', c.group_id, 'clientGroupId', c.client_group_id, 'groupName', c.group_name,
      'status', c.status, 'assignee', c.assignee, 'metadata', c.metadata,
      'createdAtTime', floor(extract(epoch FROM c.created_at) * 1000)::bigint)
  $$;

  CREATE OR REPLACE FUNCTION parley_webhook_conversation() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    conv jsonb := parley_webhook_conversation_json(NEW);
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM parley_webhook_enqueue(NEW.app_id, 'conversation.created', NEW.group_id,
        jsonb_build_object('conversation', conv));
      RETURN NULL;
    END IF;
    IF NEW.assignee IS NOT NULL AND NEW.assignee IS DISTINCT FROM OLD.assignee THEN
      PERFORM parley_webhook_enqueue(NEW.app_id, 'conversation.assigned', NEW.group_id,
        jsonb_build_object('conversation', conv, 'assignee', NEW.assignee, 'previousAssignee', OLD.assignee));
    END IF;
    IF NEW.status = 2 AND OLD.status <> 2 THEN
      PERFORM parley_webhook_enqueue(NEW.app_id, 'conversation.resolved', NEW.group_id,
        jsonb_build_object('conversation', conv));
    END IF;
    IF NEW.rating IS NOT NULL AND OLD.rating IS NULL THEN
      PERFORM parley_webhook_enqueue(NEW.app_id, 'csat.submitted', NEW.group_id,
        jsonb_build_object('conversation', conv, 'rating', NEW.rating));
    END IF;
    RETURN NULL;
  END $$;
  DROP TRIGGER IF EXISTS webhook_conversation ON conversations;
  CREATE TRIGGER webhook_conversation AFTER INSERT OR UPDATE ON conversations
    FOR EACH ROW EXECUTE FUNCTION parley_webhook_conversation();
  `,
  // 19: message.unread and message.undelivered (webhook-watch.ts): each endpoint's delays and how
  // far its sweep has looked (NULL: not yet; the first sweep starts at the newest message, so an
  // endpoint never reports history).
  `
  ALTER TABLE webhook_endpoints ADD COLUMN IF NOT EXISTS unread_after_ms int NOT NULL DEFAULT 300000;
  ALTER TABLE webhook_endpoints ADD COLUMN IF NOT EXISTS undelivered_after_ms int NOT NULL DEFAULT 60000;
  ALTER TABLE webhook_endpoints ADD COLUMN IF NOT EXISTS unread_swept_id bigint;
  ALTER TABLE webhook_endpoints ADD COLUMN IF NOT EXISTS undelivered_swept_id bigint;
  CREATE INDEX IF NOT EXISTS messages_app_id ON messages (app_id, id);
  `,
  // 20: bots behind a URL (bot-webhook.ts): a bot's webhook — where the server POSTs the visitor
  // messages it should answer, the secret that signs them, and how long it waits for an answer.
  `
  CREATE TABLE IF NOT EXISTS bot_webhooks (
    app_id text NOT NULL,
    bot_id text NOT NULL,
    url text NOT NULL,
    secret text NOT NULL,
    timeout_ms int NOT NULL DEFAULT 10000,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, bot_id),
    FOREIGN KEY (app_id, bot_id) REFERENCES users (app_id, user_id) ON DELETE CASCADE
  );
  `,
  // 21: webhook secret rotation (routes/webhooks.ts): the secret a rotation replaced, which signs
  // deliveries too until the overlap ends.
  `
  ALTER TABLE webhook_endpoints ADD COLUMN IF NOT EXISTS previous_secret text;
  ALTER TABLE webhook_endpoints ADD COLUMN IF NOT EXISTS previous_secret_until timestamptz;
  `,
  // 22: the mail outbox (mail.ts). A mail is a row before any attempt; \`dedupe_key\` makes the same
  // fallback or transcript queued twice one row; the worker claims rows as webhook_deliveries'.
  `
  CREATE TABLE IF NOT EXISTS mail_outbox (
    id bigserial PRIMARY KEY,
    app_id text NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    kind text NOT NULL,
    recipient text NOT NULL,
    sender_name text NOT NULL DEFAULT '',
    subject text NOT NULL,
    text_body text NOT NULL,
    html_body text,
    dedupe_key text NOT NULL UNIQUE,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX IF NOT EXISTS mail_outbox_app ON mail_outbox (app_id, id);
  `,
];

/** A step's connection: multi-statement text, and a parameterised statement. */
export interface MigrationStep {
  exec(text: string): Promise<unknown>;
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/** A connection that can run a step in a transaction. */
export interface MigrationConnection extends MigrationStep {
  transaction(fn: (tx: MigrationStep) => Promise<void>): Promise<void>;
}

/** Applies the steps not yet recorded; answers the schema version. */
export async function migrate(db: MigrationConnection): Promise<number> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_version (version int NOT NULL)`);
  const current =
    (await db.query<{ version: number }>(`SELECT max(version) AS version FROM schema_version`)).rows[0]?.version ?? 0;
  for (let v = current; v < MIGRATIONS.length; v++) {
    await db.transaction(async (tx) => {
      await tx.exec(MIGRATIONS[v]!);
      await tx.query(`INSERT INTO schema_version (version) VALUES ($1)`, [v + 1]);
    });
  }
  return MIGRATIONS.length;
}

/**
 * The app's own settings as the settings pages change them, as a lit reactive controller beside
 * the `Workspace`: the widget settings (read once a page needs them, saved a page's draft at a
 * time through the server's validation, its refusal kept by field), the draft the preview shows,
 * the install page's API key and the security page's identity verification, and the bots' URLs
 * (a new key or secret is shown once, then forgotten).
 */
import { ApiController } from './api-controller.js';
import { fieldProblems, type BotIntegration } from './api.js';
import { patchOf, valueAt, withDraft, type AppSettings, type Draft } from './settings-paths.js';

export class SiteSettings extends ApiController {
  settings?: AppSettings;
  /** The settings with the open page's unsaved changes (the preview's). */
  previewed?: AppSettings;
  /** The last save's problems by field path ('' for the rest). */
  problems: Record<string, string> = {};
  saved = false;
  /** The app's teams (a team's office hours name one). */
  teams: ReadonlyArray<{ teamId: string; name: string }> = [];
  apiKeyPrefix = '';
  /** A new API key or identity secret: shown once. */
  newApiKey = '';
  identityVerification?: boolean;
  newSecret = '';
  /** The conversation rules and auto-resolve (`GET /admin/v1/apps/:appId/rules`). */
  rules?: AppSettings;
  /** The app's bots with their URLs (the Bot integrations page). */
  bots?: BotIntegration[];
  /** A bot's secret just made: shown once. */
  newBotSecret?: { botId: string; secret: string };

  /** Reads the settings (a page opens). */
  async load(): Promise<void> {
    // Until they are read, the page shows no fields (none to change before the answer replaces them).
    Object.assign(this, { settings: undefined, previewed: undefined, problems: {}, saved: false, error: '' });
    Object.assign(this, { newApiKey: '', newSecret: '' });
    await this.run(async (api) => {
      const [settings, rules] = await Promise.all([api.settings(), api.rules().catch(() => undefined)]);
      if (rules && rules.conversationRules.teams.length !== this.teams.length)
        this.teams = rules.conversationRules.teams;
      this.settings = settings;
      this.previewed = settings;
    });
  }

  /** Reads the rules (a rules page opens). */
  async loadRules(): Promise<void> {
    Object.assign(this, { rules: undefined, problems: {}, saved: false, error: '' });
    await this.run(async (api) => {
      this.rules = await api.rules();
    });
  }

  /** Saves a rules page's changes (the queue setting goes whole: what it leaves out is kept). */
  async saveRules(draft: Draft, fields: readonly string[]): Promise<void> {
    this.problems = {};
    this.saved = false;
    const patch = patchOf(draft) as { conversationRules?: { queue?: object } };
    const queue = patch.conversationRules?.queue;
    if (queue)
      patch.conversationRules!.queue = { ...(valueAt(this.rules, 'conversationRules.queue') as object), ...queue };
    await this.run(
      async (api) => {
        this.rules = await api.saveRules(patch);
        this.saved = true;
      },
      (err) => {
        this.problems = fieldProblems(err, fields);
      },
    );
  }

  /** The open page's changes so far (not saved). */
  draft(draft: Draft): void {
    if (this.settings) this.previewed = withDraft(this.settings, draft);
    this.saved = false;
    this.host.requestUpdate();
  }

  /** Saves a page's changes; `fields` are the page's paths, for its problems. */
  async save(draft: Draft, fields: readonly string[]): Promise<void> {
    this.problems = {};
    this.saved = false;
    await this.run(
      async (api) => {
        this.settings = await api.saveSettings(patchOf(draft));
        this.previewed = this.settings;
        this.saved = true;
      },
      (err) => {
        this.problems = fieldProblems(err, fields);
      },
    );
  }

  /** Reads identity verification and (for those who may change it: `withKey`) the API key's beginning. */
  async loadInstall(withKey: boolean): Promise<void> {
    Object.assign(this, { error: '', newApiKey: '', newSecret: '' });
    await this.run(async (api) => {
      const [key, identity] = await Promise.all([withKey ? api.apiKey() : undefined, api.identity()]);
      this.apiKeyPrefix = key?.prefix ?? '';
      this.identityVerification = identity.identityVerification;
    });
  }

  async rotateApiKey(): Promise<void> {
    await this.run(async (api) => {
      const { apiKey, prefix } = await api.newApiKey();
      Object.assign(this, { apiKeyPrefix: prefix, newApiKey: apiKey });
    });
  }

  /** Turns identity verification on (with a new secret, shown once) or off. */
  async setIdentity(on: boolean): Promise<void> {
    await this.run(async (api) => {
      if (on) this.newSecret = (await api.identityOn()).secret;
      else await api.identityOff();
      if (!on) this.newSecret = '';
      this.identityVerification = on;
    });
  }

  /** Reads the bots and their URLs (the Bot integrations page opens). */
  async loadBots(): Promise<void> {
    Object.assign(this, { bots: undefined, newBotSecret: undefined, problems: {}, error: '' });
    await this.run(async (api) => {
      this.bots = await api.bots();
    });
  }

  /** Sets a bot's URL (its problems by field: `url`, `timeoutMs`); a secret made for it is shown once. */
  async saveBotHook(botId: string, hook: { url: string; timeoutMs: number }): Promise<void> {
    Object.assign(this, { problems: {}, newBotSecret: undefined });
    await this.run(
      async (api) => {
        const bot = await api.setBotHook(botId, hook);
        this.bots = this.bots?.map((b) => (b.botId === botId ? bot : b));
        if (bot.webhook?.secret) this.newBotSecret = { botId, secret: bot.webhook.secret };
      },
      (err) => {
        this.problems = fieldProblems(err, ['url', 'timeoutMs']);
      },
    );
  }

  /** Clears a bot's URL: the built-in bot answers for it again. */
  async clearBotHook(botId: string): Promise<void> {
    Object.assign(this, { problems: {}, newBotSecret: undefined });
    await this.run(async (api) => {
      await api.clearBotHook(botId);
      this.bots = this.bots?.map((b) => (b.botId === botId ? { ...b, webhook: null } : b));
    });
  }
}

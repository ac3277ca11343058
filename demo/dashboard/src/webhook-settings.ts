/**
 * The app's webhook endpoints as the Webhooks page changes them, as a lit reactive controller
 * beside the `Workspace`: the endpoints (read when the page opens), adding one (its refusal kept
 * by field), deleting one, rotating its secret, and each endpoint's delivery log with "Send
 * again". A secret the server answers (a new endpoint's, a rotation's) is kept for the page to
 * show once, then forgotten when the page opens again.
 */
import type { WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../../../src/core/webhook-protocol.js';
import { fieldProblems } from './api.js';
import { ApiController } from './api-controller.js';

export const WEBHOOK_FIELDS = ['url', 'events', 'secret'];

/** A new endpoint as the page's form gives it. */
export interface NewWebhook {
  url: string;
  events: WebhookEvent[];
  secret: string;
}

export class WebhookSettings extends ApiController {
  /** The endpoints (undefined until read). */
  endpoints?: WebhookEndpoint[];
  /** Each open delivery log by endpoint id (undefined while it is read the first time). */
  logs: Record<string, WebhookDelivery[] | undefined> = {};
  /** A secret just made, and whose: shown once. */
  shownSecret?: { endpointId: string; secret: string };
  /** The add form's problems by field ('' for the rest). */
  problems: Record<string, string> = {};

  /** Reads the endpoints (the page opens): no secret is shown any more, no log is open. */
  async load(): Promise<void> {
    Object.assign(this, { endpoints: undefined, logs: {}, shownSecret: undefined, problems: {}, error: '' });
    await this.run(async (api) => {
      this.endpoints = await api.webhooks();
    });
  }

  /** Adds an endpoint; true once saved (its secret is then shown). */
  async add(w: NewWebhook): Promise<boolean> {
    this.problems = {};
    let added = false;
    await this.run(
      async (api) => {
        const made = await api.addWebhook({ url: w.url, events: w.events, ...(w.secret ? { secret: w.secret } : {}) });
        this.shownSecret = { endpointId: made.id, secret: made.secret ?? '' };
        this.endpoints = await api.webhooks();
        added = true;
      },
      (err) => {
        this.problems = fieldProblems(err, WEBHOOK_FIELDS);
      },
    );
    return added;
  }

  async remove(id: string): Promise<void> {
    await this.run(async (api) => {
      await api.deleteWebhook(id);
      this.endpoints = this.endpoints?.filter((e) => e.id !== id);
      const { [id]: _gone, ...logs } = this.logs;
      this.logs = logs;
      if (this.shownSecret?.endpointId === id) this.shownSecret = undefined;
    });
  }

  /** A new secret for the endpoint (shown once); the old one keeps signing for the server's overlap. */
  async rotate(id: string): Promise<void> {
    await this.run(async (api) => {
      const rotated = await api.rotateWebhook(id);
      this.shownSecret = { endpointId: id, secret: rotated.secret ?? '' };
      this.endpoints = await api.webhooks();
    });
  }

  /** Opens an endpoint's log (reads it) or closes it. */
  async toggleLog(id: string): Promise<void> {
    if (id in this.logs) {
      const { [id]: _closed, ...logs } = this.logs;
      this.logs = logs;
      this.host.requestUpdate();
      return;
    }
    this.logs = { ...this.logs, [id]: undefined };
    await this.loadLog(id);
  }

  /** Reads an open log again (in the background: a failure leaves the rows as they were and says why). */
  async loadLog(id: string): Promise<void> {
    const api = this.api();
    if (!api) return;
    try {
      const log = await api.webhookLog(id);
      if (id in this.logs) this.logs = { ...this.logs, [id]: log };
    } catch (err) {
      this.error = (err as Error).message;
    }
    this.host.requestUpdate();
  }

  /** Sends a finished delivery again: its row becomes pending at once. */
  async resend(endpointId: string, deliveryId: string): Promise<void> {
    await this.run(async (api) => {
      const again = await api.resendDelivery(endpointId, deliveryId);
      const log = this.logs[endpointId];
      if (log) this.logs = { ...this.logs, [endpointId]: log.map((d) => (d.id === again.id ? again : d)) };
    });
  }
}

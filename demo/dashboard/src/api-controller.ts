/**
 * What the settings pages' controllers share (`SiteSettings`, `WebhookSettings`): a lit reactive
 * controller over the app's API that runs one action at a time as the page sees it — `busy` while
 * it runs, its refusal in `error` (or wherever the action puts it), the host redrawn before and after.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Api } from './api.js';

export abstract class ApiController implements ReactiveController {
  /** The last action's problem. */
  error = '';
  busy = false;

  protected readonly host: ReactiveControllerHost;
  protected readonly api: () => Api | undefined;

  constructor(host: ReactiveControllerHost, api: () => Api | undefined) {
    this.host = host;
    this.api = api;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Runs `work` with the API (nothing without one), `busy` meanwhile; a failure goes to `failed` (`error` by default). */
  protected async run(
    work: (api: Api) => Promise<void>,
    failed = (err: unknown) => {
      this.error = (err as Error).message;
    },
  ): Promise<void> {
    const api = this.api();
    if (!api) return;
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      await work(api);
    } catch (err) {
      failed(err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}

/**
 * `<pd-widget-preview>`: the app's real widget in a frame of its own (`/dashboard/preview.html`),
 * redrawn with `settings` each time they change — the open settings page's unsaved changes
 * included. It shows here whatever the settings say about where it may show (a disabled widget or
 * a domain list leaving this site out would otherwise hide the preview).
 */
import { LitElement, css, html } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { AppSettings } from './settings-paths.js';
import { strings } from './strings.js';

/** The settings as the preview shows them: visible here. */
function previewable(settings: AppSettings): AppSettings {
  const chatWidget = { ...(settings['chatWidget'] as object), disableChatWidget: false, allowedDomains: [] };
  return { ...settings, chatWidget };
}

export class PdWidgetPreview extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    h3 {
      font-size: 1.05rem;
      margin: 0 0 0.25rem;
    }
    p {
      color: var(--pd-muted, #596275);
      margin: 0 0 0.5rem;
      font-size: 0.9rem;
    }
    iframe {
      display: block;
      width: 100%;
      max-width: 400px;
      height: 620px;
      border: 1px solid var(--pd-line, #d9dde5);
      border-radius: 8px;
    }
  `;

  @property() appId = '';
  @property({ attribute: false }) settings?: AppSettings;
  @query('iframe') private frame?: HTMLIFrameElement | null;

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('settings')) this.#post();
  }

  override render() {
    return html`<h3>${strings.previewTitle}</h3>
      <p>${strings.previewLead}</p>
      <iframe
        title=${strings.previewFrame}
        src=${`/dashboard/preview.html?${new URLSearchParams({ appId: this.appId }).toString()}`}
        @load=${this.#post}
      ></iframe>`;
  }

  #post() {
    if (this.settings)
      this.frame?.contentWindow?.postMessage({ settings: previewable(this.settings) }, location.origin);
  }
}

customElements.define('pd-widget-preview', PdWidgetPreview);

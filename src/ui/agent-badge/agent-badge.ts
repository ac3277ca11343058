import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { en, type Strings } from '../../core/locale.js';
import { safeUrl } from '../../core/url.js';
import { ParleyElement, hostStyles } from '../base.js';
import { initials } from '../message/message.js';
import { agentBadgeStyles } from './agent-badge.styles.js';
import { stringsContext } from '../context.js';

/**
 * @summary Who the visitor is talking to, for the panel header's `header-start` slot: the agent's
 * picture (an http(s) image, else initials), name, and an optional online/away dot.
 * @tag parley-agent-badge
 *
 * @csspart agent - The whole badge.
 * @csspart avatar - The picture or initials.
 * @csspart status - The online/away dot.
 * @csspart name - The name.
 *
 * @cssprop [--parley-agent-avatar-size=36px] - Diameter of the picture.
 */
export class ParleyAgentBadge extends ParleyElement {
  static override styles = [hostStyles, agentBadgeStyles];

  /** The agent's (or bot's) display name. */
  @property() name = '';

  /** An http(s) picture URL; initials of `name` otherwise (also when it fails to load). */
  @property() image = '';

  /**
   * Whether the agent is online: true or false shows a dot (green or grey) and says so to screen
   * readers; undefined (the default; attribute absent) shows no dot. As an attribute: `online`
   * or `online="false"`.
   */
  @property({
    converter: { fromAttribute: (value: string | null) => (value === null ? undefined : value !== 'false') },
  })
  online?: boolean;

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  @state() private imageFailed = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('image')) this.imageFailed = false;
  }

  override render() {
    const name = typeof this.name === 'string' ? this.name.trim() : '';
    const src = this.imageFailed ? undefined : safeUrl(this.image, { kind: 'image' });
    const shown = typeof this.online === 'boolean';
    return html`<span class="badge" part="agent">
      <span class="picture">
        ${
          src
            ? html`<img class="avatar" part="avatar" src=${src} alt="" @error=${this.handleImageError} />`
            : html`<span class="avatar" part="avatar" aria-hidden="true">${initials(name)}</span>`
        }
        ${shown ? html`<span class=${this.online ? 'dot online' : 'dot'} part="status"></span>` : nothing}
      </span>
      <span class="name" part="name"><bdi>${name}</bdi></span>
      ${
        shown
          ? html`<span class="sr-only">, ${this.online ? this.strings.agentOnline : this.strings.agentOffline}</span>`
          : nothing
      }
    </span>`;
  }

  private handleImageError(): void {
    this.imageFailed = true;
  }
}

ParleyAgentBadge.define('parley-agent-badge');

declare global {
  interface HTMLElementTagNameMap {
    'parley-agent-badge': ParleyAgentBadge;
  }
}

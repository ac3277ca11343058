/**
 * `<pd-notifications>`: the staff member's notification preferences — a browser notification for
 * new messages (asking the browser's permission when turned on), its sound and volume (with a
 * "Play" to hear it), only while the tab is hidden, and e-mail while away. Reports
 * `pd-notifications-save` with the whole set.
 */
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import {
  NOTIFICATION_SOUNDS,
  type NotificationPreferences,
  type NotificationSound,
} from '../../../src/core/staff-protocol.js';
import { SOUND_NAMES, playSound } from './sounds.js';
import { strings } from './strings.js';
import { formStyles } from './styles.js';
import { pageStyles } from './page-styles.js';

export class PdNotifications extends LitElement {
  static override styles = [formStyles, pageStyles];

  @property({ attribute: false }) prefs?: NotificationPreferences;
  @property({ attribute: false }) problems: Record<string, string> = {};
  @property({ type: Boolean }) saved = false;
  @property({ type: Boolean }) busy = false;

  override render() {
    const p = this.prefs;
    if (!p) return nothing;
    return html`<h2>${strings.pageNotifications}</h2>
      <form class="fields" @submit=${this.#submit}>
        <label class="check"><input type="checkbox" name="browser" ?checked=${p.browser} /> ${strings.notificationsBrowser}</label>
        <label class="check"><input type="checkbox" name="onlyWhenHidden" ?checked=${p.onlyWhenHidden} /> ${strings.notificationsOnlyHidden}</label>
        <label>${strings.notificationsSound}
          <select name="sound">
            ${NOTIFICATION_SOUNDS.map((s) => html`<option value=${s} ?selected=${s === p.sound}>${SOUND_NAMES[s]}</option>`)}
          </select>
        </label>
        <label>${strings.notificationsVolume} <input type="range" name="volume" min="0" max="100" step="1" .value=${String(p.volume)} /></label>
        <button type="button" class="quiet" @click=${this.#try}>${strings.notificationsTry}</button>
        <label class="check"><input type="checkbox" name="email" ?checked=${p.email} /> ${strings.notificationsEmail}</label>
        <p class="error" role="alert">${Object.values(this.problems).join(' ')}</p>
        <button type="submit" ?disabled=${this.busy}>${strings.save}</button>
        <p role="status">${this.saved ? strings.saved : ''}</p>
      </form>`;
  }

  #read(): NotificationPreferences {
    const form = this.renderRoot.querySelector('form')!;
    const data = new FormData(form);
    return {
      browser: data.has('browser'),
      onlyWhenHidden: data.has('onlyWhenHidden'),
      email: data.has('email'),
      volume: Number(data.get('volume') ?? 0),
      sound: String(data.get('sound')) as NotificationSound,
    };
  }

  #try() {
    const p = this.#read();
    playSound(p.sound, p.volume);
  }

  async #submit(e: SubmitEvent) {
    e.preventDefault();
    const prefs = this.#read();
    // Turned on by this click: the browser asks its permission now (it needs the click).
    if (prefs.browser && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      await Notification.requestPermission().catch(() => 'denied');
    }
    this.dispatchEvent(new CustomEvent('pd-notifications-save', { detail: prefs, bubbles: true, composed: true }));
  }
}

customElements.define('pd-notifications', PdNotifications);

/**
 * Pieces of `<parley-chat-body>`'s template that need nothing but their arguments: the
 * conversation list, the welcome/away notice (with its e-mail ask), the visitor's pseudonym line
 * and the "powered by" link. Strings, locale and environment reach the elements by context.
 */
import { html, nothing } from 'lit';
import { format, type Strings } from '../core/locale.js';
import type { LeadField } from '../core/protocol.js';
import type { ChatState } from '../controller/index.js';
import type { Notice } from '../controller/engagement.js';
import type { ParleyLeadSubmitEvent } from '../ui/events.js';
import { needElement } from '../ui/lazy.js';
import type { LeadFormField } from '../ui/lead-form/validate.js';
import { isolate, isolated } from '../ui/bidi.js';

/**
 * The one field of the e-mail ask, labelled with `emailPrompt`. The same array while the strings
 * stay: a new array would be new `fields` for the lead form, which then forgets its errors.
 */
let emailField: [Strings, readonly LeadFormField[]] | undefined;
function emailFields(s: Strings): readonly LeadFormField[] {
  if (emailField?.[0] !== s)
    emailField = [s, [{ field: 'email', type: 'email', required: true, label: s.emailPrompt }]];
  return emailField[1];
}

/** The visitor's conversations; picking one or starting one bubbles up to `<parley-chat>`. */
export function renderList(state: ChatState) {
  void needElement('parley-conversation-list');
  return html`<parley-conversation-list
    .conversations=${state.conversations}
    .users=${state.users}
    self-id=${state.session?.userId ?? ''}
    can-start-new
  ></parley-conversation-list>`;
}

/** A form's progress: busy while saving, the error to show after a failure. */
export interface FormStatus {
  busy: boolean;
  error: string;
}

/**
 * The app collects leads and this visitor has neither given an e-mail nor written yet (nor filled
 * the form in this panel: `done`).
 */
export function needsLead(state: ChatState, done: boolean): boolean {
  const { settings, session } = state;
  return (
    settings.collectLead &&
    settings.leadCollection.length > 0 &&
    !done &&
    !session?.email &&
    !state.messages.some((m) => m.fromUserName === session?.userId)
  );
}

/** The lead form, asked before the visitor's first message. */
export function renderLeadForm(
  fields: readonly LeadField[],
  s: Strings,
  form: FormStatus,
  onSubmit: (event: ParleyLeadSubmitEvent) => void,
) {
  void needElement('parley-lead-form');
  return html`<div class="extras">
    <parley-lead-form
      .fields=${fields}
      intro=${s.leadIntro}
      submit-label=${s.leadStart}
      ?busy=${form.busy}
      @parley-lead-submit=${onSubmit}
    ></parley-lead-form>
    ${form.error ? html`<p role="alert">${form.error}</p>` : nothing}
  </div>`;
}

/**
 * The welcome or away notice, the first thing in the conversation's scroller. It asks an anonymous
 * visitor for an e-mail with one labelled field under the owner's text (which says why: the
 * widget adds no sentence of its own), and once answered it is one line: "Thanks! We'll reply to…".
 */
export function renderNotice(
  notice: Notice,
  s: Strings,
  email: string | undefined,
  form: FormStatus,
  onSubmit: (event: ParleyLeadSubmitEvent) => void,
) {
  const ask = notice.collectEmail;
  if (ask && email)
    return html`<parley-notice message=${format(s.emailThanks, { email: isolate(email) })}></parley-notice>`;
  if (ask) void needElement('parley-lead-form');
  return html`<parley-notice message=${notice.message} tone=${notice.kind === 'away' ? 'away' : 'info'}>
    ${
      ask
        ? html`<parley-lead-form .fields=${emailFields(s)} ?busy=${form.busy} @parley-lead-submit=${onSubmit}></parley-lead-form>`
        : nothing
    }
    ${form.error ? html`<p role="alert">${form.error}</p>` : nothing}
  </parley-notice>`;
}

/** "You are chatting as Poised Salmon" for an anonymous visitor. */
export function renderIdentity(state: ChatState, s: Strings) {
  const { session } = state;
  if (!session?.anonymous) return nothing;
  const name = state.users.get(session.userId)?.userName ?? session.userName;
  return html`<p class="identity" part="identity">${isolated((mark) => format(s.identity, { name: mark(name) }))}</p>`;
}

export function renderPoweredBy(show: boolean, s: Strings) {
  if (!show) return nothing;
  return html`<p class="powered" slot="footer" part="powered-by">
    <a href="https://github.com/parley-chat/parley" target="_blank" rel="noopener noreferrer">${s.poweredBy}</a>
  </p>`;
}

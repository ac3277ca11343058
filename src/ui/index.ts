/**
 * The widget's UI elements. Importing this module defines them all (guarded: a second copy of the
 * widget on the page keeps the first definitions). They render what they are given and report
 * intent as `parley-*` events; see `src/ui/README.md`.
 */
export { ParleyElement, hostStyles } from './base.js';
export * from './events.js';
export { environmentContext, localeContext, stringsContext, type ChatEnvironment } from './context.js';
export { ParleyLauncher } from './launcher/launcher.js';
export { ParleyPanel, CONNECTION_STATES, type ConnectionState } from './panel/panel.js';
export { ParleyComposer } from './composer/composer.js';
export { ParleyMessage, deliveryOf, initials, type ListMessage } from './message/message.js';
export { ParleyMessageList } from './message-list/message-list.js';
export { ParleyGreeting } from './greeting/greeting.js';
export { ParleyConversationList, previewOf } from './conversation-list/conversation-list.js';
export { ParleyLeadForm } from './lead-form/lead-form.js';
export { checkLeadValue, toLeadInputs, type LeadInput, type LeadProblem } from './lead-form/validate.js';
export { ParleyNotice, NOTICE_TONES, type NoticeTone } from './notice/notice.js';
export { ParleyCsat, FACE_VALUES } from './csat/csat.js';
export { ParleyResolved } from './resolved/resolved.js';
export { ParleyAgentBadge } from './agent-badge/agent-badge.js';
export { ParleyHeaderActions } from './header-actions/header-actions.js';

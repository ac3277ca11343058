/**
 * Everything inside the chat panel, as one lazily loaded chunk: a page view shows the launcher
 * (and the greeting) without downloading any of this; it loads when the visitor reaches for the
 * chat (hover, focus, open) or when a stored conversation is restored.
 */
import './panel/panel.js';
import './composer/composer.js';
import './message-list/message-list.js';
import './conversation-list/conversation-list.js';
import './lead-form/lead-form.js';
import './notice/notice.js';
import './csat/csat.js';
import './resolved/resolved.js';
import './agent-badge/agent-badge.js';
import './header-actions/header-actions.js';
import './attachments/index.js';
import './speech/index.js';

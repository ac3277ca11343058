/**
 * Everything inside the chat panel, as one lazily loaded chunk: a page view shows the launcher
 * (and the greeting) without downloading any of this; it loads when the visitor reaches for the
 * chat (hover, focus, open) or when a stored conversation is restored. What a text chat does not
 * need (CSAT, the lead form, the conversation list, the image viewer, the mic) comes later still,
 * when first shown (`lazy.ts`).
 */
import './panel/panel.js';
import './composer/composer.js';
import './message-list/message-list.js';
import './notice/notice.js';
import './resolved/resolved.js';
import './agent-badge/agent-badge.js';
import './header-actions/header-actions.js';
import './attachments/index.js';

/**
 * The panel's elements a text chat does not need, and the renderers of contact, audio and video
 * messages, as one chunk loaded the first time a template shows one of them (`lazy.ts`).
 */
import './csat/csat.js';
import './lead-form/lead-form.js';
import './conversation-list/conversation-list.js';
import './attachments/image-viewer.js';
import './speech/mic-button.js';
export { media } from './content/media.js';

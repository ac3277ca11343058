/** The attachment elements and helpers; importing this module defines the elements. */
export { ParleyAttachButton } from './attach-button.js';
export { ParleyAttachment } from './attachment.js';
export { ParleyFileChips } from './file-chips.js';
export { FileDropController, dropOverlay, dropOverlayStyles, type FileDropOptions } from './file-drop.js';
export * from './events.js';

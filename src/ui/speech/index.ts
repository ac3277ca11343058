/** The voice input element; importing this module defines it. */
export { ParleyMicButton } from './mic-button.js';
export * from './events.js';

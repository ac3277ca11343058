/**
 * Pseudonyms for anonymous visitors ("Poised Salmon"). The server uses the widget core's
 * function so that the widget, the server and the agents all derive the same name from a
 * userId.
 */
export { PSEUDONYM_ADJECTIVES, PSEUDONYM_ANIMALS, pseudonymFor } from '../../../src/core/pseudonym.js';

/**
 * The notification tones, as notes for the Web Audio API (no sound files to download): the
 * widget plays the app's `notificationTone` for messages and the greeting, and the staff app a
 * staff member's own sound (`NOTIFICATION_SOUNDS`, staff-protocol.ts) from the same table.
 * Each note is [frequency in Hz, start and length in seconds].
 */
import type { ChatWidgetSettings } from './protocol.js';

/** A tone an app may pick (`NOTIFICATION_TONES` in settings-schema.ts). */
export type NotificationTone = ChatWidgetSettings['notificationTone'];

export const TONE_NOTES: Record<NotificationTone, ReadonlyArray<readonly [number, number, number]>> = {
  /** A soft rising pair: the widget's tone unless the app picks another. */
  default: [
    [660, 0, 0.25],
    [880, 0.12, 0.25],
  ],
  chime: [
    [880, 0, 0.25],
    [1320, 0.12, 0.35],
  ],
  ding: [[1046, 0, 0.4]],
  pop: [[520, 0, 0.08]],
  bell: [
    [660, 0, 0.6],
    [990, 0, 0.5],
  ],
  marimba: [
    [523, 0, 0.15],
    [659, 0.1, 0.15],
    [784, 0.2, 0.25],
  ],
};

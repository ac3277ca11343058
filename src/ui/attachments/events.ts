/**
 * Events of the attachment elements (bubbling, composed, `parley-*`): files the visitor picked,
 * dropped or pasted, and what they asked for on one attachment chip.
 */
const init: EventInit = { bubbles: true, composed: true };

/** The visitor picked, dropped or pasted files to attach. */
export class ParleyFilesEvent extends Event {
  static readonly eventName = 'parley-files';
  readonly detail: { readonly files: readonly File[] };
  constructor(detail: { files: File[] }) {
    super(ParleyFilesEvent.eventName, init);
    this.detail = detail;
  }
}

export const ATTACHMENT_ACTIONS = ['remove', 'cancel', 'retry'] as const;
export type AttachmentAction = (typeof ATTACHMENT_ACTIONS)[number];

/** The visitor removed an attachment, cancelled its upload, or asked to upload it again. */
export class ParleyAttachmentEvent extends Event {
  static readonly eventName = 'parley-attachment';
  readonly detail: { readonly id: string; readonly action: AttachmentAction };
  constructor(detail: { id: string; action: AttachmentAction }) {
    super(ParleyAttachmentEvent.eventName, init);
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'parley-files': ParleyFilesEvent;
    'parley-attachment': ParleyAttachmentEvent;
  }
}

/**
 * The shapes of rich messages after `parseRich` (`rich.ts`): template ids, field types, actions,
 * buttons, cards, forms. Types and `as const` lists only; re-exported by `rich.ts`.
 */
import type { Metadata } from './protocol.js';

export const TEMPLATE_IDS = ['3', '6', '7', '8', '9', '10', '11', '12', '14'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const FIELD_TYPES = ['text', 'email', 'number', 'tel', 'date', 'password', 'textarea', 'hidden'] as const;
export const CHOICE_TYPES = ['radio', 'checkbox', 'dropdown'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type ChoiceType = (typeof CHOICE_TYPES)[number];

/** How a submit posts: as JSON (by the controller), as an ordinary form post in a new tab, or
 * back to the chat as the reply's `metadata.formData`. */
export type RequestType = 'json' | 'form' | 'postBack';

/** What a form sends: one value per field, several for checkboxes. */
export type FormValues = Record<string, string | string[]>;

export interface SubmitSpec {
  /** Where to post; always an absolute http(s) URL. Absent for `postBack`. */
  url?: string;
  requestType: RequestType;
  /** Fixed data to post along with the visitor's input. */
  data: Record<string, string>;
}

export type RichAction =
  | { type: 'link'; url: string; newTab: boolean }
  | { type: 'reply'; message: string; metadata?: Metadata }
  | { type: 'submit'; submit: SubmitSpec; message?: string };

export interface RichButton {
  label: string;
  action: RichAction;
}

export interface RichMedia {
  url: string;
  caption?: string;
}

export interface ListItem {
  title?: string;
  description?: string;
  image?: string;
  action?: RichAction;
}

export interface Card {
  title?: string;
  titleExt?: string;
  subtitle?: string;
  description?: string;
  image?: string;
  overlay?: string;
  buttons: RichButton[];
}

export interface Choice {
  label: string;
  value: string;
  selected: boolean;
}

export type FormField =
  | {
      type: FieldType;
      name: string;
      label?: string;
      placeholder?: string;
      value?: string;
      pattern?: RegExp;
      errorText?: string;
    }
  | { type: ChoiceType; name: string; label?: string; options: Choice[] };

export type RichContent =
  | { kind: 'replies' | 'buttons'; buttons: RichButton[] }
  | { kind: 'list'; headerImage?: string; headerText?: string; items: ListItem[]; buttons: RichButton[] }
  | { kind: 'faq'; title?: string; description?: string; buttonLabel?: string; buttons: RichButton[] }
  | { kind: 'images' | 'video'; media: RichMedia[] }
  | { kind: 'cards'; cards: Card[] }
  | { kind: 'form'; fields: FormField[]; label?: string; submit: SubmitSpec; message?: string };

export type RichParse = RichContent | { kind: 'text' } | { kind: 'fallback'; reason: string };

export interface RichOptions {
  /** The chat server's URL: relative image and link URLs resolve against it. */
  base?: string | undefined;
}

/**
 * Tags as staff see them: a chip (a coloured dot and the tag's name, so the colour is never the
 * only thing that tells tags apart) and the names of the colours an owner picks from.
 */
import { css, html } from 'lit';
import { TAG_COLOURS, type TagColour, type TagView } from '../../../src/core/staff-protocol.js';
import { strings } from './strings.js';

export const COLOUR_NAMES: Record<TagColour, string> = {
  grey: strings.colourGrey,
  red: strings.colourRed,
  orange: strings.colourOrange,
  yellow: strings.colourYellow,
  green: strings.colourGreen,
  teal: strings.colourTeal,
  blue: strings.colourBlue,
  purple: strings.colourPurple,
  pink: strings.colourPink,
};

const known = (colour: string): TagColour =>
  (TAG_COLOURS as readonly string[]).includes(colour) ? (colour as TagColour) : 'grey';

/** One tag. */
export const tagChip = (t: TagView) =>
  html`<span class="tag"><span class="dot ${known(t.colour)}"></span><bdi>${t.name}</bdi></span>`;

/**
 * A conversation's tags (nothing when there are none): a labelled list, or, inside a link whose
 * name they become part of, `inline` chips.
 */
export function tagChips(tags: readonly TagView[], inline = false) {
  if (tags.length === 0) return '';
  if (inline) return html`<span class="tags">${tags.map(tagChip)}</span>`;
  return html`<ul class="tags" aria-label=${strings.conversationTags}>
    ${tags.map((t) => html`<li>${tagChip(t)}</li>`)}
  </ul>`;
}

export const tagStyles = css`
  .tags {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0 0.45rem;
    border: 1px solid var(--pd-line);
    border-radius: 999px;
    font-size: 0.8rem;
    line-height: 1.5;
    white-space: nowrap;
  }
  .dot {
    width: 0.55rem;
    height: 0.55rem;
    border-radius: 50%;
    flex: none;
    forced-color-adjust: none;
    background: #8a94a6;
  }
  /* Each colour's dot: decoration beside the name, on light and dark backgrounds alike. */
  .dot.red {
    background: #d93025;
  }
  .dot.orange {
    background: #e8710a;
  }
  .dot.yellow {
    background: #f2b600;
  }
  .dot.green {
    background: #188038;
  }
  .dot.teal {
    background: #0f9aa5;
  }
  .dot.blue {
    background: #1a73e8;
  }
  .dot.purple {
    background: #9334e6;
  }
  .dot.pink {
    background: #d01884;
  }
`;

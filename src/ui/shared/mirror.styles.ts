import { css } from 'lit';

/**
 * Icons that point along the line — send, back, a carousel's previous and next — turn round in
 * right-to-left (`class="mirror"` on their control). One sheet for the elements that have one.
 */
export const mirrorStyles = css`
  .mirror svg:dir(rtl) {
    transform: scaleX(-1);
  }
`;

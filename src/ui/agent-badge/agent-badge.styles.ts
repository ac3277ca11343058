import { css } from 'lit';

export const agentBadgeStyles = css`
  :host {
    display: inline-flex;
    min-width: 0;
    color: inherit;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    min-width: 0;
  }
  .picture {
    position: relative;
    flex: none;
    width: var(--parley-agent-avatar-size, 36px);
    height: var(--parley-agent-avatar-size, 36px);
  }
  .avatar {
    display: grid;
    place-items: center;
    width: 100%;
    height: 100%;
    border-radius: 50%;
    /* A ring, not a tint: the initials keep the header's contrast (a white tint lowered it below AA). */
    box-shadow: inset 0 0 0 1.5px currentColor;
    color: inherit;
    font-size: 0.8125rem;
    font-weight: 600;
    object-fit: cover;
  }
  .dot {
    position: absolute;
    inset-inline-end: -1px;
    bottom: -1px;
    width: 11px;
    height: 11px;
    border: 2px solid var(--_surface);
    border-radius: 50%;
    background: #8c959f;
  }
  .dot.online {
    background: #1a7f37;
  }
  .name {
    overflow: hidden;
    font-size: 0.875rem;
    font-weight: 600;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;

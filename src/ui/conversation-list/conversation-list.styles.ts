import { css } from 'lit';

export const conversationListStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: var(--_surface);
    color: var(--_text);
  }
  .scroller {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  ul {
    margin: 0;
    padding: 4px 0;
    list-style: none;
  }
  .item {
    display: flex;
    align-items: center;
    gap: 12px;
    width: 100%;
    padding: 10px 16px;
    border: none;
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .item:hover {
    background: var(--_surface-alt);
  }
  .item:focus-visible {
    outline-offset: -2px;
  }
  .picture {
    position: relative;
    flex: none;
    width: 40px;
    height: 40px;
  }
  .avatar {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    width: 100%;
    height: 100%;
    border-radius: 50%;
    background: var(--_surface-alt);
    font-size: 0.8125rem;
    font-weight: 600;
    object-fit: cover;
  }
  img.avatar[hidden] {
    display: none;
  }
  .main {
    display: flex;
    flex: 1;
    flex-direction: column;
    gap: 2px;
    min-width: 0;
  }
  .row {
    display: flex;
    align-items: baseline;
    gap: 8px;
  }
  .title,
  .preview {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .title {
    font-size: 0.9375rem;
    font-weight: 600;
  }
  .preview,
  time {
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  time {
    flex: none;
  }
  .unread .preview {
    color: var(--_text);
    font-weight: 600;
  }
  .resolved .title {
    font-weight: 400;
    color: var(--_muted);
  }
  .tag {
    flex: none;
    padding: 0 6px;
    border-radius: 8px;
    background: var(--_surface-alt);
    color: var(--_muted);
    font-size: 0.75rem;
  }
  .badge {
    flex: none;
    min-width: 20px;
    height: 20px;
    padding: 0 6px;
    border-radius: 10px;
    background: var(--_primary);
    color: var(--_primary-text);
    font-size: 0.75rem;
    font-weight: 600;
    line-height: 20px;
    text-align: center;
  }
  .empty {
    margin: 32px 24px;
    color: var(--_muted);
    text-align: center;
  }
  .footer {
    display: flex;
    justify-content: center;
    flex: none;
    padding: 12px 16px;
    border-top: 1px solid var(--_border);
  }
`;

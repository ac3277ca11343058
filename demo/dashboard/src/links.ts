/**
 * Links inside the app: real `<a href>` (a new tab, a copied link and a reload all work) whose
 * plain click reports `pd-navigate` with the route, for the app to follow without a page load.
 */
import { html } from 'lit';
import { routeUrl, type Route } from './router.js';

function follow(route: Route) {
  return (e: MouseEvent) => {
    // A new tab or window (modifier keys, another button) follows the link itself.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    e.currentTarget?.dispatchEvent(
      new CustomEvent<Route>('pd-navigate', { detail: route, bubbles: true, composed: true }),
    );
  };
}

/** A link to `route`; `current` marks the page the user is on. */
export function link(route: Route, content: unknown, current = false) {
  return html`<a href=${routeUrl(route)} aria-current=${current ? 'page' : 'false'} @click=${follow(route)}>${content}</a>`;
}

/**
 * The light and dark themes, element by element, as `<parley-chat>` themes them (`themeCss` and
 * `themeSchemeCss` on a shadow host): for a light, a mid and a dark owner colour, every text the
 * panel, the greeting and each kind of message show meets WCAG AA on what it is drawn on, the
 * surfaces are dark in dark and light in light, and the owner's colour is the header's, the own
 * bubbles', the primary buttons' and the send button's, unchanged. Reduced motion: no animation
 * runs (Chromium emulates the media feature; elsewhere the rule is checked).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { resolveStrings } from '../../src/core/locale.js';
import type { LeadField } from '../../src/core/protocol.js';
import '../../src/ui/index.js';
import '../../src/ui/attachments/index.js';
import { themeCss } from '../../src/ui/host-css.js';
import { themeSchemeCss } from '../../src/ui/palette.js';
import { backgroundOf, contrast, lowContrastTexts, rgba } from '../helpers/contrast.js';
import { emulateMedia, harness, mediaRule } from '../helpers/engine.js';
import { AGENT, ME, msg, users } from '../helpers/message-list.js';
import { setUpUiSuite } from '../helpers/ui.js';

const OWNER_COLOURS = ['#f5d90a', '#5b5bd6', '#1b1f23'] as const;
const THEMES = ['light', 'dark'] as const;

const rich = (templateId: string, payload: unknown, text = '') =>
  msg(AGENT, text, { metadata: { templateId, payload: JSON.stringify(payload) } });

const CONVERSATION = [
  msg(AGENT, 'Hello! How can I help?'),
  msg(ME, 'I need a hand with my order'),
  rich(
    '6',
    [
      { title: 'Track it', message: 'Track' },
      { title: 'Cancel it', message: 'Cancel' },
    ],
    'Pick one',
  ),
  rich('11', [{ name: 'Open the shop', action: { type: 'link', url: 'https://example.com' } }]),
  rich('7', {
    headerText: 'Our plans',
    elements: [{ title: 'Basic', description: 'For one person', action: { type: 'quick_reply', text: 'basic' } }],
    buttons: [{ name: 'Compare', action: { type: 'link', url: 'https://example.com/plans' } }],
  }),
  rich('10', [
    {
      title: 'Room 1',
      titleExt: '$100',
      subtitle: 'Sea view',
      description: 'Breakfast included',
      buttons: [{ name: 'Book', action: { type: 'quick_reply', message: 'book' } }],
    },
  ]),
  rich('12', [
    { type: 'text', label: 'Your name', name: 'name', placeholder: 'Ana' },
    { type: 'submit', label: 'Send', formAction: 'https://example.com/f', requestType: 'json' },
  ]),
];

const LEAD: LeadField[] = [{ field: 'email', type: 'email', required: true, placeholder: 'you@example.com' }];

/** `body` inside a shadow host themed as `<parley-chat>` themes itself. */
async function themed(primary: string, theme: 'light' | 'dark', body: TemplateResult): Promise<HTMLElement> {
  const host = await fixture<HTMLDivElement>(html`<div style="width: 380px"></div>`);
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`${themeCss(primary)}${themeSchemeCss(primary, theme)}:host{display:block}`);
  root.adoptedStyleSheets = [sheet];
  render(body, root);
  const all = (r: ParentNode): Element[] =>
    [...r.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
  for (let i = 0; i < 3; i++)
    await Promise.all(all(root).map((e) => (e as Element & { updateComplete?: Promise<unknown> }).updateComplete));
  return host;
}

const panel = (strings = resolveStrings()) => html`<parley-panel
  open
  .title=${'Tidewater Coffee'}
  subtitle="We reply in a few minutes"
  connection="reconnecting"
  .strings=${strings}
>
  <parley-notice message="We're away right now." tone="away"></parley-notice>
  <parley-message-list style="height: 900px" self-id=${ME} .users=${users} .messages=${CONVERSATION} .strings=${strings}>
  </parley-message-list>
  <parley-resolved mode="multiple" can-start-new .strings=${strings}></parley-resolved>
  <parley-csat .strings=${strings}></parley-csat>
  <parley-lead-form .fields=${LEAD} intro="Before we start" .strings=${strings}></parley-lead-form>
  <parley-composer slot="footer" value="Thanks" .strings=${strings}></parley-composer>
</parley-panel>`;

const find = (root: Element, selector: string): HTMLElement | undefined => {
  const search = (r: ParentNode): HTMLElement | undefined => {
    const hit = r.querySelector<HTMLElement>(selector);
    if (hit) return hit;
    for (const e of r.querySelectorAll('*')) {
      const inner = e.shadowRoot && search(e.shadowRoot);
      if (inner) return inner;
    }
    return undefined;
  };
  return search(root.shadowRoot!);
};

const luminance = (el: Element) => {
  const [r, g, b] = backgroundOf(el);
  return contrast([r, g, b, 1], [0, 0, 0, 1]);
};

describe('themes', () => {
  setUpUiSuite();

  for (const theme of THEMES)
    for (const primary of OWNER_COLOURS)
      describe(`${theme}, owner colour ${primary}`, () => {
        it('shows every text of the panel and its messages at AA contrast', async () => {
          const host = await themed(primary, theme, panel());
          expect(lowContrastTexts(host)).to.deep.equal([]);
        });

        it('shows the greeting at AA contrast', async () => {
          const host = await themed(
            primary,
            theme,
            html`<parley-greeting .message=${['Hi there! Need help choosing beans?']} position="right"></parley-greeting>`,
          );
          expect(lowContrastTexts(host)).to.deep.equal([]);
        });

        it("draws dark surfaces in dark and light ones in light, and keeps the owner's colour", async () => {
          const host = await themed(primary, theme, panel());
          const body = find(host, '[part="log"]') ?? find(host, 'parley-message-list')!;
          // Contrast against black: a dark surface is close to it, a light one far.
          if (theme === 'dark') expect(luminance(body)).to.be.below(1.5);
          else expect(luminance(body)).to.be.above(18);
          const owner = rgba(primary);
          for (const part of ['header', '[part~="send-button"]']) {
            const el = find(host, part)!;
            expect(rgba(getComputedStyle(el).backgroundColor), part).to.deep.equal(owner);
          }
          const own = find(host, 'parley-message[self]')!.shadowRoot!.querySelector('.bubble')!;
          expect(rgba(getComputedStyle(own).backgroundColor), 'own bubble').to.deep.equal(owner);
        });

        it('shows the file chips at AA contrast', async () => {
          const file = new File(['x'.repeat(2048)], 'notes.txt', { type: 'text/plain' });
          const items = [
            {
              id: 'a',
              state: 'done',
              file,
              name: file.name,
              size: file.size,
              type: file.type,
              loaded: 0,
              total: file.size,
            },
          ];
          const host = await themed(
            primary,
            theme,
            html`<parley-file-chips locale="en" .items=${items}></parley-file-chips>`,
          );
          expect(lowContrastTexts(host)).to.deep.equal([]);
        });
      });

  describe('forced colours', () => {
    it('keeps a border on every button of the panel', async () => {
      const host = await themed('#5b5bd6', 'light', panel());
      if (!(await harness()).media) {
        // No media emulation in this engine (test/helpers/engine.ts): the rule is there instead.
        const rule = mediaRule(find(host, 'parley-panel')!.shadowRoot!, 'forced-colors', (r) =>
          r.selectorText.includes('button'),
        );
        expect(rule?.selectorText).to.equal('button:not([part="launcher"])');
        expect(rule?.style.borderTopStyle).to.equal('solid');
        expect(rule?.style.getPropertyPriority('border-top-style')).to.equal('important');
        return;
      }
      await emulateMedia({ forcedColors: 'active' });
      try {
        const buttons = (r: ParentNode): HTMLButtonElement[] =>
          [...r.querySelectorAll('*')].flatMap((e) => [
            ...(e instanceof HTMLButtonElement ? [e] : []),
            ...(e.shadowRoot ? buttons(e.shadowRoot) : []),
          ]);
        const shown = buttons(host.shadowRoot!).filter(
          (b) => b.checkVisibility() && b.getBoundingClientRect().width > 1,
        );
        expect(shown.length).to.be.above(5);
        const borderless = shown.filter((b) => {
          const s = getComputedStyle(b);
          return s.borderTopStyle === 'none' || parseFloat(s.borderTopWidth) < 1;
        });
        expect(borderless.map((b) => b.getAttribute('aria-label') ?? b.textContent!.trim())).to.deep.equal([]);
      } finally {
        await emulateMedia({ forcedColors: 'none' });
      }
    });
  });

  describe('reduced motion', () => {
    it('runs no animation or transition in the panel, the typing dots or the greeting', async () => {
      const h = await harness();
      const host = await themed(
        '#5b5bd6',
        'light',
        html`${panel()}<parley-greeting .message=${['Hi!']} position="right"></parley-greeting>`,
      );
      if (!h.media) {
        // No media emulation in this engine (test/helpers/engine.ts): the rule is there instead.
        const rule = mediaRule(
          find(host, 'parley-panel')!.shadowRoot!,
          'prefers-reduced-motion',
          (r) => r.style.animationName !== '',
        );
        expect(rule?.style.animationName).to.equal('none');
        expect(rule?.style.transitionProperty).to.equal('none');
        return;
      }
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        const list = find(host, 'parley-message-list') as HTMLElement & { typing: string[] };
        list.typing = [AGENT];
        const panelEl = find(host, 'parley-panel') as HTMLElement & { open: boolean };
        panelEl.open = false;
        await (panelEl as unknown as { updateComplete: Promise<unknown> }).updateComplete;
        panelEl.open = true;
        await (panelEl as unknown as { updateComplete: Promise<unknown> }).updateComplete;
        await new Promise(requestAnimationFrame);
        const running = [...document.getAnimations(), ...host.getAnimations({ subtree: true })].filter(
          (a) => a.playState === 'running',
        );
        expect(running.map((a) => (a as CSSAnimation).animationName ?? 'transition')).to.deep.equal([]);
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });
  });
});

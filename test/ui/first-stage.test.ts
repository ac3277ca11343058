/**
 * The loader's first stage (src/ui/launcher/first-stage.ts): the launcher drawn as plain DOM must
 * be the button `<parley-launcher>` draws — same name, box, colours and icon — so the widget can
 * take it over without a visible change; and it answers the visitor before the widget is there.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { CLOSE_ICON_PATHS, LAUNCHER_ICON_PATHS, type LauncherLook } from '../../src/core/launcher.js';
import { ParleyChat } from '../../src/parley-chat.js';
import {
  CHAT_SHADOW_ROOT,
  FIRST_STAGE_ATTRIBUTE,
  paintFirstStage,
  takeOverFirstStage,
} from '../../src/ui/launcher/first-stage.js';
import type { ParleyLauncher } from '../../src/ui/launcher/launcher.js';
import '../../src/ui/launcher/launcher.js';
import { click, press, setUpUiSuite, shadow } from '../helpers/ui.js';

const LOOK: LauncherLook = { position: 'right', primaryColor: '#0a7d33', icon: 0, image: '' };
const LABELS = { open: 'Open chat', close: 'Close chat' };

describe('first stage: the launcher before the widget', () => {
  setUpUiSuite();
  const hosts: HTMLElement[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.remove()));

  function painted(look: Partial<LauncherLook> = {}, on = { intent: () => {}, toggle: (_open: boolean) => {} }) {
    const host = document.createElement('first-stage-host');
    document.body.append(host);
    hosts.push(host);
    expect(paintFirstStage(host, { ...LOOK, ...look }, LABELS, on)).to.equal(true);
    const button = host.shadowRoot!.querySelector<HTMLButtonElement>('button')!;
    return { host, button };
  }

  /** `<parley-launcher>` in a themed host placed as `<parley-chat>` places it. */
  async function litLauncher(icon: number) {
    const el = await fixture<HTMLElement>(
      html`<div style="--parley-primary-color: #0a7d33; --parley-primary-text-color: #ffffff">
        <parley-launcher icon=${icon}></parley-launcher>
      </div>`,
    );
    return shadow<HTMLButtonElement>(el.querySelector<ParleyLauncher>('parley-launcher')!, 'button');
  }

  it('draws the same button as <parley-launcher>: name, size, colours, shape and icon', async () => {
    for (const icon of [0, 1, 2]) {
      const { button } = painted({ icon });
      const lit = await litLauncher(icon);
      expect(button.getAttribute('part')).to.equal('launcher');
      expect(button.type).to.equal('button');
      for (const name of ['aria-label', 'aria-expanded'])
        expect(button.getAttribute(name)).to.equal(lit.getAttribute(name));
      const [mine, theirs] = [getComputedStyle(button), getComputedStyle(lit)];
      for (const prop of ['width', 'height', 'background-color', 'color', 'border-radius', 'box-shadow', 'cursor'])
        expect(mine.getPropertyValue(prop), prop).to.equal(theirs.getPropertyValue(prop));
      const svgOf = (b: HTMLButtonElement) => {
        const svg = b.querySelector('svg')!;
        const attributes = Object.fromEntries([...svg.attributes].map((a) => [a.name, a.value]));
        return { attributes, paths: [...svg.querySelectorAll('path')].map((p) => p.getAttribute('d')) };
      };
      expect(svgOf(button)).to.deep.equal(svgOf(lit));
      expect(svgOf(button).paths).to.deep.equal(LAUNCHER_ICON_PATHS[icon]);
    }
  });

  it('sits in the corner the settings name', () => {
    const { host, button } = painted({ position: 'left' });
    expect(host.getAttribute('position')).to.equal('left');
    expect(Math.round(button.getBoundingClientRect().left)).to.equal(20);
    const right = painted().button.getBoundingClientRect();
    expect(Math.round(window.innerWidth - right.right)).to.equal(20);
  });

  it('shows a safe launcher image, and the icon when the image fails or is unsafe', async () => {
    const good = painted({ image: `${location.origin}/no-such-image.png` }).button;
    const img = good.querySelector('img')!;
    expect(img.getAttribute('alt')).to.equal('');
    await new Promise<void>((resolve) => (img.complete ? resolve() : img.addEventListener('error', () => resolve())));
    expect(Boolean(good.querySelector('img')), 'the broken image is still there').to.equal(false);
    expect(good.querySelectorAll('svg')).to.have.length(1);
    const bad = painted({ image: 'javascript:alert(1)' }).button;
    expect(Boolean(bad.querySelector('img')), 'an unsafe image drawn').to.equal(false);
    expect(bad.querySelectorAll('svg path')).to.have.length(1);
  });

  it('answers a click (mouse or keyboard) at once and asks for the widget: open, then close', async () => {
    const calls: string[] = [];
    const { button } = painted(
      {},
      { intent: () => calls.push('intent'), toggle: (open) => calls.push(`toggle ${open}`) },
    );
    await click(button);
    expect(calls).to.include('intent');
    expect(calls.at(-1)).to.equal('toggle true');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(button.getAttribute('aria-label')).to.equal('Close chat');
    expect([...button.querySelectorAll('path')].map((p) => p.getAttribute('d'))).to.deep.equal(CLOSE_ICON_PATHS);
    button.focus();
    await press('Enter');
    expect(calls.at(-1)).to.equal('toggle false');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-label')).to.equal('Open chat');
    expect([...button.querySelectorAll('path')].map((p) => p.getAttribute('d'))).to.deep.equal(LAUNCHER_ICON_PATHS[0]);
  });

  it('asks for the widget when the keyboard reaches the launcher', () => {
    const calls: string[] = [];
    const { button } = painted({}, { intent: () => calls.push('intent'), toggle: () => {} });
    button.focus();
    expect(calls).to.deep.equal(['intent']);
  });

  it('draws nothing into a root that holds something (the widget got there first)', () => {
    const host = document.createElement('first-stage-host');
    document.body.append(host);
    hosts.push(host);
    host.attachShadow(CHAT_SHADOW_ROOT).append(document.createComment('lit'));
    expect(paintFirstStage(host, LOOK, LABELS, { intent: () => {}, toggle: () => {} })).to.equal(false);
    expect(Boolean(host.shadowRoot!.querySelector('button')), 'a button drawn over the widget').to.equal(false);
  });

  it('is taken over whole, and says whether its button had the focus', () => {
    const { host, button } = painted();
    button.focus();
    expect(takeOverFirstStage(host.shadowRoot)).to.equal(true);
    expect(host.shadowRoot!.querySelectorAll(`[${FIRST_STAGE_ATTRIBUTE}]`)).to.have.length(0);
    expect(host.shadowRoot!.childNodes).to.have.length(0);
    expect(takeOverFirstStage(painted().host.shadowRoot)).to.equal(false);
    expect(takeOverFirstStage(null)).to.equal(false);
  });

  it('attaches the root <parley-chat> renders into', () => {
    expect(ParleyChat.shadowRootOptions).to.deep.equal(CHAT_SHADOW_ROOT);
  });
});

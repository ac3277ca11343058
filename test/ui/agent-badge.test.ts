import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resolveStrings } from '../../src/core/locale.js';
import { ParleyAgentBadge } from '../../src/ui/agent-badge/agent-badge.js';
import { setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

const avatar = (el: ParleyAgentBadge) => shadow(el, '[part="avatar"]');
const textOf = (el: ParleyAgentBadge) => shadow(el, '[part="agent"]').textContent?.replace(/\s+/g, ' ').trim();

describe('<parley-agent-badge>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('shows initials, the name and no status dot', async () => {
      const el = await fixture<ParleyAgentBadge>(html`<parley-agent-badge name="Anna Berg"></parley-agent-badge>`);
      expect(avatar(el).textContent?.trim()).to.equal('AB');
      expect(shadow(el, '[part="name"]').textContent).to.equal('Anna Berg');
      expect(shadowAll(el, '[part="status"]')).to.have.length(0);
      expect(textOf(el)).to.equal('AB Anna Berg');
    });
  });

  describe('properties', () => {
    it('shows an http(s) picture instead of initials', async () => {
      const src = 'https://cdn.example.com/anna.png';
      const el = await fixture<ParleyAgentBadge>(
        html`<parley-agent-badge name="Anna" image=${src}></parley-agent-badge>`,
      );
      const img = shadow<HTMLImageElement>(el, 'img[part="avatar"]');
      expect(img.getAttribute('src')).to.equal(src);
      expect(img.alt).to.equal('');
    });

    it('ignores pictures that are not http(s), and falls back to initials when one fails to load', async () => {
      const bad = await fixture<ParleyAgentBadge>(
        html`<parley-agent-badge name="Bot" image="javascript:alert(1)"></parley-agent-badge>`,
      );
      expect(shadowAll(bad, 'img')).to.have.length(0);
      const broken = await fixture<ParleyAgentBadge>(
        html`<parley-agent-badge name="Bot Helper" image="http://127.0.0.1:1/missing.png"></parley-agent-badge>`,
      );
      await waitUntil(() => shadowAll(broken, 'img').length === 0, 'the broken image is replaced');
      expect(avatar(broken).textContent?.trim()).to.equal('BH');
    });

    it('shows a green dot and says "Online" when online', async () => {
      const el = await fixture<ParleyAgentBadge>(html`<parley-agent-badge name="Anna" online></parley-agent-badge>`);
      expect(el.online).to.equal(true);
      expect(getComputedStyle(shadow(el, '[part="status"]')).backgroundColor).to.equal('rgb(26, 127, 55)');
      expect(shadow(el, '.sr-only').textContent).to.contain('Online');
    });

    it('shows a grey dot and says "Away" when offline', async () => {
      const el = await fixture<ParleyAgentBadge>(
        html`<parley-agent-badge name="Anna" online="false"></parley-agent-badge>`,
      );
      expect(el.online).to.equal(false);
      expect(getComputedStyle(shadow(el, '[part="status"]')).backgroundColor).to.equal('rgb(140, 149, 159)');
      expect(shadow(el, '.sr-only').textContent).to.contain('Away');
      el.online = undefined;
      await el.updateComplete;
      expect(shadowAll(el, '[part="status"], .sr-only')).to.have.length(0);
    });

    it('takes its words from strings', async () => {
      const strings = resolveStrings({ agentOnline: 'En ligne' });
      const el = await fixture<ParleyAgentBadge>(
        html`<parley-agent-badge name="Anna" .online=${true} .strings=${strings}></parley-agent-badge>`,
      );
      expect(shadow(el, '.sr-only').textContent).to.contain('En ligne');
    });
  });

  describe('accessibility', () => {
    it('is accessible with and without a status', async () => {
      await expect(await fixture(html`<parley-agent-badge name="Anna"></parley-agent-badge>`)).to.be.accessible();
      await expect(
        await fixture(html`<parley-agent-badge name="Anna" online></parley-agent-badge>`),
      ).to.be.accessible();
    });
  });
});

import { expect } from '@open-wc/testing';
import { launcherFromAnswer, launcherIconIndex, launcherLook } from '../../src/core/launcher.js';
import { launcherLabels } from '../../src/core/locale-launcher.js';
import { en, resolveStrings } from '../../src/core/locale.js';
import { ERROR_CODES } from '../../src/core/protocol.js';

const success = (response: unknown) => ({ status: 'success', response });
const refusal = (errorCode: string) => ({ status: 'error', errorResponse: [{ errorCode, description: 'no' }] });

describe('core/launcher', () => {
  describe('launcherLook', () => {
    it('gives the defaults for settings that say nothing', () => {
      expect(launcherLook({}, undefined, 'shop.test')).to.deep.equal({
        position: 'right',
        primaryColor: '#5b5bd6',
        icon: 0,
        image: '',
      });
    });

    it('reads colour, position, icon and image, and the page’s widgetSettings win', () => {
      const raw = { chatWidget: { primaryColor: '#0a7d33', position: 'left', iconIndex: 2 } };
      expect(launcherLook(raw, undefined, 'shop.test')).to.include({
        primaryColor: '#0a7d33',
        position: 'left',
        icon: 2,
      });
      expect(launcherLook(raw, { position: 'right', iconIndex: 1 }, 'shop.test')).to.include({
        position: 'right',
        icon: 1,
      });
      const image = { chatWidget: { iconIndex: 'image', widgetImageLink: 'https://cdn.test/a.png' } };
      expect(launcherLook(image, undefined, 'shop.test')).to.include({ icon: 0, image: 'https://cdn.test/a.png' });
    });

    it('takes the defaults for values of the wrong kind, as the widget does', () => {
      const raw = { chatWidget: { primaryColor: 'url(x)', position: 'top', iconIndex: 'seven' } };
      expect(launcherLook(raw, undefined, 'shop.test')).to.deep.equal({
        position: 'right',
        primaryColor: '#5b5bd6',
        icon: 0,
        image: '',
      });
      expect(launcherLook('not settings', undefined, 'shop.test')).to.include({ icon: 0 });
    });

    it('draws nothing when the app switched the widget off, or this domain is not on its list', () => {
      expect(launcherLook({ chatWidget: { disableChatWidget: true } }, undefined, 'shop.test')).to.equal(undefined);
      expect(launcherLook({}, { disableChatWidget: true }, 'shop.test')).to.equal(undefined);
      const listed = { chatWidget: { allowedDomains: ['example.com'] } };
      expect(launcherLook(listed, undefined, 'shop.test')).to.equal(undefined);
      expect(launcherLook(listed, undefined, 'www.example.com')).to.not.equal(undefined);
    });
  });

  describe('launcherFromAnswer', () => {
    it('reads the success envelope, and says hidden for a refusal of this page', () => {
      expect(launcherFromAnswer(success({}), undefined, 'shop.test')).to.include({ icon: 0 });
      expect(launcherFromAnswer(success({ chatWidget: { disableChatWidget: true } }), undefined, 'shop.test')).to.equal(
        'hidden',
      );
      expect(launcherFromAnswer(refusal(ERROR_CODES.widgetDisabled), undefined, 'shop.test')).to.equal('hidden');
      expect(launcherFromAnswer(refusal(ERROR_CODES.originNotAllowed), undefined, 'shop.test')).to.equal('hidden');
    });

    it('decides nothing for an answer that says nothing usable (the engine will, with its cache)', () => {
      for (const body of [undefined, null, 'oops', {}, refusal(ERROR_CODES.internal), { status: 'error' }]) {
        expect(launcherFromAnswer(body, undefined, 'shop.test'), JSON.stringify(body)).to.equal(undefined);
      }
    });
  });

  it('draws a built-in icon for 0..2 and icon 0 for anything else', () => {
    expect([0, 1, 2].map(launcherIconIndex)).to.deep.equal([0, 1, 2]);
    for (const bad of [3, -1, 1.5, '1', 'image', undefined]) expect(launcherIconIndex(bad)).to.equal(0);
  });

  it('names the launcher as the widget does: the site’s labels over the English table', () => {
    expect(launcherLabels(undefined)).to.deep.equal({ open: en.launcherOpen, close: en.launcherClose });
    const labels = { launcherOpen: 'Talk to us', launcherClose: 42 };
    const strings = resolveStrings(labels);
    expect(launcherLabels(labels)).to.deep.equal({ open: strings.launcherOpen, close: strings.launcherClose });
    expect(launcherLabels(labels).open).to.equal('Talk to us');
  });
});

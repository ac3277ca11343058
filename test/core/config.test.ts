import { expect } from '@open-wc/testing';
import { DEFAULT_CHAT_WIDGET, parseInstallSettings, parseSettings } from '../../src/core/config.js';

describe('core/config', () => {
  describe('parseSettings', () => {
    it('fills every field with its documented default', () => {
      const { settings, errors } = parseSettings({});
      expect(errors).to.deep.equal([]);
      expect(settings.chatWidget).to.deep.equal({ ...DEFAULT_CHAT_WIDGET });
      expect(settings.chatWidget.position).to.equal('right');
      expect(settings.chatWidget.disableChatWidget).to.equal(false);
      expect(settings.chatWidget.allowedDomains).to.deep.equal([]);
      expect(settings.collectFeedback).to.equal(false);
      expect(settings.chatPopupMessage).to.deep.equal([]);
      expect(settings.collectLead).to.equal(false);
      expect(settings.leadCollection).to.deep.equal([]);
    });

    it('takes valid server values', () => {
      const { settings, errors } = parseSettings({
        chatWidget: {
          primaryColor: '#ff0000',
          position: 'left',
          isSingleThreaded: true,
          allowedDomains: ['a.test'],
          csatRatingBase: 5,
          iconIndex: 'image',
        },
        collectFeedback: true,
        userName: 'Poised Salmon',
      });
      expect(errors).to.deep.equal([]);
      expect(settings.chatWidget).to.include({
        primaryColor: '#ff0000',
        position: 'left',
        isSingleThreaded: true,
        csatRatingBase: 5,
        iconIndex: 'image',
      });
      expect(settings.chatWidget.allowedDomains).to.deep.equal(['a.test']);
      expect(settings.collectFeedback).to.equal(true);
      expect(settings.userName).to.equal('Poised Salmon');
    });

    it('replaces a wrong-typed field by its default and names it in an error', () => {
      const { settings, errors } = parseSettings({
        chatWidget: { position: 'top', disableChatWidget: 'yes', allowedDomains: 'a.test', notificationVolume: 7 },
      });
      expect(settings.chatWidget.position).to.equal('right');
      expect(settings.chatWidget.disableChatWidget).to.equal(false);
      expect(settings.chatWidget.allowedDomains).to.deep.equal([]);
      expect(settings.chatWidget.notificationVolume).to.equal(1);
      expect(errors).to.have.length(4);
      expect(errors.join('\n'))
        .to.contain('chatWidget.position')
        .and.contain('chatWidget.disableChatWidget')
        .and.contain('chatWidget.allowedDomains');
    });

    it('rejects colours that could inject CSS', () => {
      const { settings, errors } = parseSettings({ chatWidget: { primaryColor: 'red; background: url(x)' } });
      expect(settings.chatWidget.primaryColor).to.equal(DEFAULT_CHAT_WIDGET.primaryColor);
      expect(errors[0]).to.contain('primaryColor');
      expect(
        parseSettings({ chatWidget: { primaryColor: 'rgb(10, 20, 30)' } }).settings.chatWidget.primaryColor,
      ).to.equal('rgb(10, 20, 30)');
    });

    it('ignores unknown fields', () => {
      const { settings, errors } = parseSettings({ chatWidget: { sparkles: true }, somethingNew: 1 });
      expect(errors).to.deep.equal([]);
      expect(settings.chatWidget).to.not.have.property('sparkles');
      expect(settings).to.not.have.property('somethingNew');
    });

    it('deep-merges the page overrides over the server values; the page wins', () => {
      const { settings, errors } = parseSettings(
        { chatWidget: { primaryColor: '#111111', position: 'left', title: 'Server' } },
        { primaryColor: '#222222', title: 'Page' },
      );
      expect(errors).to.deep.equal([]);
      expect(settings.chatWidget).to.include({ primaryColor: '#222222', position: 'left', title: 'Page' });
    });

    it("keeps the server's value when a page override has the wrong type", () => {
      const { settings, errors } = parseSettings({ chatWidget: { position: 'left' } }, { position: 5 });
      expect(settings.chatWidget.position).to.equal('left');
      expect(errors[0]).to.contain('widgetSettings.position');
    });

    it('normalises greetings and lead fields, dropping bad items', () => {
      const { settings, errors } = parseSettings({
        chatPopupMessage: [{ message: 'Hi!', delay: 3000 }, { message: ['a', 'b'] }, { message: 5 }, 'x'],
        collectLead: true,
        leadCollection: [
          { field: 'email', type: 'email', required: true },
          { field: 'x', type: 'weird' },
          { type: 'text' },
        ],
      });
      expect(settings.chatPopupMessage).to.deep.equal([
        { message: ['Hi!'], delay: 3000 },
        { message: ['a', 'b'], delay: 0 },
      ]);
      expect(settings.leadCollection).to.deep.equal([
        { field: 'email', type: 'email', required: true },
        { field: 'x', type: 'text' },
      ]);
      expect(errors).to.have.length(4);
    });

    it('gives defaults and an error for a settings value that is not an object', () => {
      for (const raw of ['oops', 42, [1, 2]]) {
        const { settings, errors } = parseSettings(raw);
        expect(settings.chatWidget.position).to.equal('right');
        expect(errors).to.have.length(1);
      }
      expect(parseSettings(undefined).errors).to.deep.equal([]);
      expect(parseSettings({ chatWidget: 'x' }).errors[0]).to.contain('chatWidget');
    });

    it('returns fresh arrays that callers cannot use to change the defaults', () => {
      const a = parseSettings({}).settings;
      a.chatWidget.allowedDomains.push('x');
      expect(parseSettings({}).settings.chatWidget.allowedDomains).to.deep.equal([]);
    });
  });

  describe('parseInstallSettings', () => {
    it('requires an appId', () => {
      for (const raw of [undefined, null, {}, { appId: '' }, { appId: '  ' }, { appId: {} }, 'x']) {
        const result = parseInstallSettings(raw);
        expect(result.ok).to.equal(false);
        if (!result.ok) expect(result.error).to.contain('appId');
      }
    });

    it('takes the documented fields with defaults', () => {
      const onInit = () => {};
      const result = parseInstallSettings({
        appId: 'demo',
        server: 'https://chat.example.com/',
        userId: 'u1',
        userName: 'Ann',
        email: 'ann@example.com',
        conversationTitle: 'Help',
        popupWidget: true,
        labels: { 'composer.placeholder': 'Say hi', bad: 1 },
        widgetSettings: { position: 'left', nested: { a: 1 } },
        metadata: { plan: 'pro', seats: 3, junk: {} },
        onInit,
        unknownThing: true,
      });
      expect(result.ok).to.equal(true);
      if (!result.ok) return;
      expect(result.value).to.include({
        appId: 'demo',
        server: 'https://chat.example.com',
        userId: 'u1',
        popupWidget: true,
        automaticChatOpenOnNavigation: false,
        onInit,
      });
      expect(result.value.labels).to.deep.equal({ 'composer.placeholder': 'Say hi' });
      expect(result.value.widgetSettings).to.deep.equal({ position: 'left', nested: { a: 1 } });
      expect(result.value.metadata).to.deep.equal({ plan: 'pro', seats: '3' });
      expect(result.value).to.not.have.property('unknownThing');
      expect(result.warnings).to.deep.equal([]);
    });

    it('accepts the string forms that data-* attributes give', () => {
      const result = parseInstallSettings({
        appId: 'a',
        popupWidget: 'true',
        automaticChatOpenOnNavigation: 'false',
        widgetSettings: '{"position":"left"}',
      });
      expect(result.ok && result.value.popupWidget).to.equal(true);
      expect(result.ok && result.value.widgetSettings).to.deep.equal({ position: 'left' });
    });

    it('warns about, and drops, wrong-typed optional fields', () => {
      const result = parseInstallSettings({
        appId: 'a',
        server: 'javascript:alert(1)',
        userName: 7,
        popupWidget: 'maybe',
        onInit: 'x',
        labels: 3,
      });
      expect(result.ok).to.equal(true);
      if (!result.ok) return;
      expect(result.value.server).to.equal('');
      expect(result.value).to.not.have.property('userName');
      expect(result.value.popupWidget).to.equal(false);
      expect(result.warnings).to.have.length(5);
    });
  });
});

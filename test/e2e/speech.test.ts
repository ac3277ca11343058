/**
 * Speech through the whole widget (installed as the element, without the loader) against the
 * live server. Only the browser's speech APIs are faked — headless browsers have no microphone and
 * no voices; everything else is real: settings from the server, the socket, the Platform API. One
 * test takes the engine as it is: Chromium and WebKit have (prefixed) recognition, Firefox none.
 */
import { expect } from '@open-wc/testing';
import { press, type } from '../helpers/ui.js';
import '../../src/parley-chat.js';
import { FakeRecognition } from '../helpers/fake-speech.js';
import { speechRecognitionSupported } from '../helpers/engine.js';
import { createApp, platform, server, signed, waitFor, waitForAsync, type TestApp } from '../helpers/e2e.js';

/** What was spoken, with its language. */
const spoken: Array<{ text: string; lang: string }> = [];
const fakeSynth = {
  speaking: false,
  pending: false,
  paused: false,
  speak(u: SpeechSynthesisUtterance) {
    spoken.push({ text: u.text, lang: u.lang });
    queueMicrotask(() => u.dispatchEvent(new Event('end')));
  },
  cancel() {},
  pause() {},
  resume() {},
  getVoices: () => [],
  addEventListener() {},
  removeEventListener() {},
};

function deep(root: ParentNode, selector: string): HTMLElement | null {
  const found = root.querySelector<HTMLElement>(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && deep(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}

/** All text in a tree of open shadow roots. */
function deepText(root: ParentNode): string {
  let text = root.textContent ?? '';
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) text += ` ${deepText(el.shadowRoot)}`;
  return text;
}

describe('speech in the widget', function () {
  this.timeout(60000);
  let el: HTMLElement | undefined;
  let app: TestApp;
  const saved = Object.getOwnPropertyDescriptor(window, 'speechSynthesis');

  before(async () => {
    app = await createApp({ chatWidget: { voiceInput: true, voiceOutput: true } });
  });

  // Every test: this machine's headless Chromium has no speech service, so the real
  // speechSynthesis must never be reached (the bot's greeting would be read aloud).
  beforeEach(() => Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: fakeSynth }));

  const nativeRecognition = Object.getOwnPropertyDescriptor(window, 'webkitSpeechRecognition');
  const nativeUnprefixed = Object.getOwnPropertyDescriptor(window, 'SpeechRecognition');

  afterEach(() => {
    el?.remove();
    // Back to the engine's own recognition: none where it has none (Firefox).
    const own = window as unknown as Record<string, unknown>;
    if (nativeRecognition) Object.defineProperty(window, 'webkitSpeechRecognition', nativeRecognition);
    else delete own['webkitSpeechRecognition'];
    if (nativeUnprefixed) Object.defineProperty(window, 'SpeechRecognition', nativeUnprefixed);
    else delete own['SpeechRecognition'];
    if (saved) Object.defineProperty(window, 'speechSynthesis', saved);
    spoken.length = 0;
  });

  async function mount(userId: string): Promise<HTMLElement> {
    const { url } = await server();
    const chat = document.createElement('parley-chat') as HTMLElement & { settings?: unknown };
    chat.settings = await signed(app, { appId: app.appId, server: url, userId, userLocale: 'en-GB' });
    document.body.append(chat);
    el = chat;
    (await waitFor(() => deep(chat.shadowRoot!, '[part~="launcher"]'), 'launcher')).click();
    await waitFor(() => deep(chat.shadowRoot!, 'textarea'), 'composer');
    await waitFor(() => chat.shadowRoot!.querySelector('parley-panel[connection="connected"]'), 'connected');
    return chat;
  }

  it('voice input: interim words in the composer, a listening button, then text to edit and send', async () => {
    for (const name of ['SpeechRecognition', 'webkitSpeechRecognition']) {
      Object.defineProperty(window, name, { configurable: true, writable: true, value: FakeRecognition });
    }
    const userId = `voice-${Math.random().toString(36).slice(2)}`;
    const chat = await mount(userId);
    const mic = await waitFor(() => deep(chat.shadowRoot!, '[part~="mic-button"]'), 'mic button');
    mic.click();
    const recognition = await waitFor(() => FakeRecognition.current, 'recognition started');
    expect(recognition.lang).to.equal('en-GB');
    await waitFor(() => mic.getAttribute('aria-pressed') === 'true', 'button shows it is listening');

    recognition.hear('where is my', false);
    const box = deep(chat.shadowRoot!, 'textarea') as HTMLTextAreaElement;
    await waitFor(() => box.value === 'where is my', 'interim words in the input');
    recognition.hear('where is my order', true);
    recognition.end();
    await waitFor(() => box.value === 'where is my order', 'final words left to edit');
    await waitFor(() => mic.getAttribute('aria-pressed') === 'false', 'stopped listening');

    box.focus();
    await type(' 1042');
    await press('Enter');
    const { url } = await server();
    const token = await fetch(`${url}/widget/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(await signed(app, { appId: app.appId, userId })),
    }).then(async (r) => (await r.json()).response.token as string);
    await waitForAsync(async () => {
      const messages = (
        await fetch(`${url}/widget/v1/messages?after=0`, { headers: { Authorization: `Bearer ${token}` } }).then((r) =>
          r.json(),
        )
      ).response as Array<{ message: string }>;
      return messages.some((m) => m.message === 'where is my order 1042');
    }, 'the edited dictation reached the server');
  });

  it('read-aloud: agent replies are spoken in the widget language until the visitor turns it off', async () => {
    const userId = `tts-${Math.random().toString(36).slice(2)}`;
    const created = await platform(app, '/rest/ws/group/conversation', {
      body: {
        groupName: 'Voice',
        groupMemberList: [userId, app.agentId],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
      },
    });
    const groupId = created.body.response.groupId as string;
    const chat = await mount(userId);
    const toggle = await waitFor(() => deep(chat.shadowRoot!, '[part~="tts-button"]'), 'speaker toggle');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');

    await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: 'Your beans ship today.', fromUserName: app.agentId },
    });
    await waitFor(() => spoken.some((s) => s.text === 'Your beans ship today.'), 'the reply is read aloud');
    expect(spoken.find((s) => s.text === 'Your beans ship today.')!.lang).to.equal('en-GB');

    toggle.click();
    await waitFor(() => toggle.getAttribute('aria-pressed') === 'false', 'speaker off');
    await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: 'Tracking follows.', fromUserName: app.agentId },
    });
    await waitFor(() => deepText(chat.shadowRoot!).includes('Tracking follows.'), 'second reply shown');
    expect(spoken.map((s) => s.text)).to.not.include('Tracking follows.');
  });

  it("follows this engine's own speech recognition: a mic button where it has one, else none and no error", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => {
      errors.push(args.map(String).join(' '));
      original.apply(console, args);
    };
    try {
      const chat = await mount(`own-${Math.random().toString(36).slice(2)}`);
      if (speechRecognitionSupported()) {
        await waitFor(() => deep(chat.shadowRoot!, '[part~="mic-button"]'), 'mic button');
      } else {
        // Firefox: no SpeechRecognition at all. The composer is complete without the button.
        expect(deep(chat.shadowRoot!, '[part~="mic-button"]')).to.equal(null);
        expect(deep(chat.shadowRoot!, '[part~="send-button"]')).to.not.equal(null);
      }
      expect(errors).to.deep.equal([]);
    } finally {
      console.error = original;
    }
  });

  it('has no mic button where the browser has no speech recognition', async () => {
    delete (window as unknown as { webkitSpeechRecognition?: unknown }).webkitSpeechRecognition;
    delete (window as unknown as { SpeechRecognition?: unknown }).SpeechRecognition;
    const chat = await mount(`nomic-${Math.random().toString(36).slice(2)}`);
    expect(deep(chat.shadowRoot!, '[part~="mic-button"]')).to.equal(null);
  });
});

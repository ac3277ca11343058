import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, nothing } from 'lit';
import { resolveStrings } from '../../src/core/locale.js';
import type { Message } from '../../src/core/protocol.js';
import { withTranscript } from '../../src/core/speech-text.js';
import { SpeechInputController, SpeechOutputController, type PrefsStore } from '../../src/controller/speech.js';
import '../../src/ui/composer/composer.js';
import '../../src/ui/header-actions/header-actions.js';
import type { ParleyComposer } from '../../src/ui/composer/composer.js';
import type { ParleySendEvent, ParleyTtsToggleEvent } from '../../src/ui/events.js';
import { ParleyMicButton } from '../../src/ui/speech/mic-button.js';
import type { ParleyMicEvent } from '../../src/ui/speech/events.js';
import { FakeRecognition } from '../helpers/fake-speech.js';
import { click, press, record, setUpUiSuite, shadow, type } from '../helpers/ui.js';

describe('<parley-mic-button>', () => {
  setUpUiSuite();

  it('is a labelled toggle button, not pressed, with an empty status line', async () => {
    const el = await fixture<ParleyMicButton>(html`<parley-mic-button></parley-mic-button>`);
    const button = shadow<HTMLButtonElement>(el, '[part="mic-button"]');
    expect(button.getAttribute('aria-label')).to.equal('Voice input');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(shadow(el, '[part="status"]').getAttribute('role')).to.equal('status');
    expect(shadow(el, '[part="status"]').textContent).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('asks to start and to stop listening', async () => {
    const el = await fixture<ParleyMicButton>(html`<parley-mic-button></parley-mic-button>`);
    const asked = record<ParleyMicEvent>(document, 'parley-mic');
    await click(shadow(el, 'button'));
    el.listening = true;
    await el.updateComplete;
    expect(shadow(el, 'button').getAttribute('aria-pressed')).to.equal('true');
    expect(shadow(el, '[part="status"]').textContent).to.equal('Listening…');
    await click(shadow(el, 'button'));
    expect(asked.map((e) => e.detail.listening)).to.deep.equal([true, false]);
    expect(asked[0]!.composed).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('says what went wrong, in the site’s words when given', async () => {
    const el = await fixture<ParleyMicButton>(html`<parley-mic-button></parley-mic-button>`);
    const shown: string[] = [];
    for (const error of ['denied', 'no-speech', 'no-microphone', 'network', 'failed'] as const) {
      el.error = error;
      await el.updateComplete;
      shown.push(shadow(el, '[part="status"]').textContent ?? '');
    }
    expect(shown).to.deep.equal([
      'Microphone access was denied.',
      "Didn't catch that. Please try again.",
      'No microphone found.',
      'Voice input needs an internet connection.',
      "Voice input didn't work.",
    ]);
    el.strings = resolveStrings({ micDenied: 'Mikrofon verweigert.' });
    el.error = 'denied';
    await el.updateComplete;
    expect(shadow(el, '[part="status"]').textContent).to.equal('Mikrofon verweigert.');
  });
});

/** The composer with voice input, wired as `<parley-chat>` does it. */
class TestVoiceComposer extends LitElement {
  recognition: typeof FakeRecognition | null = FakeRecognition;
  value = '';
  #draft = '';
  mic!: SpeechInputController;
  override connectedCallback(): void {
    this.mic ??= new SpeechInputController(this, {
      lang: 'en-GB',
      recognition: this.recognition,
      onInterim: (t) => this.#show(t),
      onFinal: (t) => this.#show(t),
    });
    super.connectedCallback();
  }
  #show(transcript: string): void {
    this.value = withTranscript(this.#draft, transcript);
    this.requestUpdate();
  }
  override render() {
    return html`<parley-composer
      .value=${this.value}
      @parley-input=${(e: CustomEvent<{ value: string }>) => (this.value = e.detail.value)}
    >
      ${
        this.mic.available
          ? html`<parley-mic-button
            slot="end"
            ?listening=${this.mic.listening}
            error=${this.mic.error ?? ''}
            @parley-mic=${(e: ParleyMicEvent) => {
              if (e.detail.listening) {
                this.#draft = this.value;
                this.mic.start();
              } else this.mic.stop();
            }}
          ></parley-mic-button>`
          : nothing
      }
    </parley-composer>`;
  }
}
customElements.define('test-voice-composer', TestVoiceComposer);

describe('voice input in the composer', () => {
  setUpUiSuite();

  async function mount(recognition: typeof FakeRecognition | null = FakeRecognition) {
    const el = document.createElement('test-voice-composer') as TestVoiceComposer;
    el.recognition = recognition;
    await fixture(el);
    const composer = el.shadowRoot!.querySelector<ParleyComposer>('parley-composer')!;
    const mic = () => el.shadowRoot!.querySelector<ParleyMicButton>('parley-mic-button');
    const box = () => shadow<HTMLTextAreaElement>(composer, 'textarea');
    const status = () => shadow(mic()!, '[part="status"]').textContent;
    const pressed = () => shadow(mic()!, 'button').getAttribute('aria-pressed');
    return { el, composer, mic, box, status, pressed };
  }

  beforeEach(() => {
    FakeRecognition.current = undefined;
  });

  it('has no mic button where the browser cannot recognise speech', async () => {
    const { mic } = await mount(null);
    expect(mic()).to.equal(null);
  });

  it('shows the words as they are heard, then leaves the text to edit and send', async () => {
    const { el, mic, box, status, pressed } = await mount();
    await click(box());
    await type('Hello,');
    await click(shadow(mic()!, 'button'));
    await el.updateComplete;
    expect(FakeRecognition.current?.lang).to.equal('en-GB');
    expect(pressed()).to.equal('true');
    expect(status()).to.equal('Listening…');

    FakeRecognition.current!.hear('I need', false);
    await waitUntil(() => box().value === 'Hello, I need', 'interim words appear in the text box');
    FakeRecognition.current!.hear('I need help with my order', true);
    FakeRecognition.current!.dispatchEvent(new Event('end'));
    await waitUntil(() => box().value === 'Hello, I need help with my order', 'the final text is in the box');
    await waitUntil(() => pressed() === 'false', 'no longer listening');
    expect(status()).to.equal('');

    const sent = record<ParleySendEvent>(document, 'parley-send');
    await click(box());
    await type('!');
    await press('Enter');
    expect(sent.map((e) => e.detail.text)).to.deep.equal(['Hello, I need help with my order!']);
  });

  it('stops listening when the visitor presses the button again, keeping what was heard', async () => {
    const { el, mic, box, pressed } = await mount();
    await click(shadow(mic()!, 'button'));
    FakeRecognition.current!.hear('call me back', false);
    await el.updateComplete;
    await click(shadow(mic()!, 'button'));
    await waitUntil(() => pressed() === 'false', 'stopped');
    expect(box().value).to.equal('call me back');
  });

  for (const [code, message] of [
    ['not-allowed', 'Microphone access was denied.'],
    ['no-speech', "Didn't catch that. Please try again."],
    ['network', 'Voice input needs an internet connection.'],
  ] as const) {
    it(`says so when voice input fails: ${code}`, async () => {
      const { el, mic, status, pressed } = await mount();
      await click(shadow(mic()!, 'button'));
      FakeRecognition.current!.fail(code);
      await el.updateComplete;
      await waitUntil(() => status() === message, `"${message}" is shown`);
      expect(pressed()).to.equal('false');
    });
  }
});

/** Replies read aloud, with the header's speaker toggle, wired as `<parley-chat>` does it. */
class TestReadAloud extends LitElement {
  prefs!: PrefsStore;
  synth!: SpeechSynthesis;
  open = true;
  tts!: SpeechOutputController;
  override connectedCallback(): void {
    this.tts ??= new SpeechOutputController(this, { lang: 'es-ES', synth: this.synth, prefs: this.prefs });
    super.connectedCallback();
  }
  /** A message arrived over the socket. */
  receive(message: Message, fromStaff: boolean): void {
    if (fromStaff && this.open) this.tts.speakMessage(message);
  }
  setOpen(open: boolean): void {
    this.open = open;
    this.tts.active = open;
  }
  override render() {
    return html`<parley-header-actions
      ?tts-available=${this.tts.available}
      ?tts-on=${this.tts.enabled}
      @parley-tts-toggle=${(e: ParleyTtsToggleEvent) => this.tts.setEnabled(e.detail.on)}
    ></parley-header-actions>`;
  }
}
customElements.define('test-read-aloud', TestReadAloud);

describe('replies read aloud', () => {
  setUpUiSuite();

  const agentMessage = (text: string, extra: Partial<Message> = {}): Message => ({
    key: `k-${text}`,
    id: 1,
    groupId: 'g',
    message: text,
    contentType: 0,
    type: 4,
    fromUserName: 'agent',
    metadata: {},
    createdAtTime: 1,
    status: 3,
    ...extra,
  });

  function fakeSpeech() {
    const spoken: Array<{ text: string; lang: string }> = [];
    let cancels = 0;
    const synth = {
      speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }),
      cancel: () => cancels++,
      getVoices: () => [],
    } as unknown as SpeechSynthesis;
    return { synth, spoken, cancels: () => cancels };
  }

  const data: Record<string, string | number | boolean> = {};
  const prefs: PrefsStore = { getPrefs: async () => ({ ...data }), setPrefs: async (p) => void Object.assign(data, p) };

  async function mount(synth: SpeechSynthesis) {
    const el = document.createElement('test-read-aloud') as TestReadAloud;
    el.synth = synth;
    el.prefs = prefs;
    await fixture(el);
    await el.tts.ready;
    await el.updateComplete;
    const actions = el.shadowRoot!.querySelector('parley-header-actions')!;
    await actions.updateComplete;
    const toggle = () => shadow<HTMLButtonElement>(actions, '[part="tts-button"]');
    return { el, toggle };
  }

  it('reads agent and bot replies in the widget’s language — text, not payloads — until the visitor turns it off', async () => {
    for (const k of Object.keys(data)) delete data[k];
    const { synth, spoken } = fakeSpeech();
    const { el, toggle } = await mount(synth);
    expect(toggle().getAttribute('aria-pressed')).to.equal('true');

    el.receive(agentMessage('¿En qué puedo ayudarte?'), true);
    el.receive(agentMessage('my own message'), false);
    el.receive(
      agentMessage('Elige una opción', {
        metadata: {
          templateId: '6',
          payload: '[{"title":"Envíos","message":"shipping"},{"title":"Pagos","message":"payments"}]',
        },
      }),
      true,
    );
    expect(spoken).to.deep.equal([
      { text: '¿En qué puedo ayudarte?', lang: 'es-ES' },
      { text: 'Elige una opción. Envíos. Pagos', lang: 'es-ES' },
    ]);

    await click(toggle());
    await waitUntil(() => toggle().getAttribute('aria-pressed') === 'false', 'the toggle shows off');
    el.receive(agentMessage('not read'), true);
    expect(spoken).to.have.length(2);
    expect(data).to.deep.equal({ speechOutput: false });
  });

  it('remembers "off" on the next page, and reads nothing while the panel is closed', async () => {
    const { synth, spoken, cancels } = fakeSpeech();
    const { el, toggle } = await mount(synth);
    expect(toggle().getAttribute('aria-pressed'), 'still off from the previous visit').to.equal('false');
    el.receive(agentMessage('still off'), true);
    expect(spoken).to.deep.equal([]);

    await click(toggle());
    await waitUntil(() => toggle().getAttribute('aria-pressed') === 'true', 'on again');
    el.receive(agentMessage('first'), true);
    el.setOpen(false);
    expect(cancels(), 'closing stops what was being read').to.equal(1);
    el.receive(agentMessage('while closed'), true);
    el.setOpen(true);
    el.receive(agentMessage('back'), true);
    expect(spoken.map((s) => s.text)).to.deep.equal(['first', 'back']);
  });
});

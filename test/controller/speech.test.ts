import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import {
  pickVoice,
  SpeechInputController,
  SpeechOutputController,
  type SpeechInputError,
  type SpeechRecognitionLike,
} from '../../src/controller/speech.js';
import { speechRecognitionSupported } from '../helpers/engine.js';

class TestHost extends LitElement {}
customElements.define('test-speech-host', TestHost);

/** A stand-in for the browser's SpeechRecognition (headless Chromium has no microphone). */
class FakeRecognition extends EventTarget implements SpeechRecognitionLike {
  static instances: FakeRecognition[] = [];
  static failStart = false;
  lang = '';
  continuous = true;
  interimResults = false;
  maxAlternatives = 5;
  calls: string[] = [];
  constructor() {
    super();
    FakeRecognition.instances.push(this);
  }
  start(): void {
    if (FakeRecognition.failStart) throw new DOMException('already started', 'InvalidStateError');
    this.calls.push('start');
  }
  stop(): void {
    this.calls.push('stop');
  }
  abort(): void {
    this.calls.push('abort');
  }
  /** The engine heard something: `[text, isFinal]` per result. */
  hear(...results: Array<[string, boolean]>): void {
    const list = results.map(([transcript, isFinal]) => Object.assign([{ transcript }], { isFinal }));
    this.dispatchEvent(Object.assign(new Event('result'), { results: list }));
  }
  fail(error: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { error }));
  }
  end(): void {
    this.dispatchEvent(new Event('end'));
  }
}

const last = () => FakeRecognition.instances.at(-1)!;

async function host(): Promise<TestHost> {
  return fixture<TestHost>(html`<test-speech-host></test-speech-host>`);
}

function input(el: TestHost, lang = 'de-DE') {
  const seen = { interim: [] as string[], final: [] as string[], errors: [] as SpeechInputError[] };
  const ctl = new SpeechInputController(el, {
    lang: () => lang,
    recognition: FakeRecognition,
    onInterim: (t) => seen.interim.push(t),
    onFinal: (t) => seen.final.push(t),
    onError: (e) => seen.errors.push(e),
  });
  return { ctl, seen };
}

describe('SpeechInputController', () => {
  beforeEach(() => {
    FakeRecognition.instances = [];
    FakeRecognition.failStart = false;
  });

  it('follows this engine’s own speech recognition: where there is none, no mic and no error', async () => {
    const el = await host();
    const mic = new SpeechInputController(el);
    expect(mic.available, 'available exactly where the engine has speech recognition').to.equal(
      speechRecognitionSupported(),
    );
    if (!speechRecognitionSupported()) {
      // Firefox: the widget's fallback — nothing to start, nothing to report.
      mic.start();
      expect(mic.listening).to.equal(false);
      expect(mic.error).to.equal(undefined);
    }
  });

  it('is unavailable where the browser has no SpeechRecognition', async () => {
    const el = await host();
    expect(new SpeechInputController(el, { recognition: null }).available).to.equal(false);
    const w = window as unknown as { webkitSpeechRecognition?: unknown; SpeechRecognition?: unknown };
    const saved = [w.SpeechRecognition, w.webkitSpeechRecognition];
    try {
      delete w.SpeechRecognition;
      delete w.webkitSpeechRecognition;
      const none = new SpeechInputController(el);
      expect(none.available).to.equal(false);
      none.start();
      expect(none.listening).to.equal(false);
      w.webkitSpeechRecognition = FakeRecognition;
      expect(new SpeechInputController(el).available, 'the webkit-prefixed one counts').to.equal(true);
    } finally {
      [w.SpeechRecognition, w.webkitSpeechRecognition] = saved;
    }
  });

  it('listens in the widget’s language with interim results, reporting interim words then the final text', async () => {
    const el = await host();
    const { ctl, seen } = input(el);
    ctl.start();
    const r = last();
    expect([r.lang, r.interimResults, r.continuous, r.calls]).to.deep.equal(['de-DE', true, false, ['start']]);
    expect(ctl.listening).to.equal(true);
    r.hear(['hallo', false]);
    r.hear(['hallo wie', false]);
    r.hear(['hallo wie geht es', true]);
    r.end();
    expect(seen.interim).to.deep.equal(['hallo', 'hallo wie']);
    expect(seen.final).to.deep.equal(['hallo wie geht es']);
    expect(ctl.listening).to.equal(false);
  });

  it('joins several results into one transcript', async () => {
    const el = await host();
    const { ctl, seen } = input(el);
    ctl.start();
    last().hear(['I need ', true], ['help', false]);
    last().hear(['I need ', true], ['help please', true]);
    expect(seen.interim).to.deep.equal(['I need help']);
    expect(seen.final).to.deep.equal(['I need help please']);
  });

  it('stop() asks for the final result; an engine that ends without one keeps the words shown', async () => {
    const el = await host();
    const { ctl, seen } = input(el);
    ctl.toggle();
    last().hear(['almost there', false]);
    ctl.toggle();
    expect(last().calls).to.deep.equal(['start', 'stop']);
    last().end();
    expect(seen.final).to.deep.equal(['almost there']);
    ctl.start();
    expect(FakeRecognition.instances).to.have.length(2);
  });

  it('turns errors into short codes: denied, no speech, network, no microphone', async () => {
    const el = await host();
    const { ctl, seen } = input(el);
    for (const code of [
      'not-allowed',
      'service-not-allowed',
      'no-speech',
      'network',
      'audio-capture',
      'bad-grammar',
      'aborted',
    ]) {
      ctl.start();
      last().fail(code);
      last().end();
    }
    expect(seen.errors).to.deep.equal(['denied', 'denied', 'no-speech', 'network', 'no-microphone', 'failed']);
    expect(ctl.error, 'an abort is not an error').to.equal(undefined);
    ctl.start();
    last().fail('network');
    expect(ctl.error).to.equal('network');
    last().end();
    ctl.start();
    expect(ctl.error, 'cleared when listening starts again').to.equal(undefined);
  });

  it('reports a recogniser that refuses to start', async () => {
    const el = await host();
    const { ctl, seen } = input(el);
    FakeRecognition.failStart = true;
    ctl.start();
    expect(ctl.listening).to.equal(false);
    expect(seen.errors).to.deep.equal(['failed']);
  });

  it('aborts and detaches when the host leaves the page', async () => {
    const el = await host();
    const { ctl, seen } = input(el);
    ctl.start();
    const r = last();
    el.remove();
    expect(r.calls).to.deep.equal(['start', 'abort']);
    expect(ctl.listening).to.equal(false);
    r.hear(['too late', true]);
    r.end();
    expect(seen.final).to.deep.equal([]);
  });
});

/** A stand-in for speechSynthesis (headless Chromium has no voices). */
function fakeSynth() {
  const spoken: SpeechSynthesisUtterance[] = [];
  let cancelled = 0;
  const synth = {
    speak: (u: SpeechSynthesisUtterance) => spoken.push(u),
    cancel: () => cancelled++,
    getVoices: () => [],
  } as unknown as SpeechSynthesis;
  return { synth, spoken, cancelled: () => cancelled };
}

function memoryPrefs(initial: Record<string, boolean> = {}) {
  const data: Record<string, string | number | boolean> = { ...initial };
  return {
    data,
    getPrefs: async () => ({ ...data }),
    setPrefs: async (patch: Record<string, string | number | boolean>) => void Object.assign(data, patch),
  };
}

describe('SpeechOutputController', () => {
  it('reads text aloud in the widget’s language', async () => {
    const el = await host();
    const { synth, spoken } = fakeSynth();
    const ctl = new SpeechOutputController(el, { synth, lang: 'fr-FR' });
    expect(ctl.available).to.equal(true);
    expect(ctl.speak('Bonjour !')).to.equal(true);
    expect(spoken.map((u) => [u.text, u.lang])).to.deep.equal([['Bonjour !', 'fr-FR']]);
    expect(ctl.speak('   ')).to.equal(false);
  });

  it('reads a rich message as its text and labels, never the payload', async () => {
    const el = await host();
    const { synth, spoken } = fakeSynth();
    const ctl = new SpeechOutputController(el, { synth, lang: 'en' });
    ctl.speakMessage({
      message: 'Do you want more updates?',
      contentType: 0,
      metadata: {
        contentType: '300',
        templateId: '6',
        payload: '[{"title":"Yes","message":"Send more"},{"title":"No","message":"Stop"}]',
      },
    });
    expect(spoken.map((u) => u.text)).to.deep.equal(['Do you want more updates? Yes. No']);
  });

  it('reads nothing while turned off or while the panel is closed, and stops what it was reading', async () => {
    const el = await host();
    const { synth, spoken, cancelled } = fakeSynth();
    const ctl = new SpeechOutputController(el, { synth });
    ctl.speak('one');
    ctl.active = false;
    expect(cancelled()).to.equal(1);
    expect(ctl.speak('closed')).to.equal(false);
    ctl.active = true;
    ctl.speak('two');
    ctl.toggle();
    expect(ctl.enabled).to.equal(false);
    expect(cancelled()).to.equal(2);
    expect(ctl.speak('off')).to.equal(false);
    expect(spoken.map((u) => u.text)).to.deep.equal(['one', 'two']);
  });

  it('cancels only while something it queued is pending (the page may be speaking too)', async () => {
    const el = await host();
    const { synth, spoken, cancelled } = fakeSynth();
    const ctl = new SpeechOutputController(el, { synth });
    ctl.cancel();
    expect(cancelled()).to.equal(0);
    ctl.speak('short');
    spoken[0]!.dispatchEvent(new Event('end'));
    el.remove();
    expect(cancelled()).to.equal(0);
  });

  it('stops speaking when the host leaves the page', async () => {
    const el = await host();
    const { synth, cancelled } = fakeSynth();
    const ctl = new SpeechOutputController(el, { synth });
    ctl.speak('long reply');
    el.remove();
    expect(cancelled()).to.equal(1);
  });

  it('remembers the visitor’s choice in the prefs', async () => {
    const prefs = memoryPrefs();
    const first = new SpeechOutputController(await host(), { synth: fakeSynth().synth, prefs });
    await first.ready;
    expect(first.enabled).to.equal(true);
    first.setEnabled(false);
    expect(prefs.data).to.deep.equal({ speechOutput: false });

    const { synth, spoken } = fakeSynth();
    const again = new SpeechOutputController(await host(), { synth, prefs });
    await again.ready;
    expect(again.enabled).to.equal(false);
    expect(again.speak('hello')).to.equal(false);
    again.toggle();
    expect(prefs.data).to.deep.equal({ speechOutput: true });
    expect(again.speak('hello')).to.equal(true);
    expect(spoken).to.have.length(1);
  });

  it('is unavailable without speechSynthesis and then never speaks', async () => {
    const ctl = new SpeechOutputController(await host(), { synth: null });
    expect(ctl.available).to.equal(false);
    expect(ctl.speak('hi')).to.equal(false);
  });
});

describe('pickVoice', () => {
  const voice = (lang: string, name = lang) => ({ lang, name }) as SpeechSynthesisVoice;
  it('prefers the exact tag, then the same language', () => {
    const voices = [voice('en-US'), voice('de-AT'), voice('de-DE')];
    expect(pickVoice(voices, 'de_de')?.lang).to.equal('de-DE');
    expect(pickVoice(voices, 'de-CH')?.lang).to.equal('de-AT');
    expect(pickVoice(voices, 'fr')).to.equal(undefined);
    expect(pickVoice(voices, '')).to.equal(undefined);
  });
});

import { expect } from '@open-wc/testing';
import { parseLocation, parsePrice, parseRich, toMetadata, type RichParse } from '../../src/core/rich.js';

const rich = (templateId: string, payload: unknown, extra: Record<string, string> = {}): RichParse =>
  parseRich(
    {
      metadata: {
        contentType: '300',
        templateId,
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        ...extra,
      },
    },
    { base: 'https://chat.example.com' },
  );

describe('parseRich', () => {
  it('is text for plain messages and legacy contentType 300 without a template', () => {
    expect(parseRich({ metadata: {} })).to.deep.equal({ kind: 'text' });
    expect(parseRich({ metadata: { contentType: '300', payload: '[]' } })).to.deep.equal({ kind: 'text' });
    expect(parseRich(undefined)).to.deep.equal({ kind: 'text' });
  });

  it('parses the Platform API example (template 6) exactly', () => {
    const payload =
      '[{"title":"Yes","message":"Cool! send me more."},{"title":"No ","message":"Don\'t send it to me again"}]';
    expect(rich('6', payload)).to.deep.equal({
      kind: 'replies',
      buttons: [
        { label: 'Yes', action: { type: 'reply', message: 'Cool! send me more.' } },
        { label: 'No ', action: { type: 'reply', message: "Don't send it to me again" } },
      ],
    });
  });

  it('stringifies replyMetadata values', () => {
    const r = rich('6', [{ title: 'A', message: 'a', replyMetadata: { x: 1, y: 'z', n: { k: true }, skip: null } }]);
    expect(r).to.deep.equal({
      kind: 'replies',
      buttons: [{ label: 'A', action: { type: 'reply', message: 'a', metadata: { x: '1', y: 'z', n: '{"k":true}' } } }],
    });
  });

  it('falls back on bad JSON, wrong shape, unknown template and empty payloads', () => {
    expect(rich('6', '[{"title":')).to.deep.include({ kind: 'fallback' });
    expect(rich('6', { title: 'Yes' })).to.deep.include({ kind: 'fallback' });
    expect(rich('7', [])).to.deep.include({ kind: 'fallback' });
    expect(rich('99', [])).to.deep.equal({ kind: 'fallback', reason: 'unknown template 99' });
    expect(rich('6', [])).to.deep.include({ kind: 'fallback' });
    expect(rich('6', [{ title: 42 }, { message: 'x' }, null, 'str'])).to.deep.equal({
      kind: 'replies',
      buttons: [{ label: '42', action: { type: 'reply', message: '42' } }],
    });
    expect(rich('9', [{ url: 'javascript:alert(1)' }])).to.deep.include({ kind: 'fallback' });
  });

  it('parses template 3 link and submit buttons', () => {
    const r = rich(
      '3',
      [
        { type: 'link', url: 'https://example.com/pay', name: 'Pay', openLinkInNewTab: false },
        { type: 'link', url: 'javascript:alert(1)', name: 'Bad' },
        { name: 'Submit', replyText: 'Done' },
      ],
      { formAction: 'https://api.example.com/f', formData: '{"a":"1"}' },
    );
    expect(r).to.deep.equal({
      kind: 'buttons',
      buttons: [
        { label: 'Pay', action: { type: 'link', url: 'https://example.com/pay', newTab: false } },
        {
          label: 'Submit',
          action: {
            type: 'submit',
            submit: { url: 'https://api.example.com/f', requestType: 'form', data: { a: '1' } },
            message: 'Done',
          },
        },
      ],
    });
  });

  it('parses template 11 actions: link, quick reply spellings, submit', () => {
    const r = rich('11', [
      { name: 'Site', action: { type: 'link', url: 'https://example.com' } },
      { name: 'Q1', action: { type: 'quick_reply', text: 'one' } },
      { name: 'Q2', action: { type: 'quickReply', message: 'two', replyMetadata: { k: 'v' } } },
      { name: 'Q3', action: { type: 'suggestedReply' } },
      {
        name: 'J',
        action: { type: 'submit', formAction: 'https://api.example.com/j', requestType: 'json', formData: { a: 'b' } },
      },
      {
        name: 'P',
        action: { type: 'submit', formAction: 'javascript:alert(1)', requestType: 'json', formData: { a: 'b' } },
      },
      { name: 'Nope', action: { type: 'script' } },
    ]);
    expect(r).to.deep.equal({
      kind: 'buttons',
      buttons: [
        { label: 'Site', action: { type: 'link', url: 'https://example.com/', newTab: true } },
        { label: 'Q1', action: { type: 'reply', message: 'one' } },
        { label: 'Q2', action: { type: 'reply', message: 'two', metadata: { k: 'v' } } },
        { label: 'Q3', action: { type: 'reply', message: 'Q3' } },
        {
          label: 'J',
          action: {
            type: 'submit',
            submit: { url: 'https://api.example.com/j', requestType: 'json', data: { a: 'b' } },
            message: 'J',
          },
        },
        { label: 'P', action: { type: 'submit', submit: { requestType: 'postBack', data: { a: 'b' } }, message: 'P' } },
      ],
    });
  });

  it('parses template 7 (list), dropping unsafe images', () => {
    const r = rich('7', {
      headerImgSrc: 'data:image/png;base64,AAAA',
      headerText: 'Pick one',
      elements: [
        {
          imgSrc: '/img/a.png',
          title: 'A',
          description: 'first',
          action: { type: 'link', url: 'https://example.com/a' },
        },
        { title: 'B', action: { type: 'quick_reply', text: 'bee' } },
      ],
      buttons: [{ name: 'More', action: { type: 'link', url: 'https://example.com/more' } }],
      extra: 'ignored',
    });
    expect(r).to.deep.equal({
      kind: 'list',
      headerImage: undefined,
      headerText: 'Pick one',
      items: [
        {
          title: 'A',
          description: 'first',
          image: 'https://chat.example.com/img/a.png',
          action: { type: 'link', url: 'https://example.com/a', newTab: true },
        },
        { title: 'B', description: undefined, image: undefined, action: { type: 'reply', message: 'bee' } },
      ],
      buttons: [{ label: 'More', action: { type: 'link', url: 'https://example.com/more', newTab: true } }],
    });
  });

  it('parses template 8 (FAQ card)', () => {
    expect(
      rich('8', {
        title: 'T',
        description: 'D',
        buttonLabel: 'Helpful?',
        buttons: [{ name: 'Yes' }, { name: 'No', replyMetadata: { f: 'no' } }],
      }),
    ).to.deep.equal({
      kind: 'faq',
      title: 'T',
      description: 'D',
      buttonLabel: 'Helpful?',
      buttons: [
        { label: 'Yes', action: { type: 'reply', message: 'Yes' } },
        { label: 'No', action: { type: 'reply', message: 'No', metadata: { f: 'no' } } },
      ],
    });
  });

  it('parses templates 9 and 14 (images, video) with http(s) URLs only', () => {
    expect(
      rich('9', [
        { url: 'https://i.example.com/a.png', caption: 'A' },
        { url: 'vbscript:x' },
        { url: 'http://i.example.com/b.gif' },
      ]),
    ).to.deep.equal({
      kind: 'images',
      media: [{ url: 'https://i.example.com/a.png', caption: 'A' }, { url: 'http://i.example.com/b.gif' }],
    });
    expect(
      rich('14', [{ url: 'https://v.example.com/a.mp4', caption: 'clip' }, { url: 'mailto:a@b.c' }]),
    ).to.deep.equal({
      kind: 'video',
      media: [{ url: 'https://v.example.com/a.mp4', caption: 'clip' }],
    });
  });

  it('parses template 10 (cards) and caps buttons per card', () => {
    const buttons = Array.from({ length: 8 }, (_, i) => ({
      name: `B${i}`,
      action: { type: 'quickReply', message: `b${i}` },
    }));
    const r = rich('10', [
      {
        title: 'Hotel',
        subtitle: 'Nice',
        titleExt: '$200',
        description: 'Sea view',
        header: { imgSrc: 'https://i.example.com/h.jpg', overlayText: 'Deal' },
        buttons,
      },
    ]);
    expect(r.kind).to.equal('cards');
    if (r.kind !== 'cards') return;
    expect(r.cards[0]).to.deep.include({
      title: 'Hotel',
      subtitle: 'Nice',
      titleExt: '$200',
      description: 'Sea view',
      image: 'https://i.example.com/h.jpg',
      overlay: 'Deal',
    });
    expect(r.cards[0]!.buttons).to.have.length(5);
  });

  it('parses template 12 (form) in the flat and the nested shape, guarding bad regexes', () => {
    const r = rich('12', [
      {
        type: 'text',
        label: 'Name',
        name: 'name',
        placeholder: 'Your name',
        validation: { regex: '^[a-z]+$', errorText: 'Letters only' },
      },
      { type: 'text', label: 'Broken', validation: { regex: '([' } },
      {
        type: 'radio',
        label: 'Size',
        name: 'size',
        options: [
          { label: 'S', value: 's' },
          { label: 'M', value: 'm', selected: true },
        ],
      },
      { type: 'checkbox', name: 'empty', options: [] },
      { type: 'hidden', name: 'id', value: '7' },
      { type: 'submit', label: 'Send', formAction: 'https://api.example.com/f', requestType: 'json', message: 'Sent!' },
    ]);
    expect(r.kind).to.equal('form');
    if (r.kind !== 'form') return;
    expect(r.fields.map((f) => [f.type, f.name])).to.deep.equal([
      ['text', 'name'],
      ['text', 'Broken'],
      ['radio', 'size'],
      ['hidden', 'id'],
    ]);
    const [name, broken] = r.fields;
    expect(name && 'pattern' in name && name.pattern?.test('abc')).to.equal(true);
    expect(broken && 'pattern' in broken && broken.pattern).to.equal(undefined);
    expect(r).to.deep.include({
      label: 'Send',
      message: 'Sent!',
      submit: { url: 'https://api.example.com/f', requestType: 'json', data: {} },
    });

    const nested = rich('12', [
      { type: 'text', data: { label: 'Email', placeholder: 'you@x' } },
      { type: 'submit', data: { name: 'Go', action: { requestType: 'postBackToBotPlatform', message: 'ok' } } },
    ]);
    expect(nested).to.deep.include({ label: 'Go', message: 'ok', submit: { requestType: 'postBack', data: {} } });
  });

  it('caps the number of items', () => {
    const r = rich(
      '6',
      Array.from({ length: 500 }, (_, i) => ({ title: `t${i}`, message: 'm' })),
    );
    expect(r.kind === 'replies' && r.buttons.length).to.equal(20);
  });
});

describe('toMetadata', () => {
  it('accepts objects and JSON strings of objects only', () => {
    expect(toMetadata('{"a":1}')).to.deep.equal({ a: '1' });
    expect(toMetadata('[1]')).to.equal(undefined);
    expect(toMetadata('nope')).to.equal(undefined);
  });
});

describe('parseLocation / parsePrice', () => {
  it('reads coordinates within range', () => {
    expect(parseLocation('{"lat":52.52,"lon":"13.405"}')).to.deep.equal({ lat: 52.52, lon: 13.405 });
    expect(parseLocation('{"lat":"52.5","lng":13}')).to.deep.equal({ lat: 52.5, lon: 13 });
    for (const bad of [
      '{"lat":91,"lon":0}',
      '{"lat":"","lon":0}',
      '{"lat":"x","lon":1}',
      'Berlin',
      '{"lat":true,"lon":1}',
      null,
    ]) {
      expect(parseLocation(bad), String(bad)).to.equal(undefined);
    }
  });

  it('reads an amount and an ISO currency', () => {
    expect(parsePrice('{"amount":"12.5","currency":"eur"}')).to.deep.equal({ amount: 12.5, currency: 'EUR' });
    expect(parsePrice('$10')).to.equal(undefined);
    expect(parsePrice('{"amount":1,"currency":"<b>"}')).to.equal(undefined);
  });
});

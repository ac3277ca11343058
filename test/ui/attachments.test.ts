import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement, css, nothing } from 'lit';
import { createFileUrlResolver, type AttachmentItem } from '../../src/core/attachments.js';
import { resolveStrings } from '../../src/core/locale.js';
import type { FileMeta } from '../../src/core/protocol.js';
import { UploadQueue, type UploadFn } from '../../src/controller/uploads.js';
import { ParleyAttachButton } from '../../src/ui/attachments/attach-button.js';
import { ParleyAttachment } from '../../src/ui/attachments/attachment.js';
import { ParleyAttachmentEvent, ParleyFilesEvent } from '../../src/ui/attachments/events.js';
import { ParleyFileChips } from '../../src/ui/attachments/file-chips.js';
import { FileDropController, dropOverlay, dropOverlayStyles } from '../../src/ui/attachments/file-drop.js';
import { ParleyImageViewer } from '../../src/ui/attachments/image-viewer.js';
import { NetworkError } from '../../src/net/errors.js';
import { click, pasteEvent, press, record, setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

const MB = 1024 * 1024;

/** A PNG drawn on a canvas. */
async function png(width = 600, height = 400): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#2a7';
  g.fillRect(0, 0, width, height);
  const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
  return new File([blob], 'photo.png', { type: 'image/png' });
}

const text = (name: string, body = 'hello', type = 'text/plain') => new File([body], name, { type });

function item(over: Partial<AttachmentItem> & Pick<AttachmentItem, 'id' | 'state'>): AttachmentItem {
  const file = over.file ?? text(over.name ?? 'notes.txt', 'x'.repeat(over.size ?? 2048));
  return { file, name: 'notes.txt', size: file.size, type: file.type, loaded: 0, total: file.size, ...over };
}

/** Whether `url` (an object URL) still resolves. */
async function objectUrlAlive(url: string): Promise<boolean> {
  try {
    await (await fetch(url)).blob();
    return true;
  } catch {
    return false;
  }
}

describe('<parley-attach-button>', () => {
  setUpUiSuite();

  it('is a labelled button with a hidden multi-file input that follows `accept`', async () => {
    const el = await fixture<ParleyAttachButton>(
      html`<parley-attach-button accept="image/*,application/pdf"></parley-attach-button>`,
    );
    const button = shadow<HTMLButtonElement>(el, 'button');
    const input = shadow<HTMLInputElement>(el, 'input[type="file"]');
    expect(button.getAttribute('aria-label')).to.equal('Attach files');
    expect(button.type).to.equal('button');
    expect(input.multiple).to.equal(true);
    expect(input.accept).to.equal('image/*,application/pdf');
    expect(input.checkVisibility()).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('opens the file picker on click and reports the picked files once', async () => {
    const el = await fixture<ParleyAttachButton>(html`<parley-attach-button></parley-attach-button>`);
    const input = shadow<HTMLInputElement>(el, 'input');
    const opened = oneEvent(input, 'click');
    // Keep the real picker from opening in the test browser.
    input.addEventListener('click', (e) => e.preventDefault());
    await click(shadow(el, 'button'));
    await opened;

    const picked = record<ParleyFilesEvent>(document, 'parley-files');
    const dt = new DataTransfer();
    dt.items.add(text('a.txt'));
    dt.items.add(text('b.txt'));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(picked).to.have.length(1);
    expect(picked[0]!.composed).to.equal(true);
    expect(picked[0]!.detail.files.map((f) => f.name)).to.deep.equal(['a.txt', 'b.txt']);
    expect(input.value, 'cleared so the same file can be picked again').to.equal('');
  });

  it('does nothing while disabled', async () => {
    const el = await fixture<ParleyAttachButton>(html`<parley-attach-button disabled></parley-attach-button>`);
    let opened = 0;
    shadow(el, 'input').addEventListener('click', (e) => (opened++, e.preventDefault()));
    el.pick();
    expect(shadow<HTMLButtonElement>(el, 'button').disabled).to.equal(true);
    expect(opened).to.equal(0);
  });
});

describe('<parley-file-chips>', () => {
  setUpUiSuite();

  const chips = (el: ParleyFileChips) => shadowAll(el, '[part="chip"]');

  it('renders nothing without files', async () => {
    const el = await fixture<ParleyFileChips>(html`<parley-file-chips></parley-file-chips>`);
    expect(el.shadowRoot!.querySelector('ul')).to.equal(null);
  });

  it('shows each file with its name and size, an image preview, and a real progress bar while uploading', async () => {
    const photo = await png();
    const items = [
      item({
        id: 'a',
        state: 'uploading',
        file: photo,
        name: 'photo.png',
        size: photo.size,
        type: 'image/png',
        loaded: photo.size / 2,
        total: photo.size,
      }),
      item({ id: 'b', state: 'done', name: 'notes.txt', size: 2048 }),
    ];
    const el = await fixture<ParleyFileChips>(
      html`<parley-file-chips locale="en" .items=${items}></parley-file-chips>`,
    );
    expect(shadow(el, 'ul').getAttribute('aria-label')).to.equal('Files to send');
    const [first, second] = chips(el);
    expect(first!.querySelector('.name')!.textContent).to.equal('photo.png');
    const preview = first!.querySelector<HTMLImageElement>('img.preview')!;
    expect(preview.src).to.match(/^blob:/);
    await waitUntil(() => preview.complete && preview.naturalWidth === 600, 'the preview shows the picked image');
    const progress = first!.querySelector('progress')!;
    expect(progress.getAttribute('aria-label')).to.equal('Uploading \u2068photo.png\u2069');
    expect([progress.max, progress.value]).to.deep.equal([photo.size, photo.size / 2]);
    expect(second!.querySelector('.size')!.textContent).to.equal('2 kB');
    expect(second!.querySelector('img')).to.equal(null);
    expect(second!.querySelector('progress')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says why a file was refused or failed, inline', async () => {
    const items = [
      item({ id: '1', state: 'rejected', error: 'too-large', name: 'big.mov' }),
      item({ id: '2', state: 'rejected', error: 'type-not-allowed', name: 'tool.exe' }),
      item({ id: '3', state: 'rejected', error: 'empty', name: 'empty.txt' }),
      item({ id: '4', state: 'failed', error: 'PL-U-02', name: 'fake.png' }),
      item({ id: '5', state: 'failed', error: 'PL-N-02', name: 'offline.txt' }),
      item({ id: '6', state: 'cancelled', name: 'stopped.txt' }),
    ];
    const el = await fixture<ParleyFileChips>(
      html`<parley-file-chips locale="en" max-mb="10" .items=${items}></parley-file-chips>`,
    );
    expect(chips(el).map((c) => c.querySelector('.error')?.textContent)).to.deep.equal([
      'Too large: files can be up to 10 MB.',
      "This type of file can't be sent.",
      'This file is empty.',
      "This type of file can't be sent.",
      'Upload failed. Please try again.',
      'Upload cancelled.',
    ]);
    expect(chips(el)[0]!.querySelector('.error')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
  });

  it('offers Cancel while uploading, Retry and Remove after a failure, Remove otherwise', async () => {
    const items = [
      item({ id: 'up', state: 'uploading', name: 'up.txt' }),
      item({ id: 'bad', state: 'failed', name: 'bad.txt' }),
      item({ id: 'ok', state: 'done', name: 'ok.txt' }),
    ];
    const el = await fixture<ParleyFileChips>(html`<parley-file-chips .items=${items}></parley-file-chips>`);
    const labels = chips(el).map((c) => Array.from(c.querySelectorAll('button'), (b) => b.getAttribute('aria-label')));
    expect(labels).to.deep.equal([
      ['Cancel upload of \u2068up.txt\u2069'],
      ['Upload \u2068bad.txt\u2069 again', 'Remove \u2068bad.txt\u2069'],
      ['Remove \u2068ok.txt\u2069'],
    ]);

    const seen = record<ParleyAttachmentEvent>(document, 'parley-attachment');
    for (const button of chips(el).flatMap((c) => Array.from(c.querySelectorAll('button')))) await click(button);
    expect(seen.map((e) => e.detail)).to.deep.equal([
      { id: 'up', action: 'cancel' },
      { id: 'bad', action: 'retry' },
      { id: 'bad', action: 'remove' },
      { id: 'ok', action: 'remove' },
    ]);
  });

  it('revokes the preview URL of a removed image, and all of them when it leaves the page', async () => {
    const a = await png(20, 20);
    const b = await png(30, 30);
    const items = [
      item({ id: 'a', state: 'done', file: a, type: 'image/png' }),
      item({ id: 'b', state: 'done', file: b, type: 'image/png' }),
    ];
    const el = await fixture<ParleyFileChips>(html`<parley-file-chips .items=${items}></parley-file-chips>`);
    const [urlA, urlB] = shadowAll<HTMLImageElement>(el, 'img.preview').map((i) => i.src);
    el.items = [items[1]!];
    await el.updateComplete;
    expect(await objectUrlAlive(urlA!)).to.equal(false);
    expect(await objectUrlAlive(urlB!)).to.equal(true);
    el.remove();
    expect(await objectUrlAlive(urlB!)).to.equal(false);
  });
});

/** The composer corner as the lead wires it: attach button → queue → chips. */
class TestAttachHarness extends LitElement {
  static override styles = [dropOverlayStyles, css`:host { display: block; position: relative; min-height: 120px; }`];
  queue!: UploadQueue;
  drop = new FileDropController(this, { onFiles: (files) => this.queue.add(files) });
  sent: FileMeta[] = [];
  override connectedCallback(): void {
    super.connectedCallback();
    this.queue.addEventListener('change', () => this.requestUpdate());
  }
  send(): void {
    for (const { item } of this.queue.takeForSending()) if (item.fileMeta) this.sent.push(item.fileMeta);
  }
  override render() {
    const strings = resolveStrings();
    return html`${this.drop.dragging ? dropOverlay(strings) : nothing}
      <parley-file-chips max-mb="1" locale="en" .items=${this.queue.items}
        @parley-attachment=${(e: ParleyAttachmentEvent) => this.queue[e.detail.action](e.detail.id)}></parley-file-chips>
      <parley-attach-button @parley-files=${(e: ParleyFilesEvent) => this.queue.add(e.detail.files)}></parley-attach-button>`;
  }
}
customElements.define('test-attach-harness', TestAttachHarness);

function manualUploads() {
  const pending: Array<{ name: string; progress(n: number): void; finish(): void; fail(): void }> = [];
  const upload: UploadFn = (file, o) =>
    new Promise<FileMeta>((resolve, reject) => {
      o.signal.addEventListener('abort', () => reject(new NetworkError('cancelled', { aborted: true })));
      pending.push({
        name: o.name,
        progress: (n) => o.onProgress(n, file.size),
        finish: () => resolve({ blobKey: `k-${o.name}`, name: o.name, size: file.size, contentType: file.type }),
        fail: () => reject(new NetworkError('offline')),
      });
    });
  return { upload, pending };
}

describe('attachments in the composer (attach button + upload queue + chips)', () => {
  setUpUiSuite();

  async function harness() {
    const uploads = manualUploads();
    const el = document.createElement('test-attach-harness') as TestAttachHarness;
    el.queue = new UploadQueue({
      upload: uploads.upload,
      limits: { maxMB: 1, allowedTypes: ['image/*', 'text/plain'] },
    });
    const mounted = await fixture<TestAttachHarness>(el);
    const chipsEl = mounted.shadowRoot!.querySelector('parley-file-chips')!;
    const visible = () =>
      shadowAll(chipsEl, '[part="chip"]').map((c) => [
        c.querySelector('.name')!.textContent,
        c.dataset.state,
        c.querySelector('.error')?.textContent ?? '',
      ]);
    return { el: mounted, chipsEl, uploads, visible };
  }

  function pick(el: TestAttachHarness, files: File[]): void {
    const input = shadow<HTMLInputElement>(el.shadowRoot!.querySelector('parley-attach-button')!, 'input');
    const dt = new DataTransfer();
    files.forEach((f) => dt.items.add(f));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
  }

  it('a refused file shows why and is never uploaded; the others upload with progress, cancel and retry', async () => {
    const { el, chipsEl, uploads, visible } = await harness();
    pick(el, [
      text('ok.txt', 'x'.repeat(1000)),
      text('huge.txt', 'x'.repeat(MB + 1)),
      text('tool.exe', 'MZ', 'application/x-msdownload'),
    ]);
    await el.updateComplete;
    await chipsEl.updateComplete;
    expect(visible()).to.deep.equal([
      ['ok.txt', 'uploading', ''],
      ['huge.txt', 'rejected', 'Too large: files can be up to 1 MB.'],
      ['tool.exe', 'rejected', "This type of file can't be sent."],
    ]);
    expect(uploads.pending.map((p) => p.name)).to.deep.equal(['ok.txt']);

    uploads.pending[0]!.progress(400);
    await waitUntil(() => shadow<HTMLProgressElement>(chipsEl, 'progress').value === 400, 'the bar moves');

    await click(shadow(chipsEl, 'button[aria-label="Cancel upload of \u2068ok.txt\u2069"]'));
    await waitUntil(() => visible()[0]![1] === 'cancelled', 'cancelled');
    expect(visible()[0]![2]).to.equal('Upload cancelled.');
    await click(shadow(chipsEl, 'button[aria-label="Upload \u2068ok.txt\u2069 again"]'));
    await waitUntil(() => visible()[0]![1] === 'uploading', 'uploading again');
    uploads.pending[1]!.fail();
    await waitUntil(() => visible()[0]![2] === 'Upload failed. Please try again.', 'the failure is shown');
    await click(shadow(chipsEl, 'button[aria-label="Upload \u2068ok.txt\u2069 again"]'));
    uploads.pending[2]!.finish();
    await waitUntil(() => visible()[0]![1] === 'done', 'uploaded');

    el.send();
    await el.updateComplete;
    expect(el.sent.map((m) => m.name)).to.deep.equal(['ok.txt']);
    await waitUntil(() => visible().length === 0, 'the chips are gone once sent');
  });

  it('takes files dropped onto it, showing a hint while they are dragged over', async () => {
    const { el, visible } = await harness();
    const dt = new DataTransfer();
    dt.items.add(await png(10, 10));
    const drag = (type: string) =>
      el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
    expect(drag('dragenter')).to.equal(false, 'the drag is accepted');
    await el.updateComplete;
    const overlay = el.shadowRoot!.querySelector('[part="drop-overlay"]')!;
    expect(overlay.textContent).to.equal('Drop files to attach them');
    drag('dragover');
    drag('dragleave');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="drop-overlay"]')).to.equal(null);
    drag('dragenter');
    drag('drop');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="drop-overlay"]')).to.equal(null);
    await waitUntil(() => visible().length === 1, 'the dropped file has a chip');
    expect(visible()[0]![0]).to.equal('photo.png');
  });

  it('takes a pasted image, and leaves a text paste alone', async () => {
    const { el, visible } = await harness();
    const textOnly = new DataTransfer();
    textOnly.setData('text/plain', 'just words');
    const pasteText = pasteEvent(textOnly);
    expect(el.dispatchEvent(pasteText)).to.equal(true);
    const image = new DataTransfer();
    image.items.add(await png(8, 8));
    const pasteImage = pasteEvent(image);
    expect(el.dispatchEvent(pasteImage)).to.equal(false);
    await waitUntil(() => visible().length === 1, 'the pasted image has a chip');
  });
});

describe('<parley-attachment>', () => {
  setUpUiSuite();

  const server = 'https://chat.example.com';
  const key = '0123456789abcdef0123456789abcdef';

  it('shows a file as a card with icon, name, size and a download link carrying the token', async () => {
    const file: FileMeta = {
      blobKey: key,
      name: 'report.pdf',
      size: 1536,
      contentType: 'application/pdf',
      url: `/files/${key}`,
    };
    const el = await fixture<ParleyAttachment>(
      html`<parley-attachment locale="en" .file=${file} .fileUrl=${createFileUrlResolver({ server, token: 'tok' })}></parley-attachment>`,
    );
    const link = shadow<HTMLAnchorElement>(el, 'a[part="file"]');
    expect(link.href).to.equal(`${server}/files/${key}?token=tok`);
    expect(link.title).to.equal('Download \u2068report.pdf\u2069');
    expect(link.getAttribute('download')).to.equal('report.pdf');
    expect(link.querySelector('.name')!.textContent).to.equal('report.pdf');
    expect(link.querySelector('.size')!.textContent).to.equal('1.5 kB');
    expect(link.querySelector('svg')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows a card without a link when the file has no usable URL, and a hostile name as text', async () => {
    const file: FileMeta = {
      blobKey: 'external-key',
      name: '"><img src=x onerror=alert(1)>.pdf',
      size: 10,
      contentType: 'application/pdf',
      url: 'javascript:alert(1)',
    };
    const el = await fixture<ParleyAttachment>(
      html`<parley-attachment .file=${file} server=${server}></parley-attachment>`,
    );
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
    expect(shadow(el, '.name').textContent).to.equal(file.name);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  describe('images', () => {
    let full: string;
    let thumb: string;
    before(async () => {
      full = URL.createObjectURL(await png(600, 400));
      thumb = URL.createObjectURL(await png(60, 40));
    });
    const image: FileMeta = { blobKey: key, name: 'photo.png', size: 5000, contentType: 'image/png' };
    const resolver = () => (_: FileMeta, kind: 'file' | 'thumbnail') => (kind === 'file' ? full : thumb);

    it('shows a thumbnail that opens the full-size image in a modal viewer; Escape closes it and focus returns', async () => {
      const panel = await fixture<HTMLDivElement>(
        html`<div><parley-attachment .file=${image} .fileUrl=${resolver()}></parley-attachment></div>`,
      );
      const panelKeys = record<KeyboardEvent>(panel, 'keydown');
      const el = panel.querySelector('parley-attachment')!;
      await el.updateComplete;
      const button = shadow<HTMLButtonElement>(el, 'button[part="thumbnail"]');
      expect(button.getAttribute('aria-label')).to.equal('Open image \u2068photo.png\u2069');
      const img = button.querySelector('img')!;
      expect(img.src).to.equal(thumb);
      await waitUntil(() => img.naturalWidth === 60, 'the thumbnail shows');
      await expect(el).to.be.accessible();

      await click(button);
      const viewer = shadow<ParleyImageViewer>(el, 'parley-image-viewer');
      await waitUntil(() => viewer.open, 'the viewer opens');
      const dialog = shadow<HTMLDialogElement>(viewer, 'dialog');
      expect(dialog.matches(':modal')).to.equal(true);
      expect(dialog.getAttribute('aria-label')).to.equal('photo.png');
      const big = shadow<HTMLImageElement>(viewer, 'img[part="image"]');
      expect(big.src).to.equal(full);
      expect(big.alt).to.equal('photo.png');
      await waitUntil(() => big.naturalWidth === 600, 'the full-size image loads');

      await press('Escape');
      await waitUntil(() => !viewer.open, 'Escape closes the viewer');
      expect(el.shadowRoot!.activeElement).to.equal(button);
      expect(
        panelKeys.filter((e) => e.key === 'Escape'),
        'the panel around does not see the Escape',
      ).to.deep.equal([]);
    });

    it('closes with its close button too', async () => {
      const el = await fixture<ParleyAttachment>(
        html`<parley-attachment .file=${image} .fileUrl=${resolver()}></parley-attachment>`,
      );
      await waitUntil(() => shadow<HTMLImageElement>(el, 'button img').naturalWidth === 60, 'the thumbnail shows');
      await click(shadow(el, 'button[part="thumbnail"]'));
      const viewer = shadow<ParleyImageViewer>(el, 'parley-image-viewer');
      await waitUntil(() => viewer.open, 'the viewer opens');
      const close = shadow<HTMLButtonElement>(viewer, '[part="close-button"]');
      expect(close.getAttribute('aria-label')).to.equal('Close image');
      await expect(viewer).to.be.accessible();
      await click(close);
      await waitUntil(() => !viewer.open, 'closed');
      expect(el.shadowRoot!.activeElement).to.equal(shadow(el, 'button[part="thumbnail"]'));
    });

    it('falls back to the file card when the thumbnail cannot be loaded', async () => {
      const broken = () => (_: FileMeta, kind: 'file' | 'thumbnail') =>
        kind === 'file' ? `${location.origin}/missing.png` : `${location.origin}/missing-thumb.png`;
      const el = await fixture<ParleyAttachment>(
        html`<parley-attachment .file=${image} .fileUrl=${broken()}></parley-attachment>`,
      );
      await waitUntil(() => el.shadowRoot!.querySelector('[part="file"]'), 'the card replaces the broken thumbnail');
      expect(shadow<HTMLAnchorElement>(el, 'a[part="file"]').href).to.equal(`${location.origin}/missing.png`);
    });
  });
});

/**
 * The fetched widget configuration, enforced — office hours (issue 3), with an injected clock.
 * The widget bundle comes from the live reference server; the test makes `<parley-chat>` itself
 * with `.settings` and a fake `.clock` (set before it connects), for a team in Pacific/Auckland —
 * not the machine's time zone. An agent is online throughout, so only the office hours decide:
 * one minute before closing the visitor is welcomed; when the fake clock passes 17:00 Auckland
 * time the away message appears without a reload (and the reverse at opening time).
 */
import { expect } from '@open-wc/testing';
import { FakeClock } from '../helpers/fake-clock.js';
import { agentOnline, createApp, server, textOf, waitFor, type TestApp } from '../helpers/e2e.js';

const ZONE = 'Pacific/Auckland';
const WELCOME = 'Kia ora! The Auckland desk is here.';
const AWAY = 'The Auckland desk is closed; we reply from 9:00 NZ time.';
const EVERY_DAY = {
  '0': '0900-1700',
  '1': '0900-1700',
  '2': '0900-1700',
  '3': '0900-1700',
  '4': '0900-1700',
  '5': '0900-1700',
  '6': '0900-1700',
};

/** "HH:mm" of an instant in a time zone. */
function wallClock(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );
}

/** Every element matching `selector` in `root` and in the open shadow roots below it. */
function deepAll(root: ParentNode, selector: string, out: Element[] = []): Element[] {
  root.querySelectorAll(selector).forEach((el) => out.push(el));
  root.querySelectorAll('*').forEach((el) => el.shadowRoot && deepAll(el.shadowRoot, selector, out));
  return out;
}

type Widget = HTMLElement & { open(): void };

async function mountWidget(app: TestApp, clock: FakeClock): Promise<Widget> {
  const { url } = await server();
  await import(/* @vite-ignore */ `${url}/parley-chat.js`);
  const el = document.createElement('parley-chat') as Widget;
  Object.assign(el, { settings: { appId: app.appId, server: url }, clock });
  document.body.append(el);
  return el;
}

function notices(el: Widget): Array<{ tone: string | null; text: string }> {
  return deepAll(el.shadowRoot!, 'parley-notice').map((n) => ({ tone: n.getAttribute('tone'), text: textOf(n) }));
}

describe('configuration: office hours with an injected clock', function () {
  this.timeout(60000);
  let widget: Widget | undefined;
  let offline: (() => void) | undefined;

  afterEach(() => {
    widget?.remove();
    offline?.();
    widget = undefined;
    offline = undefined;
  });

  async function openAt(start: number): Promise<{ clock: FakeClock; el: Widget }> {
    const app = await createApp({
      welcomeMessage: { enabled: true, message: WELCOME, collectEmail: false },
      awayMessage: { anonymous: AWAY, known: AWAY, collectEmail: false },
      officeHours: [
        { teamId: 'akl', teamName: 'Auckland desk', timezone: ZONE, businessHourMap: EVERY_DAY, message: '' },
      ],
    });
    offline = await agentOnline(app);
    const clock = new FakeClock(start);
    const el = await mountWidget(app, clock);
    widget = el;
    const launcher = await waitFor(
      () => deepAll(el.shadowRoot!, '[part~="launcher"]')[0] as HTMLButtonElement | undefined,
      'launcher',
    );
    launcher.click();
    await waitFor(() => deepAll(el.shadowRoot!, 'parley-panel[open]')[0], 'panel open');
    return { clock, el };
  }

  it('the machine is not in the team’s time zone (the test would prove nothing otherwise)', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.not.equal(ZONE);
  });

  it('welcomes one minute before closing, then shows the away message when the clock passes 17:00 Auckland time', async () => {
    const start = Date.UTC(2024, 0, 10, 3, 59); // 16:59 NZDT (UTC+13)
    expect(wallClock(start, ZONE)).to.equal('16:59');
    const { clock, el } = await openAt(start);

    await waitFor(() => notices(el).some((n) => n.text.includes(WELCOME)), 'welcome notice within office hours');
    expect(
      notices(el).filter((n) => n.tone === 'away'),
      'no away notice at 16:59',
    ).to.deep.equal([]);

    clock.advance(2 * 60 * 1000);
    expect(wallClock(clock.now(), ZONE)).to.equal('17:01');
    await waitFor(
      () => notices(el).some((n) => n.tone === 'away' && n.text.includes(AWAY)),
      'away notice after closing, without a reload',
    );
    expect(
      notices(el).some((n) => n.text.includes(WELCOME)),
      'welcome gone',
    ).to.equal(false);
  });

  it('shows the away message one minute before opening, and the welcome once the clock passes 9:00', async () => {
    const start = Date.UTC(2024, 0, 9, 19, 59); // 08:59 NZDT on 10 January
    expect(wallClock(start, ZONE)).to.equal('08:59');
    const { clock, el } = await openAt(start);

    await waitFor(
      () => notices(el).some((n) => n.tone === 'away' && n.text.includes(AWAY)),
      'away notice before opening',
    );
    clock.advance(2 * 60 * 1000);
    await waitFor(
      () => notices(el).some((n) => n.text.includes(WELCOME)),
      'welcome notice after opening, without a reload',
    );
    expect(notices(el).filter((n) => n.tone === 'away')).to.deep.equal([]);
  });
});

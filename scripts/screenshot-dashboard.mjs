// Takes the README's pictures of the staff app: a reference server on a temporary data folder, a
// few visitors writing in, and the app signed in with one conversation open
// (docs/staff-app.png), then its Customization page with an unsaved colour in the widget's
// preview (docs/staff-app-settings.png), and the open conversation again in Arabic, right to left
// (docs/staff-app-ar.png), at 1280 × 800 in Debian's Chromium. Run after `npm run build`:
//   node scripts/screenshot-dashboard.mjs [out.png] [settings-out.png] [arabic-out.png]
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { post } from '../bench/lib/platform.mjs';
import { startReferenceServer } from '../bench/lib/reference-server.mjs';

const root = join(import.meta.dirname, '..');
const out = process.argv[2] ?? join(root, 'docs', 'staff-app.png');
const settingsOut = process.argv[3] ?? join(root, 'docs', 'staff-app-settings.png');
const arabicOut = process.argv[4] ?? join(root, 'docs', 'staff-app-ar.png');
const server = await startReferenceServer({ root });
try {
  const app = await post(
    server.url,
    '/admin/v1/apps',
    { 'Api-Key': server.adminKey },
    { appName: 'Tidewater Outfitters' },
  );
  const key = { 'Api-Key': app.apiKey };
  /** A visitor as the widget makes them (their id signed with the app's identity secret). */
  const visitor = async (userId, userName) => {
    const accessToken = createHmac('sha256', app.identitySecret).update(userId, 'utf8').digest('hex');
    return post(server.url, '/widget/v1/session', {}, { appId: app.appId, userId, userName, accessToken });
  };
  const say = (groupId, fromUserName, message, metadata) =>
    post(server.url, '/rest/ws/message/v2/send', key, {
      groupId,
      fromUserName,
      message,
      ...(metadata ? { metadata } : {}),
    });
  const conversation = async (userId, userName, lines) => {
    await visitor(userId, userName);
    const { groupId } = await post(server.url, '/rest/ws/group/conversation', key, {
      groupName: userName,
      groupMemberList: [userId, app.agentId],
      metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
    });
    for (const [from, text, metadata] of lines) await say(groupId, from === 'v' ? userId : app.agentId, text, metadata);
    return groupId;
  };
  await conversation('sam-p', 'Sam Patel', [['v', 'Do you ship to Canada?']]);
  await conversation('lee-o', 'Lee Okafor', [
    ['v', 'My jacket arrived with a torn pocket.'],
    ['a', 'Sorry about that! A new one is on its way.'],
  ]);
  const open = await conversation('maya-c', 'Maya Chen', [
    ['v', 'Hi! I ordered the Harbour boots last week — when will they arrive?'],
    ['a', 'Hi Maya! Let me check order #4821 for you.'],
    [
      'a',
      'They left our warehouse this morning. Would you like tracking updates by e-mail?',
      {
        contentType: '300',
        templateId: '6',
        payload: JSON.stringify([
          { title: 'Yes please', message: 'Yes please' },
          { title: 'No thanks', message: 'No thanks' },
        ]),
      },
    ],
    ['v', 'Yes please'],
  ]);

  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await page.goto(`${server.url}/dashboard/?appId=${app.appId}`);
  await page.locator('pd-sign-in [name="email"]').fill(app.agentId);
  await page.locator('pd-sign-in [name="password"]').fill(app.agentPassword);
  await page.locator('pd-sign-in button[type="submit"]').click();
  await page.locator('pd-inbox li a', { hasText: 'Maya Chen' }).click();
  await page.waitForURL(`**/dashboard/conversations/${open}`);
  await page.locator('pd-conversation parley-message-content', { hasText: 'Yes please' }).last().waitFor();
  await page.locator('pd-visitor-card dl').waitFor();
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);

  await page.goto(`${server.url}/dashboard/settings/customization`);
  const preview = page.frameLocator('pd-widget-preview iframe');
  await preview.locator('[part~="launcher"]').first().waitFor();
  await page.locator('pd-settings-form input[name="chatWidget.primaryColor"]').fill('#0f766e');
  await page.locator('pd-settings-form input[name="chatWidget.title"]').fill('Tidewater help');
  await preview.locator('[part~="launcher"]').first().click();
  await preview.locator('parley-composer textarea').waitFor();
  await page.screenshot({ path: settingsOut });
  console.log(`wrote ${settingsOut}`);

  await page.goto(`${server.url}/dashboard/conversations/${open}?lang=ar`);
  await page.locator('pd-conversation parley-message-content', { hasText: 'Yes please' }).last().waitFor();
  await page.locator('pd-visitor-card dl').waitFor();
  await page.screenshot({ path: arabicOut });
  console.log(`wrote ${arabicOut}`);
  await browser.close();
} finally {
  await server.stop();
}

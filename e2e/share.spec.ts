// Share links in Chromium: a link made by the CLI opens the same state; the Share button
// copies a link that round-trips; broken links show their message and keep the draft.
import { test, expect, Page } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';
import { runCli } from './cli';
import { settled } from './page';

function watch(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** A payload carrying arbitrary bytes as its decompressed JSON. */
function payload(raw: string | Buffer): string {
  return 'v1.' + deflateRawSync(Buffer.from(raw)).toString('base64url');
}

const DOCKERFILE = 'FROM golang:1.22 AS Build\r\nRUN go build -o /app ./cmd/app\r\n\r\nFROM build AS test\r\nRUN go test ./...\r\n\r\nFROM alpine:3.20 AS final\r\nCOPY --from=build /app /usr/local/bin/app\r\n';

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Each test starts from a known draft, written before the page's own script runs.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.clear();
      localStorage.setItem('stageplay.draft.v2', JSON.stringify({ dockerfile: 'FROM busybox AS my-draft\n' }));
      sessionStorage.setItem('seeded', '1');
    }
  });
});

test('a link made by `stageplay link` opens the same Dockerfile, target, builder and view', async ({ page, baseURL }) => {
  const errors = watch(page);
  const url = runCli(['link', '-', '--target', 'test', '--builder', 'legacy', '--view', 'plan',
    '--base-url', `${baseURL}/`], DOCKERFILE).trim();
  expect(url.startsWith(`${baseURL}/#v1.`)).toBe(true);
  await page.goto(url);
  await expect(page.locator('#dockerfile')).toHaveValue(DOCKERFILE.replace(/\r\n/g, '\n'));
  // A textarea normalises CRLF in what it displays; the state keeps the bytes, as a fresh
  // link of the page proves below.
  await expect(page.locator('#target')).toHaveValue('test');
  await expect(page.locator('[data-builder="legacy"]')).toHaveAttribute('aria-checked', 'true');
  await expect(page.locator('#view-plan')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#command-line')).toContainText('--target test');
  await expect(page.locator('#link-error')).toHaveCount(0);

  // The page's own Share link for this state is the CLI's link, byte for byte.
  await page.locator('#share-button').click();
  await expect(page.locator('#share-panel .share-status')).toHaveText('Link copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(url);
  await expect(page.locator('#share-url')).toHaveValue(url);

  // Opening a link does not replace the saved draft; editing does, and drops the fragment so
  // a reload shows the edit rather than the link's original state.
  expect(await page.evaluate(() => localStorage.getItem('stageplay.draft.v2'))).toContain('my-draft');
  await page.locator('#dockerfile').fill('FROM alpine AS edited\n');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
  await page.reload();
  await expect(page.locator('#dockerfile')).toHaveValue('FROM alpine AS edited\n');
  expect(errors).toEqual([]);
});

test('the Share button round-trips an edited state through a fresh page', async ({ page, browser }) => {
  await page.goto('/');
  await page.locator('#dockerfile').fill('FROM node:20 AS deps\nRUN npm ci\nFROM deps AS web\nRUN echo "ünïcødé 🐳 <b>x</b>"\n');
  await page.locator('#target').selectOption('deps');
  await page.locator('#view-files').click();
  await page.locator('#share-button').click();
  const url = await page.locator('#share-url').inputValue();
  expect(url).toMatch(/#v1\.[A-Za-z0-9_-]+$/);
  await expect(page.locator('.share-warning')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/output/share-popover.png' });

  const fresh = await browser.newPage();
  await fresh.goto(url);
  await expect(fresh.locator('#dockerfile')).toHaveValue('FROM node:20 AS deps\nRUN npm ci\nFROM deps AS web\nRUN echo "ünïcødé 🐳 <b>x</b>"\n');
  await expect(fresh.locator('#target')).toHaveValue('deps');
  await expect(fresh.locator('#view-files')).toHaveAttribute('aria-selected', 'true');
  // The Final image shows the text's analysis (the <b> in its RUN) before it is looked at.
  await settled(fresh);
  await expect(fresh.locator('b')).toHaveCount(0);
  await fresh.close();
});

test('a link over 2,000 characters is shared with a visible warning', async ({ page }) => {
  await page.goto('/');
  let text = '';
  for (let i = 0; i < 300; i++) text += `RUN echo ${(i * 2654435761 >>> 0).toString(16)}\n`;
  await page.locator('#dockerfile').fill(`FROM alpine\n${text}`);
  await page.locator('#share-button').click();
  await expect(page.locator('.share-warning')).toContainText('over 2000 characters');
  expect((await page.locator('#share-url').inputValue()).length).toBeGreaterThan(2000);
});

const BROKEN: [string, string, RegExp][] = [
  ['unknown version', '#v9.AAAA', /format "v9"/],
  ['bad base64', '#v1.abc!def', /not allowed in a link/],
  ['truncated', `#${payload(JSON.stringify({ dockerfile: 'FROM alpine\n'.repeat(20) })).slice(0, 20)}`, /incomplete/],
  ['bad deflate', '#v1.BwAAAA', /cannot be decompressed/],
  ['over 1 MiB', `#${payload(JSON.stringify({ dockerfile: 'a'.repeat(1100000) }))}`, /more than 1024 KiB/],
  ['wrong JSON', `#${payload('[1,2,3]')}`, /not a Stageplay state/],
  ['absurd field', `#${payload('{"builder":"docker"}')}`, /invalid builder/],
];

for (const [name, fragment, message] of BROKEN) {
  test(`a broken link (${name}) shows its message and keeps the draft`, async ({ page }) => {
    const errors = watch(page);
    await page.goto(`/${fragment}`);
    await expect(page.locator('#link-error')).toContainText(message);
    await expect(page.locator('#link-error')).toContainText('Your own draft is shown instead');
    if (name === 'truncated') await page.screenshot({ path: 'e2e/output/share-broken-link.png' });
    // The saved draft is what the page shows, and it is still saved, unchanged.
    await expect(page.locator('#dockerfile')).toHaveValue('FROM busybox AS my-draft\n');
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('stageplay.draft.v2')))!).dockerfile)
      .toBe('FROM busybox AS my-draft\n');
    await page.locator('#link-error button').click();
    await expect(page.locator('#link-error')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

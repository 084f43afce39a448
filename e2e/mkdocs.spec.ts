// The MkDocs site of tests/sites/mkdocs, built with the pinned mkdocs-material that
// scripts/setup.sh installs, served under a sub-path (/site/) with Stageplay's dist/ as its
// stageplay/ folder: every opted-in fenced block becomes a playground that sizes itself, in
// Material's light (default) and dark (slate) schemes, with no console error.
import { test, expect, Page, Frame } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';

const MKDOCS = join(process.cwd(), '.tools', 'mkdocs-venv', 'bin', 'mkdocs');
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.xml': 'application/xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

let site = '';
test.beforeAll(() => {
  if (!existsSync(MKDOCS)) {
    throw new Error(`${MKDOCS} is missing: run scripts/setup.sh (it installs the pinned mkdocs-material)`);
  }
  site = mkdtempSync(join(tmpdir(), 'stageplay-mkdocs-'));
  execFileSync(MKDOCS, ['build', '--quiet', '--strict', '-f', 'tests/sites/mkdocs/mkdocs.yml', '-d', site], {
    env: { ...process.env, NO_MKDOCS_2_WARNING: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
});

/** Serves the built site as /site/ and dist/ as /site/stageplay/; any other request is a
 *  404 and is reported, like every console error. */
async function openSite(page: Page, baseURL: string) {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  await page.context().route(`${baseURL}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.startsWith('/site/stageplay/')) {
      const inner = new URL(route.request().url());
      inner.pathname = path.slice('/site/stageplay'.length);
      return route.fulfill({ response: await route.fetch({ url: inner.href }) });
    }
    if (path.startsWith('/site/')) {
      let file = normalize(join(site, decodeURIComponent(path.slice('/site/'.length))));
      if (file.startsWith(site) && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (file.startsWith(site) && existsSync(file)) {
        return route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
      }
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
  await page.goto('/site/');
  return problems;
}

/** Waits for every playground to load and report its height; returns their frames. */
async function playgrounds(page: Page): Promise<Frame[]> {
  const frames = page.locator('iframe.stageplay-embed');
  await expect(frames).toHaveCount(2);
  const out: Frame[] = [];
  for (let i = 0; i < 2; i++) {
    const frame = frames.nth(i);
    await frame.scrollIntoViewIfNeeded();
    await expect(frame).toHaveAttribute('data-stageplay-height', /^\d+$/);
    const content = (await (await frame.elementHandle())!.contentFrame())!;
    await expect(content.locator('svg.stage-graph [data-stage]').first()).toBeVisible();
    // Sized to its content: equal heights within a few pixels, no scrollbar inside.
    await expect.poll(async () => {
      const outer = await frame.evaluate((f) => f.clientHeight);
      const inner = await content.evaluate(() => ({
        // The bottom of the last part of the content: what the content needs, whatever the
        // frame's height (a min-height would stretch .app.embed itself to the frame).
        app: document.querySelector('.app.embed > main')!.getBoundingClientRect().bottom,
        scrolls: document.documentElement.scrollHeight > document.documentElement.clientHeight + 1,
      }));
      return Math.abs(outer - inner.app) <= 3 && !inner.scrolls;
    }).toBe(true);
    out.push(content);
  }
  return out;
}

const theme = (f: Frame) => f.evaluate(() => document.documentElement.getAttribute('data-theme'));

test('the MkDocs Material site turns its opted-in blocks into self-sizing playgrounds, light and slate', async ({ page, baseURL }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1100, height: 900 });
  const problems = await openSite(page, baseURL!);
  await expect(page.locator('body')).toHaveAttribute('data-md-color-scheme', 'default');
  const [heredoc, plan] = await playgrounds(page);

  // The heredoc arrived whole, without the opt-in line; the second block shows both views.
  await expect(heredoc.locator('#dockerfile')).toHaveValue(/^FROM alpine:3\.20 AS base\nRUN <<EOF\napk add/);
  await expect(heredoc.locator('#dockerfile')).toHaveValue(/echo "<built>" > \/etc\/motd\nEOF\n/);
  await expect(plan.locator('[data-pane]')).toHaveCount(2);
  await expect(plan.locator('#target')).toHaveValue('builder');
  // The block without the comment is still Material's code block.
  await expect(page.locator('.highlight pre code')).toHaveCount(1);
  await expect(page.locator('.highlight pre code')).toContainText('FROM scratch');
  expect(await theme(heredoc)).toBe('light');
  // From the top, so Material's sticky header is drawn where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'e2e/output/mkdocs-light.png', fullPage: true });

  // Material's own toggle switches to slate; the embeds follow.
  await page.locator('label[for="__palette_1"]').click();
  await expect(page.locator('body')).toHaveAttribute('data-md-color-scheme', 'slate');
  await expect.poll(() => theme(heredoc)).toBe('dark');
  await expect.poll(() => theme(plan)).toBe('dark');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'e2e/output/mkdocs-slate.png', fullPage: true });

  // A reload in slate starts dark (Material remembers the scheme; the URL carries it).
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-md-color-scheme', 'slate');
  const again = await playgrounds(page);
  for (const f of again) expect(await theme(f)).toBe('dark');
  expect(problems).toEqual([]);
});

// Embed mode inside an iframe: only the chosen panes, compact chrome, an "Open in Stageplay"
// link with the same state, no horizontal scroll at 320 px, no way out of the frame.
import { test, expect, Page } from '@playwright/test';
import { runCli } from './cli';
import { settled } from './page';

function embedUrl(baseURL: string, views: string, dockerfile: string, extra: string[] = []): string {
  return runCli(['link', '-', '--embed', views, '--base-url', `${baseURL}/`, ...extra], dockerfile).trim();
}

const FILE = 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM build AS test\nRUN go test ./...\nFROM scratch\nCOPY --from=build /app /app\n';

/** A docs-like host page on the same origin as Stageplay (the case where an embed could
 *  touch the reader's own draft), holding one iframe of `src`. */
async function host(page: Page, src: string, width: number, height = 600) {
  const html = `<!doctype html><html><body style="margin:0">
    <h1 id="host-title">Docs page</h1>
    <iframe id="frame" src="${src.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" style="width:${width}px;height:${height}px;border:0"
      sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe></body></html>`;
  await page.route('**/docs-host.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto('/docs-host.html');
  return page.frameLocator('#frame');
}

test.beforeEach(async ({ page }) => {
  // The reader's own draft, set once: a later overwrite by an embed would stay visible.
  await page.addInitScript(() => {
    if (!localStorage.getItem('stageplay.draft.v2')) {
      localStorage.setItem('stageplay.draft.v2', JSON.stringify({ dockerfile: 'FROM busybox AS mine\n' }));
    }
  });
});

test('an embed shows only the chosen views, with compact chrome and an Open link', async ({ page, baseURL }) => {
  const src = embedUrl(baseURL!, 'graph,plan', FILE, ['--target', 'test']);
  const f = await host(page, src, 800);
  await expect(f.locator('.app.embed')).toHaveAttribute('data-embed', 'graph,plan');
  await expect(f.locator('[data-pane]')).toHaveCount(2);
  await expect(f.locator('[data-pane="graph"] svg.stage-graph [data-stage]')).toHaveCount(3);
  await expect(f.locator('[data-pane="plan"]')).toContainText('test');
  // No editor, no full header, no tabs of other views.
  await expect(f.locator('#dockerfile')).toHaveCount(0);
  await expect(f.locator('.view-tabs')).toHaveCount(0);
  await expect(f.locator('#share-button')).toHaveCount(0);
  await expect(f.locator('#target')).toHaveValue('test');
  await page.screenshot({ path: 'e2e/output/embed-800.png' });

  const open = f.locator('#embed-open');
  await expect(open).toHaveAttribute('target', '_blank');
  const href = (await open.getAttribute('href'))!;
  expect(href.startsWith(`${baseURL}/#v1.`)).toBe(true);
  // The Open link carries the same state: the full page shows the file with target test.
  const full = await page.context().newPage();
  await full.goto(href);
  await expect(full.locator('#dockerfile')).toHaveValue(FILE);
  await expect(full.locator('#target')).toHaveValue('test');
  await full.close();
  // The embed neither saved over the reader's draft nor navigated its host.
  expect(await page.evaluate(() => document.getElementById('host-title')?.textContent)).toBe('Docs page');
});

test('an editor embed can be read-only, themed, and follows edits in its Open link', async ({ page, baseURL }) => {
  const f = await host(page, embedUrl(baseURL!, 'editor', FILE) .replace('?embed', '?embed&readonly&theme=dark'), 700);
  await expect(f.locator('[data-pane]')).toHaveCount(1);
  await expect(f.locator('#dockerfile')).toHaveValue(FILE);
  await expect(f.locator('#dockerfile')).toHaveAttribute('readonly');
  await expect(f.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(f.locator('svg.stage-graph')).toHaveCount(0);

  const editable = await host(page, embedUrl(baseURL!, 'editor,graph', FILE), 700);
  await editable.locator('#dockerfile').fill('FROM alpine AS one\nFROM one AS two\n');
  await expect(editable.locator('svg.stage-graph [data-stage]')).toHaveCount(2);
  const href = (await editable.locator('#embed-open').getAttribute('href'))!;
  const full = await page.context().newPage();
  await full.goto(href);
  await expect(full.locator('#dockerfile')).toHaveValue('FROM alpine AS one\nFROM one AS two\n');
  // The reader's own draft was never overwritten by the embed's edit.
  const draft = await full.evaluate(() => localStorage.getItem('stageplay.draft.v2'));
  expect(JSON.parse(draft!).dockerfile).toBe('FROM busybox AS mine\n');
  await full.close();
});

test('an editor embed previews a paste too large to edit, and a read-only one ignores pastes', async ({ page, baseURL }) => {
  // Pastes as a person makes them: a paste event with the text (see pathological.spec.ts).
  const pasteInto = (frameUrl: RegExp, text: string) => page.frame({ url: frameUrl })!.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const ta = document.querySelector('#dockerfile') as HTMLTextAreaElement;
    ta.focus();
    ta.select();
    return !ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  const big = 'FROM alpine AS base\n' + 'RUN echo x\n'.repeat(6_000);

  const editable = await host(page, embedUrl(baseURL!, 'editor,graph', FILE), 700);
  await expect(editable.locator('#dockerfile')).toHaveValue(FILE);
  expect(await pasteInto(/embed/, big)).toBe(true);
  await expect(editable.locator('.large-note')).toContainText('6001 lines');
  await expect(editable.locator('#dockerfile')).toHaveCount(0);
  await expect(editable.locator('svg.stage-graph')).toContainText('6000 instr.');

  const readonly = await host(page, embedUrl(baseURL!, 'editor,graph', FILE).replace('?embed', '?embed&readonly'), 700);
  await expect(readonly.locator('#dockerfile')).toHaveValue(FILE);
  expect(await pasteInto(/readonly/, big)).toBe(false);
  await expect(readonly.locator('#dockerfile')).toHaveValue(FILE);
  await expect(readonly.locator('svg.stage-graph [data-stage]')).toHaveCount(3);
});

for (const views of ['graph', 'editor,graph,plan,files,problems,steps']) {
  test(`no horizontal scroll at 320 px (${views})`, async ({ page, baseURL }) => {
    const f = await host(page, embedUrl(baseURL!, views, FILE), 320, 500);
    await expect(f.locator('[data-pane]').first()).toBeVisible();
    // Measured with the views' content, not their "Analysing…" placeholder.
    await settled(f);
    const frame = page.frame({ url: /embed/ })!;
    const [scrollW, clientW] = await frame.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scrollW).toBeLessThanOrEqual(clientW);
    await page.screenshot({ path: `e2e/output/embed-320-${views.split(',').length}.png` });
  });
}

test('embed.js turns a <pre> into a live embed of that Dockerfile', async ({ page }) => {
  await page.goto('/embed-demo.html');
  const f = page.frameLocator('#demo-plan + iframe, iframe.stageplay-embed >> nth=1');
  await expect(f.locator('.app.embed')).toHaveAttribute('data-embed', 'graph,plan');
  await expect(f.locator('#target')).toHaveValue('test');
  await expect(f.locator('[data-pane="graph"] svg.stage-graph [data-stage]')).toHaveCount(4);
  const first = page.frameLocator('iframe.stageplay-embed >> nth=0');
  await expect(first.locator('#dockerfile')).toHaveValue(/^FROM golang:1\.16 AS build\n/);
  await expect(first.locator('[data-pane]')).toHaveCount(2);
});

test('the Embed button gives an <iframe> snippet that embeds the current state', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await page.locator('#dockerfile').fill(FILE);
  await page.locator('#target').selectOption('test');
  await page.locator('#embed-button').click();
  await page.locator('#embed-panel input[data-pane="plan"]').check();
  await page.locator('#embed-panel input[data-pane="editor"]').uncheck();
  await page.locator('#embed-readonly').check();
  await page.locator('#embed-panel input[data-theme="dark"]').check();
  await page.screenshot({ path: 'e2e/output/embed-popover.png' });
  const snippet = await page.locator('#embed-snippet').inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed&amp;view=graph,plan&amp;readonly&amp;theme=dark#v1\.[A-Za-z0-9_-]+" /);
  expect(snippet).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"');
  await page.locator('#embed-copy').click();
  await expect(page.locator('.toast')).toHaveText('Embed snippet copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

  // Pasted into a docs page, the snippet shows that state.
  await page.route('**/pasted.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><h1>Docs</h1>${snippet}` }));
  await page.goto('/pasted.html');
  const f = page.frameLocator('iframe');
  await expect(f.locator('.app.embed')).toHaveAttribute('data-embed', 'graph,plan');
  await expect(f.locator('#target')).toHaveValue('test');
  await expect(f.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(f.locator('[data-pane="graph"] svg.stage-graph [data-stage]')).toHaveCount(3);
});

test('a popover closes on a click outside it and on Escape', async ({ page }) => {
  await page.goto('/');
  await page.locator('#export-button').click();
  await expect(page.locator('#export-menu')).toBeVisible();
  await page.mouse.click(300, 400);
  await expect(page.locator('#export-menu')).toHaveCount(0);
  await page.locator('#embed-button').click();
  await page.locator('#embed-snippet').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('#embed-panel')).toHaveCount(0);
});

// The page's worker (docs/performance.md, "Page size"): it loads with the page, from the page's
// own origin, and holds the analysis core, so the page's own first load does not. While it
// loads the editor is there and the views say they are analysing; when it cannot load the
// page says so, and Try again loads it.
import { test, expect, BrowserContext, Download, Page, Request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { exported, openWithoutContext, ownCopyLoaded } from './page';
import { runCli } from './cli';

const FILE = 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n';
const WORKER_FILES = /\/(worker\.js|stageplay-worker\.js|stageplay-worker_bg\.wasm)$/;

test('the worker loads with the page, from the page\'s origin, and makes the JSON and DOT exports', async ({ page, context, baseURL }) => {
  const requests: string[] = [];
  context.on('request', (r: Request) => requests.push(r.url()));
  await openWithoutContext(page, FILE, 2);
  // index.html loads worker.js, which starts the worker (which loads worker.js as its own
  // script, then the module).
  const loaded = new Set(requests.filter((u) => WORKER_FILES.test(u)).map((u) => new URL(u).pathname));
  expect([...loaded].sort()).toEqual(['/stageplay-worker.js', '/stageplay-worker_bg.wasm', '/worker.js']);

  const json = JSON.parse((await exported(page, 'json')).toString('utf8'));
  expect(json).toEqual(JSON.parse(runCli(['analyze', '-', '--format', 'json'], FILE)));
  const dot = (await exported(page, 'dot')).toString('utf8');
  expect(dot).toBe(runCli(['analyze', '-', '--format', 'dot'], FILE));
  // The exports did not load the module again: it is loaded twice only, by the worker and
  // for the page's own copy, once the page is idle after its load (the keystrokes it
  // analyses in their own task: e2e/key-task.spec.ts); every request of the page and its
  // worker went to the page's own origin.
  await ownCopyLoaded(page);
  expect(requests.filter((u) => /stageplay-worker_bg\.wasm$/.test(u))).toHaveLength(2);
  expect(requests.filter((u) => !u.startsWith(`${baseURL}/`))).toEqual([]);
});

for (const missing of ['stageplay-worker_bg.wasm', 'worker.js']) {
  test(`a worker whose ${missing} cannot load says so, and Try again loads it`, async ({ page, context }) => {
    // A broken deploy, a lost connection.
    await context.route(`**/${missing}`, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/');
    await expect(page.locator('#dockerfile')).toBeVisible();
    const alert = page.locator('#output-panel [role="alert"]');
    await expect(alert).toContainText('The analysis could not run: the analyser did not load');
    await expect(page.locator('svg.stage-graph')).toHaveCount(0);
    await context.unroute(`**/${missing}`);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('svg.stage-graph [data-stage]').first()).toBeVisible();
    await expect(alert).toHaveCount(0);
  });
}

test('an embed whose worker cannot load says so, and Try again loads it', async ({ page, context }) => {
  await context.route('**/stageplay-worker_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/?embed&view=graph,plan');
  const alert = page.locator('.app.embed [role="alert"]');
  await expect(alert).toContainText('The analysis could not run: the analyser did not load');
  // The panes no longer say they are analysing: nothing is coming until Try again.
  await expect(page.locator('[data-pane="graph"] .stale')).toHaveCount(0);
  await expect(page.locator('[data-pane="graph"]')).not.toHaveAttribute('aria-busy', /./);
  await context.unroute('**/stageplay-worker_bg.wasm');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('[data-pane="graph"] svg.stage-graph [data-stage]').first()).toBeVisible();
  await expect(alert).toHaveCount(0);
});

/** Holds the worker's module until the returned function is called, so that a test sees the
 * page before its first analysis. */
async function holdWorker(context: BrowserContext): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  await context.route('**/stageplay-worker_bg.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

/** Asks the Export menu for `format` while the worker is held: the item says it is loading
 * until `release` lets the analysis come; returns the download that follows. */
async function exportWhileHeld(page: Page, format: string, release: () => void): Promise<Download> {
  await page.locator('#export-button').click();
  const item = page.locator(`#export-menu [data-format="${format}"]`);
  await item.click();
  await expect(item).toHaveAttribute('aria-busy', 'true');
  await expect(item).toContainText('loading');
  const [download] = await Promise.all([page.waitForEvent('download'), Promise.resolve(release())]);
  return download;
}

test('an export the page draws itself, asked for before the first analysis, waits for it and draws it', async ({ page, context }) => {
  const release = await holdWorker(context);
  await page.goto('/');
  await expect(page.locator('#output-panel')).toHaveAttribute('aria-busy', 'true');
  // Not drawn from the analysis the page has before its first one (none of the text).
  const download = await exportWhileHeld(page, 'svg', release);
  expect(download.suggestedFilename()).toBe('stageplay-graph.svg');
  const svg = readFileSync((await download.path())!, 'utf8');
  // The default example's graph: its two stages and its base image.
  expect(svg).toContain('golang:1.16');
  expect((svg.match(/data-stage="/g) ?? []).length).toBe(2);
  await expect(page.locator('#export-menu')).toHaveCount(0);
});

test('while the worker loads, the editor is there, the views say so, and an export waits for it', async ({ page, context }) => {
  // Hold the worker's module until the test has seen the loading state.
  const release = await holdWorker(context);
  await page.goto('/');
  await expect(page.locator('#dockerfile')).toBeVisible();
  await expect(page.locator('#output-panel .stale')).toHaveText('Analysing…');
  await expect(page.locator('#output-panel')).toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('svg.stage-graph')).toHaveCount(0);
  const download = await exportWhileHeld(page, 'dot', release);
  expect(download.suggestedFilename()).toBe('stageplay-graph.dot');
  await expect(page.locator('#export-menu')).toHaveCount(0);
  await expect(page.locator('svg.stage-graph [data-stage]').first()).toBeVisible();
  await expect(page.locator('#output-panel .stale')).toHaveCount(0);
  await expect(page.locator('#output-panel')).not.toHaveAttribute('aria-busy', /./);
});

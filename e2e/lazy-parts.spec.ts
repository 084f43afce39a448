// The parts the page loads on demand (docs/performance.md, "Page size"): the exports worker
// is not fetched on the first load, loads from the page's own origin on the first JSON or DOT
// export, says it is loading, and when it cannot load, says so and works on the next click.
import { test, expect, Request } from '@playwright/test';
import { exported, openWithoutContext } from './page';
import { runCli } from './cli';

const FILE = 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n';
const WORKER_FILES = /\/(export-worker\.js|stageplay-export\.js|stageplay-export_bg\.wasm)$/;

test('the exports worker loads only on the first JSON or DOT export, from the page\'s origin', async ({ page, context, baseURL }) => {
  const requests: string[] = [];
  context.on('request', (r: Request) => requests.push(r.url()));
  await openWithoutContext(page, FILE, 2);
  // Exports the page makes itself do not start the worker.
  await exported(page, 'mermaid');
  expect(requests.filter((u) => WORKER_FILES.test(u))).toEqual([]);

  const json = JSON.parse((await exported(page, 'json')).toString('utf8'));
  expect(json).toEqual(JSON.parse(runCli(['analyze', '-', '--format', 'json'], FILE)));
  const dot = (await exported(page, 'dot')).toString('utf8');
  expect(dot).toBe(runCli(['analyze', '-', '--format', 'dot'], FILE));

  const loaded = requests.filter((u) => WORKER_FILES.test(u)).map((u) => new URL(u).pathname);
  expect(loaded.sort()).toEqual(['/export-worker.js', '/stageplay-export.js', '/stageplay-export_bg.wasm']);
  // Every request of the page and its worker went to the page's own origin.
  expect(requests.filter((u) => !u.startsWith(`${baseURL}/`))).toEqual([]);
});

test('an exports worker that cannot load says so, and the next click loads it', async ({ page, context }) => {
  await openWithoutContext(page, FILE, 2);
  // The module is missing (a broken deploy, a lost connection).
  await context.route('**/stageplay-export_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.locator('#export-button').click();
  const item = page.locator('#export-menu [data-format="json"]');
  await item.click();
  await expect(page.locator('.toast')).toContainText('Analysis as JSON failed: the exporter did not load');
  // Never a dead button: the item is ready again, and works once the module is there.
  await expect(item).not.toHaveAttribute('aria-busy', 'true');
  await context.unroute('**/stageplay-export_bg.wasm');
  const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
  expect(download.suggestedFilename()).toBe('stageplay-analysis.json');
});

test('an exports worker whose script cannot load says so too, and the next click loads it', async ({ page, context }) => {
  await openWithoutContext(page, FILE, 2);
  await context.route('**/export-worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.locator('#export-button').click();
  const item = page.locator('#export-menu [data-format="dot"]');
  await item.click();
  await expect(page.locator('.toast')).toContainText('Graph as Graphviz DOT failed: the exporter did not load');
  await expect(item).not.toHaveAttribute('aria-busy', 'true');
  await context.unroute('**/export-worker.js');
  const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
  expect(download.suggestedFilename()).toBe('stageplay-graph.dot');
});

test('while the exports worker loads, its menu item says so', async ({ page, context }) => {
  await openWithoutContext(page, FILE, 2);
  // Hold the worker's script until the test has seen the loading state.
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  await context.route('**/export-worker.js', async (route) => { await held; await route.continue(); });
  await page.locator('#export-button').click();
  const item = page.locator('#export-menu [data-format="dot"]');
  await item.click();
  await expect(item).toHaveAttribute('aria-busy', 'true');
  await expect(item).toContainText('loading');
  const [download] = await Promise.all([page.waitForEvent('download'), Promise.resolve(release())]);
  expect(download.suggestedFilename()).toBe('stageplay-graph.dot');
  await expect(page.locator('#export-menu')).toHaveCount(0);
});

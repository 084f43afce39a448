// The mdBook of tests/sites/mdbook, built with the mdBook 0.5.4 that scripts/setup.sh
// installs and the `stageplay mdbook` preprocessor, and served as /book/ with Stageplay's
// dist/ inside it as /book/stageplay/ (as its README tells an author to do): without
// JavaScript each opted-in example shows its pre-rendered stage graph; with JavaScript
// embed.js turns each one into a playground and removes the graph; light and dark themes.
import { test, expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, extname, join, normalize } from 'node:path';
import { BIN } from './cli';

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.png': 'image/png', '.woff2': 'font/woff2',
};

/** mdBook from PATH (scripts/setup.sh installs it into cargo's bin folder). */
function mdbook(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'mdbook');
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error('mdbook is not on PATH: run scripts/setup.sh (it installs mdbook 0.5.4)');
}

let book = '';
test.beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`cargo build --bin stageplay\` (scripts/test.sh does)`);
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `trunk build --release` first');
  const root = mkdtempSync(join(tmpdir(), 'stageplay-mdbook-'));
  cpSync('tests/sites/mdbook', root, { recursive: true });
  // The author's two copies: the page, published by mdBook as stageplay/, and embed.js at
  // the book's root for `additional-js`.
  cpSync('dist', join(root, 'src', 'stageplay'), { recursive: true });
  mkdirSync(join(root, 'stageplay'), { recursive: true });
  copyFileSync('dist/embed.js', join(root, 'stageplay', 'embed.js'));
  const version = execFileSync(mdbook(), ['--version'], { encoding: 'utf8' }).trim();
  expect(version).toBe('mdbook v0.5.4');
  book = join(root, 'out');
  execFileSync(mdbook(), ['build', root, '--dest-dir', book], {
    env: { ...process.env, PATH: dirname(BIN) + delimiter + (process.env.PATH ?? '') },
    stdio: 'pipe',
  });
});

/** Serves the built book as /book/; anything else is a 404. Console errors, page errors
 *  and failed requests are collected. */
async function serveBook(page: Page, baseURL: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  await page.context().route(`${baseURL}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    if (path.startsWith('/book/')) {
      let file = normalize(join(book, path.slice('/book/'.length)));
      if (file.startsWith(book) && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (file.startsWith(book) && existsSync(file)) {
        return route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
      }
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
  return problems;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('each opted-in example shows its pre-rendered stage graph, and only those', async ({ page, baseURL }) => {
    await page.setViewportSize({ width: 1100, height: 900 });
    const problems = await serveBook(page, baseURL!);
    await page.goto('/book/multi-stage.html');
    // Two code blocks, one opted in: one figure, right after it.
    await expect(page.locator('pre > code.language-dockerfile')).toHaveCount(2);
    const figure = page.locator('figure.stageplay-fallback');
    await expect(figure).toHaveCount(1);
    expect(await figure.evaluate((f) => f.previousElementSibling?.tagName)).toBe('PRE');
    await expect(figure.locator('.stageplay-light svg')).toBeVisible();
    await expect(figure.locator('.stageplay-dark svg')).toBeHidden();
    await expect(figure.locator('.stageplay-light svg [data-stage]')).toHaveCount(2);
    await expect(figure.locator('.stageplay-light svg')).toContainText('build');
    await expect(figure.locator('.stageplay-light svg')).toContainText('release');
    await expect(figure.locator('figcaption')).toContainText('target release');
    await page.screenshot({ path: 'e2e/output/mdbook-nojs-light.png', fullPage: true });

    await page.goto('/book/details/heredocs.html');
    const figures = page.locator('figure.stageplay-fallback');
    await expect(figures).toHaveCount(2);
    // The heredoc's stage and the target from the opt-in line.
    await expect(figures.nth(0).locator('.stageplay-light svg [data-stage]')).toHaveCount(3);
    await expect(figures.nth(0).locator('figcaption')).toContainText('target test');
    // User text is text: the COPY path's <b> is no element, in the graph or anywhere.
    await expect(figures.locator('b')).toHaveCount(0);
    await expect(figures.nth(0).locator('.stageplay-light svg title', { hasText: '/note<b>bold</b>.txt' })).toHaveCount(1);
    // The second is inside the block quote, like its code block.
    await expect(page.locator('blockquote figure.stageplay-fallback .stageplay-light svg')).toBeVisible();
    await page.screenshot({ path: 'e2e/output/mdbook-nojs-heredocs.png', fullPage: true });
    expect(problems).toEqual([]);
  });
});

test('the dark themes show the dark graph when the playground cannot load', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  const problems = await serveBook(page, baseURL!);
  // embed.js answered with an empty script: mdBook's theme works, the figure stays.
  await page.route('**/stageplay/embed*.js', (route) => route.fulfill({ body: '', contentType: 'text/javascript' }));
  for (const theme of ['navy', 'coal']) {
    await page.addInitScript((t) => localStorage.setItem('mdbook-theme', t), theme);
    await page.goto('/book/multi-stage.html');
    await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
    const figure = page.locator('figure.stageplay-fallback');
    await expect(figure.locator('.stageplay-dark svg')).toBeVisible();
    await expect(figure.locator('.stageplay-light svg')).toBeHidden();
    await page.screenshot({ path: `e2e/output/mdbook-fallback-${theme}.png`, fullPage: true });
  }
  expect(problems).toEqual([]);
});

test('with JavaScript each opted-in example becomes a playground, in light and dark themes', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  const problems = await serveBook(page, baseURL!);
  for (const theme of ['light', 'navy', 'coal']) {
    await page.addInitScript((t) => localStorage.setItem('mdbook-theme', t), theme);
    await page.goto('/book/details/heredocs.html');
    await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
    const frames = page.locator('iframe.stageplay-embed');
    await expect(frames).toHaveCount(2);
    await expect(page.locator('figure.stageplay-fallback')).toHaveCount(0);
    for (let i = 0; i < 2; i++) {
      await frames.nth(i).scrollIntoViewIfNeeded();
      const content = page.frameLocator('iframe.stageplay-embed').nth(i);
      await expect(content.locator('svg.stage-graph [data-stage]').first()).toBeVisible();
    }
    // Back to the top, so mdBook's sticky menu bar is drawn where a reader sees it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `e2e/output/mdbook-playground-${theme}.png`, fullPage: true });
  }
  // The page without an opt-in block keeps its plain code block.
  await page.goto('/book/multi-stage.html');
  await expect(page.locator('iframe.stageplay-embed')).toHaveCount(1);
  await expect(page.locator('pre > code.language-dockerfile')).toHaveCount(1);
  expect(problems).toEqual([]);
});

// The Export menu in Chromium: the SVG is well-formed XML that renders and equals the CLI's
// `analyze --format svg`; the PNG is a real image; DOT parses with Graphviz's `dot`; Mermaid
// parses and renders with the npm `mermaid` package (loaded from node_modules, offline); JSON
// is the CLI's; "Copy as Markdown" holds the file, command, plan and a Mermaid block.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { exported, openWithoutContext, settled } from './page';
import { join } from 'node:path';
import { runCli } from './cli';

// Playwright runs from the repository root, where npm installed the `mermaid` dev dependency.
const MERMAID = join(process.cwd(), 'node_modules/mermaid/dist/mermaid.min.js');

// Names, paths and a base that need escaping in every format: quotes, braces, unicode.
const FILE = [
  'ARG GO=1.22',
  'FROM golang:${GO} AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN go build -o "/out/my app" ./cmd/app',
  'FROM build AS test',
  'RUN go test ./...',
  'FROM node:20-alpine AS docs',
  'RUN --mount=type=cache,target=/root/.npm,from=build npm ci',
  'FROM gcr.io/distroless/static:nonroot',
  'COPY --from=build ["/out/my app", "/usr/local/bin/é{x}"]',
  'COPY --from=docs /site /srv/<site>',
  '',
].join('\n');

const cli = runCli;


test('SVG export is well-formed, renders, and is the CLI\'s SVG', async ({ page }) => {
  await openWithoutContext(page, FILE, 4);
  const svg = (await exported(page, 'svg')).toString('utf8');
  const check = await page.evaluate(async (text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const error = doc.querySelector('parsererror')?.textContent ?? null;
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    await img.decode();
    return { error, root: doc.documentElement.nodeName, w: img.naturalWidth, h: img.naturalHeight,
      texts: Array.from(doc.querySelectorAll('text')).map((t) => t.textContent) };
  }, svg);
  expect(check.error).toBeNull();
  expect(check.root).toBe('svg');
  expect(check.w).toBeGreaterThan(100);
  expect(check.h).toBeGreaterThan(50);
  expect(check.texts.join(' ')).toContain('build');
  expect(svg).toContain('<style');
  expect(svg).toBe(cli(['analyze', '-', '--format', 'svg'], FILE));
});

test('PNG export is a PNG of the graph at twice its size', async ({ page }) => {
  await openWithoutContext(page, FILE, 4);
  const png = await exported(page, 'png');
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const svg = cli(['analyze', '-', '--format', 'svg'], FILE);
  const svgWidth = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]);
  expect(width).toBe(Math.round(svgWidth) * 2);
  expect(height).toBeGreaterThan(100);
});

test('DOT export parses with Graphviz dot -Tsvg', async ({ page }) => {
  await openWithoutContext(page, FILE, 4);
  const dot = (await exported(page, 'dot')).toString('utf8');
  expect(dot).toBe(cli(['analyze', '-', '--format', 'dot'], FILE));
  let out: string;
  try {
    out = execFileSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  } catch (e: any) {
    if (e.code === 'ENOENT') throw new Error("Graphviz's `dot` is not installed: run scripts/setup.sh (it installs Debian's graphviz)");
    throw new Error(`dot rejected the DOT export: ${e.stderr}`);
  }
  expect(out).toContain('<svg');
  expect(out).toContain('class="node"');
});

test('Mermaid export parses and renders with the npm mermaid package', async ({ page, browser }) => {
  await openWithoutContext(page, FILE, 4);
  const mmd = (await exported(page, 'mermaid')).toString('utf8');
  expect(mmd).toBe(cli(['analyze', '-', '--format', 'mermaid'], FILE));
  const checker = await browser.newPage();
  await checker.setContent('<!doctype html><div id="out"></div>');
  await checker.addScriptTag({ path: MERMAID });
  const result = await checker.evaluate(async (text) => {
    const m = (window as any).mermaid;
    m.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const parsed = await m.parse(text);
    const { svg } = await m.render('g', text);
    return { type: parsed.diagramType, svg: svg.length, nodes: (svg.match(/class="node /g) || []).length };
  }, mmd);
  expect(result.type).toMatch(/flowchart/);
  expect(result.nodes).toBeGreaterThanOrEqual(4);
  // The checker really rejects bad input, so a pass above means something.
  await expect(checker.evaluate(() => (window as any).mermaid.parse('flowchart LR\n  a[[[ --> \n'))).rejects.toThrow();
  await checker.close();
});

test('JSON export is the CLI\'s analysis', async ({ page }) => {
  await openWithoutContext(page, FILE, 4);
  const json = JSON.parse((await exported(page, 'json')).toString('utf8'));
  expect(json).toEqual(JSON.parse(cli(['analyze', '-', '--format', 'json'], FILE)));
  expect(json.stages.map((s: any) => s.name)).toEqual(['build', 'test', 'docs', 'stage-3']);
});

test('Copy as Markdown puts the file, command, plan and a Mermaid block on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWithoutContext(page, FILE, 4);
  await page.locator('#target').selectOption('test');
  // The Markdown's plan is the analysis shown: the new target's.
  await settled(page);
  await page.locator('#export-button').click();
  await page.locator('#export-menu [data-format="markdown"]').click();
  await expect(page.locator('.toast')).toHaveText('Markdown copied');
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain('```dockerfile\n' + FILE + '```\n');
  expect(md).toContain('docker build --target test -t app .');
  expect(md).toContain('**Build plan** (BuildKit, target `test`)');
  expect(md).toMatch(/```mermaid\nflowchart/);
  expect(md).toMatch(/\[Open in Stageplay\]\(http:\/\/127\.0\.0\.1:\d+\/#v1\.[A-Za-z0-9_-]+\)/);
});

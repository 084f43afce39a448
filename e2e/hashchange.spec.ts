// A share link pasted into a tab that already shows Stageplay (a `hashchange`, no reload)
// opens as a fresh load of the link would: its Dockerfile and target are shown, the saved
// draft is left alone until the link's text is edited, and a broken link shows its banner.
import { test, expect, Page } from '@playwright/test';
import { runCli } from './cli';
import { settled } from './page';

const DRAFT_KEY = 'stageplay.draft.v2';
const MINE = 'FROM busybox AS my-draft\n';
const DOCKERFILE = 'FROM golang:1.22 AS build\nRUN go build -o /app ./cmd/app\n\nFROM alpine:3.20 AS final\nCOPY --from=build /app /usr/local/bin/app\n';

function watch(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

const storedDraft = (page: Page) =>
  page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.dockerfile, DRAFT_KEY);

test.beforeEach(async ({ page }) => {
  // Each test starts from one known draft, written once before the page's own script runs.
  await page.addInitScript(([k, t]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.clear();
      localStorage.setItem(k, JSON.stringify({ dockerfile: t }));
      sessionStorage.setItem('seeded', '1');
    }
  }, [DRAFT_KEY, MINE]);
});

test('a link set as the fragment of an open page opens its state and keeps the draft', async ({ page, baseURL }) => {
  const errors = watch(page);
  await page.goto('/');
  await expect(page.locator('#dockerfile')).toHaveValue(MINE);
  const url = runCli(['link', '-', '--target', 'build', '--base-url', `${baseURL}/`], DOCKERFILE).trim();
  const fragment = url.slice(url.indexOf('#'));
  expect(fragment.startsWith('#v1.')).toBe(true);
  await page.evaluate((f) => { location.hash = f; }, fragment);

  await expect(page.locator('#dockerfile')).toHaveValue(DOCKERFILE);
  await expect(page.locator('#target')).toHaveValue('build');
  await expect(page.locator('#link-error')).toHaveCount(0);
  // The link stays in the address, and changing its target does not save it as the draft.
  await page.locator('#target').selectOption('final');
  await page.waitForTimeout(700);
  expect(await page.evaluate(() => location.hash)).toMatch(/^#v1\./);
  expect(await storedDraft(page)).toBe(MINE);
  await page.goto('/');
  await expect(page.locator('#dockerfile')).toHaveValue(MINE);
  expect(errors).toEqual([]);
});

test('a link set after an edit keeps the edit as the draft, and editing the link saves it', async ({ page }) => {
  await page.goto('/');
  await page.locator('#dockerfile').fill('FROM alpine AS edited\n');
  // The page's own Share link of another state, pasted over the edit at once.
  const url = runCli(['link', '-', '--target', 'final', '--base-url', 'http://x/'], DOCKERFILE).trim();
  await page.evaluate((f) => { location.hash = f; }, url.slice(url.indexOf('#')));
  await expect(page.locator('#dockerfile')).toHaveValue(DOCKERFILE);
  await expect(page.locator('#target')).toHaveValue('final');
  await expect.poll(() => storedDraft(page)).toBe('FROM alpine AS edited\n');
  // Editing the link's text saves it (the replaced draft goes to history) and drops the fragment.
  await page.locator('#dockerfile').fill(DOCKERFILE + 'RUN true\n');
  await expect.poll(() => storedDraft(page)).toBe(DOCKERFILE + 'RUN true\n');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
  expect(await page.evaluate(() => localStorage.getItem('stageplay.history.v1'))).toContain('FROM alpine AS edited');
});

test('a broken link set as the fragment shows the banner and keeps the page as it was', async ({ page }) => {
  const errors = watch(page);
  await page.goto('/');
  await expect(page.locator('#dockerfile')).toHaveValue(MINE);
  await page.evaluate(() => { location.hash = '#v1.AAAA'; });
  await expect(page.locator('#link-error')).toContainText('Your own draft is shown instead');
  await expect(page.locator('#dockerfile')).toHaveValue(MINE);
  expect(await storedDraft(page)).toBe(MINE);
  expect(errors).toEqual([]);
});

test('the editor shows every text set from outside, the one last typed into it included', async ({ page }) => {
  // The textarea is not bound to the page's state (src/ui/components/editor/mod.rs): the
  // state's text is written into it when it changes other than by typing. Here the state
  // goes typed → another link's → the typed text again, by links; each must be shown, and
  // typing after that must reach the analysis.
  const errors = watch(page);
  await page.goto('/');
  await expect(page.locator('#dockerfile')).toHaveValue(MINE);
  await page.locator('#dockerfile').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('FROM alpine AS typed\n');
  const typed = MINE + 'FROM alpine AS typed\n';
  await expect(page.locator('#dockerfile')).toHaveValue(typed);
  await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(2);
  const link = (text: string) => {
    const url = runCli(['link', '-', '--base-url', 'http://x/'], text).trim();
    return url.slice(url.indexOf('#'));
  };
  await page.evaluate((f) => { location.hash = f; }, link(DOCKERFILE));
  await expect(page.locator('#dockerfile')).toHaveValue(DOCKERFILE);
  await page.evaluate((f) => { location.hash = f; }, link(typed));
  await expect(page.locator('#dockerfile')).toHaveValue(typed);
  await settled(page);
  await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(2);
  await expect(page.locator('svg.stage-graph .sp-title', { hasText: 'typed' })).toHaveCount(1);
  await page.locator('#dockerfile').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('FROM busybox AS third\n');
  await expect(page.locator('#dockerfile')).toHaveValue(typed + 'FROM busybox AS third\n');
  await settled(page);
  await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(3);
  await expect(page.locator('svg.stage-graph .sp-title', { hasText: 'third' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('Ctrl+Z after a text set from outside leaves the editor and the analysis on one text', async ({ page }) => {
  // The editor writes a text set from outside (here a link) into the textarea as its value,
  // which is not a step of the textarea's undo history. Whatever Chromium's Ctrl+Z then does
  // to the textarea, the analysis must follow what the textarea shows, and typing after it
  // must reach the analysis: the editor and the page's state never disagree.
  const errors = watch(page);
  await page.goto('/');
  const editor = page.locator('#dockerfile');
  await expect(editor).toHaveValue(MINE);
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('FROM alpine AS typed\n');
  await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(2);
  const url = runCli(['link', '-', '--base-url', 'http://x/'], DOCKERFILE).trim();
  await page.evaluate((f) => { location.hash = f; }, url.slice(url.indexOf('#')));
  await expect(editor).toHaveValue(DOCKERFILE);
  const stagesMatch = async () => {
    await settled(page);
    const shown = await editor.inputValue();
    const names = [...shown.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(names.length);
    for (const name of names) {
      await expect(page.locator('svg.stage-graph .sp-title', { hasText: name })).toHaveCount(1);
    }
    return shown;
  };
  await editor.focus();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Control+z');
    await stagesMatch();
  }
  await page.keyboard.press('Control+End');
  await page.keyboard.type('FROM busybox AS after\n');
  const shown = await stagesMatch();
  expect(shown.endsWith('FROM busybox AS after\n')).toBe(true);
  expect(errors).toEqual([]);
});

// The user's drafts are never lost without a visible way back: a share link's view or target
// change does not replace the saved draft, two tabs do not silently overwrite each other, a
// full storage is reported, and the Drafts dialog restores earlier texts.
import { test, expect, Page } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';

const DRAFT_KEY = 'stageplay.draft.v2';
const HISTORY_KEY = 'stageplay.history.v1';
const MINE = 'FROM busybox AS my-draft\n';
const LINKED = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine AS final\nCOPY --from=build /app /app\n';

/** A share link's fragment for this JSON state. */
function fragment(state: object): string {
  return '#v1.' + deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url');
}

function watch(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

const savedText = (page: Page) => page.evaluate((k) => {
  const raw = localStorage.getItem(k);
  return raw === null ? null : JSON.parse(raw).dockerfile;
}, DRAFT_KEY);

const historyTexts = (page: Page) => page.evaluate((k) => {
  const raw = localStorage.getItem(k);
  return raw === null ? [] : JSON.parse(raw).map((e: { text: string }) => e.text);
}, HISTORY_KEY);

test.beforeEach(async ({ page }) => {
  // Each test starts from one known draft, written once before the page's own script runs.
  await page.addInitScript(([key, text]) => {
    if (location.protocol === 'about:') return;
    if (!sessionStorage.getItem('seeded')) {
      localStorage.clear();
      localStorage.setItem(key, JSON.stringify({ dockerfile: text }));
      sessionStorage.setItem('seeded', '1');
    }
  }, [DRAFT_KEY, MINE]);
});

test('a link\'s view and target changes never replace the saved draft; editing its text keeps the draft in history', async ({ page }) => {
  const errors = watch(page);
  await page.goto('/' + fragment({ dockerfile: LINKED }));
  await expect(page.locator('#dockerfile')).toHaveValue(LINKED);
  await page.locator('#view-plan').click();
  await page.locator('#target').selectOption('build');
  // The link's new view and target stay in the address only: a reload shows them...
  await expect.poll(() => page.evaluate(() => location.hash)).not.toBe('');
  await page.reload();
  await expect(page.locator('#dockerfile')).toHaveValue(LINKED);
  await expect(page.locator('#view-plan')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#target')).toHaveValue('build');
  // ...and the user's own draft is untouched, in storage and on a plain visit.
  expect(await savedText(page)).toBe(MINE);
  await page.goto('/');
  await expect(page.locator('#dockerfile')).toHaveValue(MINE);

  // Editing the link's text does save it, and the draft it replaces goes to history first.
  // (A fragment alone does not reload the page, so the link is opened from a blank page.)
  await page.goto('about:blank');
  await page.goto('/' + fragment({ dockerfile: LINKED }));
  await expect(page.locator('#dockerfile')).toHaveValue(LINKED);
  await page.locator('#dockerfile').fill(LINKED + 'RUN echo edited\n');
  await expect.poll(() => savedText(page)).toBe(LINKED + 'RUN echo edited\n');
  expect(await historyTexts(page)).toContain(MINE);

  // The Drafts dialog lists it (as text) and restores it in one click; the replaced text is
  // kept in history, so the restore can be undone the same way.
  await page.locator('#drafts-button').click();
  const dialog = page.locator('#drafts-dialog');
  await expect(dialog).toBeVisible();
  const entry = dialog.locator('.draft-entry', { hasText: 'FROM busybox AS my-draft' });
  await expect(entry).toHaveCount(1);
  await entry.locator('.draft-restore').click();
  await expect(page.locator('#dockerfile')).toHaveValue(MINE);
  await expect.poll(() => savedText(page)).toBe(MINE);
  expect(await historyTexts(page)).toContain(LINKED + 'RUN echo edited\n');
  expect(errors).toEqual([]);
});

test('the Drafts dialog works from the keyboard and shows user text as text', async ({ page }) => {
  // A draft whose text looks like markup; the next session's first edit keeps it in history.
  const hostile = 'FROM alpine AS <img src=x onerror="window.__pwned=1">\n';
  await page.goto('/');
  await page.evaluate(([k, t]) => localStorage.setItem(k, JSON.stringify({ dockerfile: t })), [DRAFT_KEY, hostile]);
  await page.reload();
  await expect(page.locator('#dockerfile')).toHaveValue(hostile);
  await page.locator('#dockerfile').fill('FROM alpine AS later\n');
  await expect.poll(() => savedText(page)).toBe('FROM alpine AS later\n');
  await page.locator('#drafts-button').focus();
  await page.keyboard.press('Enter');
  const dialog = page.locator('#drafts-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.draft-first-line').first()).toBeVisible();
  await expect(dialog.locator('img')).toHaveCount(0);
  await expect(dialog.locator('.draft-first-line').first()).toHaveText(hostile.trim());
  await page.screenshot({ path: 'e2e/output/drafts-dialog.png' });
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await page.screenshot({ path: 'e2e/output/drafts-dialog-dark.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('#drafts-button')).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('two tabs editing keep both texts and say so', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.locator('#dockerfile')).toHaveValue(MINE);
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.locator('#dockerfile')).toHaveValue(MINE);

  await page.locator('#dockerfile').fill('FROM alpine AS tab-one\n');
  await expect.poll(() => savedText(page)).toBe('FROM alpine AS tab-one\n');
  await other.locator('#dockerfile').fill('FROM alpine AS tab-two\n');
  await expect.poll(() => savedText(page)).toBe('FROM alpine AS tab-two\n');

  // The first tab is told, keeps its own text, and has the other tab's in history.
  const notice = page.locator('#draft-notice');
  await expect(notice).toContainText(/another tab/i);
  await expect(page.locator('#dockerfile')).toHaveValue('FROM alpine AS tab-one\n');
  // The history is stored when the page is next idle, after the notice is drawn.
  await expect.poll(() => historyTexts(page)).toContain('FROM alpine AS tab-two\n');

  // Editing on in the first tab saves its text; the other tab's stays in history.
  await page.locator('#dockerfile').fill('FROM alpine AS tab-one-again\n');
  await expect.poll(() => savedText(page)).toBe('FROM alpine AS tab-one-again\n');
  await expect.poll(() => historyTexts(page)).toContain('FROM alpine AS tab-two\n');
  await page.screenshot({ path: 'e2e/output/drafts-other-tab.png' });

  // The notice's way back opens the other tab's text, keeping this one in history.
  await notice.locator('#draft-notice-open').click();
  await expect(page.locator('#dockerfile')).toHaveValue('FROM alpine AS tab-two\n');
  await expect.poll(() => historyTexts(page)).toContain('FROM alpine AS tab-one-again\n');
});

test('a full storage is reported, the text can be downloaded, and saving resumes when there is room', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#dockerfile')).toHaveValue(MINE);
  // Fill the storage until the browser refuses more.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 1000; i++) {
      try { localStorage.setItem('filler' + i, chunk); } catch { break; }
    }
    const small = 'y'.repeat(1024);
    for (let i = 0; i < 10000; i++) {
      try { localStorage.setItem('small' + i, small); } catch { break; }
    }
  });
  const text = 'FROM alpine AS too-much\nRUN echo ' + 'z'.repeat(4000) + '\n';
  await page.locator('#dockerfile').fill(text);
  const notice = page.locator('#draft-notice');
  await expect(notice).toContainText('could not be saved');
  await page.screenshot({ path: 'e2e/output/drafts-full.png' });
  const download = page.waitForEvent('download');
  await notice.locator('#draft-notice-download').click();
  expect((await download).suggestedFilename()).toMatch(/^Dockerfile/);
  expect(await savedText(page)).toBe(MINE);

  // With room again, the next edit is saved and the notice goes away.
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler')) localStorage.removeItem(k);
  });
  await page.locator('#dockerfile').fill(text + 'RUN echo more\n');
  await expect.poll(() => savedText(page)).toBe(text + 'RUN echo more\n');
  await expect(notice).toHaveCount(0);
});

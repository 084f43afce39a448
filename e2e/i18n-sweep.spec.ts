// The Korean page holds none of the page's own English words: every view of every example,
// every input tab, every dialog, the lessons (list, a step, its hint) and a broken link's
// notice. The English words looked for are the ones of en.ftl's messages that ko.ftl and the
// Korean lessons never use (so Docker's own words, kept in Korean too, are not among them);
// BuildKit's messages ([lang="en"]), code, the editor, and the names a Dockerfile gives
// (stages, images, paths) are not looked at.
import { test, expect, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { settled } from './page';

/** The words of a message file's values, lower-cased, without its placeables and selectors. */
function words(ftl: string): Set<string> {
  const out = new Set<string>();
  for (const line of ftl.split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    // A message line's value, or a continuation line (a variant's text).
    const value = /^[a-z-]+ =/.test(line) ? line.slice(line.indexOf('=') + 1) : line.replace(/^\s*\*?\[[^\]]*\]/, '');
    const text = value.replace(/\{[^}]*\}/g, ' ');
    for (const w of text.match(/[A-Za-z]{4,}/g) || []) out.add(w.toLowerCase());
  }
  return out;
}

/** The texts of the Korean lessons (the panel's words and each lesson's and step's texts). */
function lessonTexts(): string {
  const file = JSON.parse(readFileSync('static/lessons/ko.json', 'utf8'));
  const texts: string[] = Object.values(file.ui);
  for (const l of file.lessons) {
    texts.push(l.title, l.summary);
    for (const s of l.steps) texts.push(s.title, s.text, s.task, s.hint, s.done);
  }
  return texts.join('\n');
}

const korean = new Set([
  ...words(readFileSync('static/i18n/ko.ftl', 'utf8')),
  ...(lessonTexts().match(/[A-Za-z]{4,}/g) || []).map((w) => w.toLowerCase()),
]);
/** English words of the page's own messages that the Korean page should never show. */
const english = [...words(readFileSync('static/i18n/en.ftl', 'utf8'))].filter((w) => !korean.has(w));

/** The English words visible outside code, the editor, BuildKit's messages and the names a
 *  Dockerfile gives (stages, images, paths, instructions). */
async function englishOnScreen(page: Page, marked = '[lang="en"]'): Promise<string[]> {
  const seen: string[] = await page.evaluate((marked) => {
    const skip = (el: Element) => !!el.closest(
      `.editor, textarea, code, pre, kbd, svg, ${marked}, .rule, .rule-name, .chip, .tl-stage, .command, #lang-switch, .stage-card-lines, .tree-name, .bar-label, .origin, #share-url, #embed-snippet`);
    const out: string[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || !(el as HTMLElement).offsetParent) continue;
      out.push(...(n.textContent || '').match(/[A-Za-z]{4,}/g) || []);
    }
    // What a screen reader says of a control counts too.
    for (const el of Array.from(document.querySelectorAll('[aria-label], [title], [placeholder]'))) {
      if (skip(el) || !(el as HTMLElement).offsetParent) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        out.push(...(el.getAttribute(a) || '').match(/[A-Za-z]{4,}/g) || []);
      }
    }
    // The names the Dockerfile gives its stages, wherever the page writes them in a sentence.
    const names = new Set(Array.from(document.querySelectorAll('.tl-stage, .chip, [data-stage] .sp-title'))
      .flatMap((el) => (el.textContent || '').toLowerCase().match(/[a-z]{4,}/g) || []));
    return out.filter((w) => !names.has(w.toLowerCase()));
  }, marked);
  return [...new Set(seen.map((w) => w.toLowerCase()).filter((w) => english.includes(w)))];
}

async function inKorean(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.locator('#examples-button')).toHaveText('예제');
}

const views = ['graph', 'plan', 'files', 'problems', 'steps'];

test.describe('the Korean page', () => {
  test.use({ locale: 'ko-KR' });

  test('the list of English words is the page\'s own and long enough to mean something', () => {
    // A few of the page's own English words, none of which Korean uses.
    for (const w of ['examples', 'drafts', 'lessons', 'skipped', 'estimate', 'copied', 'unknown']) {
      expect(english, w).toContain(w);
    }
    expect(english.length).toBeGreaterThan(300);
  });

  test('the scan finds the English page\'s own words (so that finding none means something)', async ({ page }) => {
    await page.goto('/?lang=en');
    await expect(page.locator('#examples-button')).toHaveText('Examples');
    await settled(page);
    await page.locator('#view-files').click();
    // The whole English page is lang="en": look at it all (bar BuildKit's messages).
    const found = await englishOnScreen(page, '.problem-msg');
    for (const w of ['examples', 'drafts', 'lessons', 'estimate']) expect(found, w).toContain(w);
  });

  test('shows no English of its own on any view of any example', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    await inKorean(page);
    await page.locator('#examples-button').click();
    const ids: string[] = await page.locator('[data-example]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-example')!));
    expect(ids.length).toBeGreaterThan(5);
    await page.keyboard.press('Escape');
    const left: string[] = [];
    for (const id of ids) {
      await page.locator('#examples-button').click();
      await page.locator(`[data-example="${id}"]`).click();
      await expect(page.locator('.gallery')).toHaveCount(0);
      // This example's analysis in the views, not the one before it.
      await settled(page);
      for (const v of views) {
        await page.locator(`#view-${v}`).click();
        await expect(page.locator(`#view-${v}`)).toHaveAttribute('aria-selected', 'true');
        for (const w of await englishOnScreen(page)) left.push(`${id}/${v}: ${w}`);
      }
    }
    expect(left).toEqual([]);
  });

  test('shows no English of its own in the input tabs, the dialogs, the lessons or a link\'s error', async ({ page }) => {
    test.setTimeout(60_000);
    const left: string[] = [];
    const check = async (where: string) => {
      await settled(page);
      for (const w of await englishOnScreen(page)) left.push(`${where}: ${w}`);
    };
    await page.goto('/');
    await inKorean(page);
    for (const t of ['context', 'dockerignore', 'buildargs']) {
      await page.locator(`#tab-${t}`).click();
      await expect(page.locator(`#tab-${t}`)).toHaveAttribute('aria-selected', 'true');
      await check(`tab ${t}`);
    }
    await page.locator('#tab-dockerfile').click();
    for (const [button, opened] of [['share', '#share-panel'], ['embed', '#embed-panel'], ['export', '#export-menu']]) {
      await page.locator(`#${button}-button`).click();
      await expect(page.locator(opened)).toBeVisible();
      await check(`${button} dialog`);
      await page.keyboard.press('Escape');
      await expect(page.locator(opened)).toHaveCount(0);
    }
    await page.locator('#drafts-button').click();
    await expect(page.locator('#drafts-dialog')).toBeVisible();
    await check('drafts dialog');
    await page.keyboard.press('Escape');
    await page.locator('#examples-button').click();
    await expect(page.locator('.gallery')).toBeVisible();
    await check('examples dialog');
    await page.keyboard.press('Escape');
    await page.locator('#lessons-button').click();
    await expect(page.locator('.lesson-card')).toHaveCount(5);
    await check('lesson list');
    await page.locator('.lesson-card[data-lesson="target"] button').click();
    await expect(page.locator('#lesson-panel')).toHaveAttribute('data-step', '1');
    await check('lesson step');
    await page.locator('#dockerfile').fill('FROM alpine\n');
    await expect(page.locator('.lesson-hint')).toBeVisible();
    await check('lesson hint');
    // A link with a builder no page writes: the notice and its reason. (A bad view's reason
    // lists the link's own view names, graph to steps, as the link spells them.)
    const payload = deflateRawSync(Buffer.from('{"builder":"docker"}')).toString('base64url');
    await page.goto(`/#v1.${payload}`);
    await expect(page.locator('#link-error')).toBeVisible();
    await check('link error');
    expect(left).toEqual([]);
  });
});

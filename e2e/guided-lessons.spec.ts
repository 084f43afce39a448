// The guided lessons (docs/lessons.md): each lesson from its first step to its exercise in
// English and in Korean, done through the page's own controls; a hint after a wrong try; a
// language switch in the middle of a lesson; progress kept across a reload; and a shared
// link opening at its step. The steps are read from the lesson files the page fetches, so
// a new step is tested without touching this file.
import { test, expect, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { settled } from './page';

type Setup = {
  dockerfile: string[]; context?: string[]; build_args?: string[];
  target?: string | null; legacy?: boolean; view?: string | null;
};
type Step = { title: string; start: Setup; solution: Setup; exercise?: boolean };
type Lesson = { id: string; title: string; steps: Step[] };
type LessonFile = { ui: { next: string; finish: string }; lessons: Lesson[] };

const files: Record<string, LessonFile> = {
  en: JSON.parse(readFileSync('static/lessons/en.json', 'utf8')),
  ko: JSON.parse(readFileSync('static/lessons/ko.json', 'utf8')),
};

const text = (lines: string[] = []) => (lines.length ? lines.join('\n') + '\n' : '');

/** Does a step's one task through the page's controls: whatever its solution changes. */
async function solve(page: Page, step: Step) {
  const { start, solution } = step;
  if (text(solution.dockerfile) !== text(start.dockerfile)) {
    await page.locator('#tab-dockerfile').click();
    await page.locator('#dockerfile').fill(text(solution.dockerfile));
  }
  if (text(solution.build_args) !== text(start.build_args)) {
    await page.locator('#tab-buildargs').click();
    await page.locator('#input-buildargs').fill(text(solution.build_args));
  }
  if ((solution.target ?? '') !== (start.target ?? '')) {
    await page.locator('#target').selectOption(solution.target ?? '');
  }
  if (!!solution.legacy !== !!start.legacy) {
    await page.locator(`[data-builder="${solution.legacy ? 'legacy' : 'buildkit'}"]`).click();
  }
  if ((solution.view ?? 'graph') !== (start.view ?? 'graph')) {
    await page.locator(`#view-${solution.view ?? 'graph'}`).click();
  }
}

/** The panel shows this step, checked against the analysis of the step's text (while one
 * is on its way the step keeps the status it had, whatever the text). */
async function atStep(page: Page, lesson: Lesson, i: number) {
  const panel = page.locator('#lesson-panel');
  await expect(panel).toHaveAttribute('data-lesson', lesson.id);
  await expect(panel).toHaveAttribute('data-step', String(i + 1));
  await expect(page.locator('#lesson-step-title')).toHaveText(lesson.steps[i].title);
  await settled(page);
}

async function open(page: Page, lang: string) {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`/?lang=${lang}`);
  await page.locator('#lessons-button').click();
  await expect(page.locator('.lesson-card')).toHaveCount(files[lang].lessons.length);
}

for (const lang of ['en', 'ko']) {
  for (const lesson of files.en.lessons) {
    test(`lesson ${lesson.id} from start to finish (${lang})`, async ({ page }) => {
      const file = files[lang];
      const here = file.lessons.find((l) => l.id === lesson.id)!;
      await open(page, lang);
      await page.locator(`.lesson-card[data-lesson="${lesson.id}"] button`).click();
      for (let i = 0; i < here.steps.length; i++) {
        await atStep(page, here, i);
        const panel = page.locator('#lesson-panel');
        await expect(panel).toHaveAttribute('data-passed', 'false');
        await expect(page.locator('#lesson-next')).toBeDisabled();
        await solve(page, here.steps[i]);
        await expect(panel).toHaveAttribute('data-passed', 'true');
        await expect(page.locator('.lesson-passed')).toBeVisible();
        await expect(page.locator('#lesson-next')).toBeEnabled();
        await page.locator('#lesson-next').click();
      }
      // Finishing returns to the list, with every step of the lesson counted as done.
      await expect(page.locator(`.lesson-card[data-lesson="${lesson.id}"] .lesson-card-progress`))
        .toContainText(String(here.steps.length));
      await expect(page.locator('#lesson-panel')).toHaveAttribute('lang', lang);
    });
  }
}

test('a wrong try shows the hint, and the step outlines the part it names', async ({ page }) => {
  await open(page, 'en');
  await page.locator('.lesson-card[data-lesson="copy-from"] button').click();
  const panel = page.locator('#lesson-panel');
  await expect(panel).toHaveAttribute('data-part', 'graph');
  await expect(page.locator('.lesson-part')).toContainText('the Graph view');
  await expect(page.locator('#output-panel')).toHaveCSS('outline-style', 'solid');
  await expect(page.locator('.lesson-hint')).toHaveCount(0);
  // Naming the wrong stage is a try that does not pass.
  const step = files.en.lessons.find((l) => l.id === 'copy-from')!.steps[0];
  await page.locator('#dockerfile').fill(text(step.start.dockerfile).replace('FROM alpine:latest', 'FROM alpine:latest AS builder'));
  // Judged on its analysis: while that is on its way the step keeps its last status.
  await settled(page);
  await expect(page.locator('.lesson-hint')).toBeVisible();
  await expect(panel).toHaveAttribute('data-passed', 'false');
  await page.locator('#dockerfile').fill(text(step.solution.dockerfile));
  await expect(panel).toHaveAttribute('data-passed', 'true');
  await expect(page.locator('.lesson-hint')).toHaveCount(0);
});

test('a try that passes goes from waiting to passed: no hint while its analysis is on its way', async ({ page }) => {
  await open(page, 'en');
  await page.locator('.lesson-card[data-lesson="copy-from"] button').click();
  await settled(page);
  await expect(page.locator('.lesson-waiting')).toBeVisible();
  // Every status the panel shows from here on (lesson_panel.rs keeps the last analysed
  // text's status while an edit is analysed).
  await page.evaluate(() => {
    const w = window as unknown as { __statuses: string[] };
    w.__statuses = [];
    const status = document.querySelector('.lesson-status')!;
    new MutationObserver(() => {
      w.__statuses.push(status.firstElementChild?.className ?? '');
    }).observe(status, { childList: true, subtree: true });
  });
  const step = files.en.lessons.find((l) => l.id === 'copy-from')!.steps[0];
  await page.locator('#dockerfile').fill(text(step.solution.dockerfile));
  await expect(page.locator('#lesson-panel')).toHaveAttribute('data-passed', 'true');
  const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
  expect(statuses).toContain('lesson-passed');
  expect(statuses).not.toContain('lesson-hint');
});

test('Back and Next bring back the edits made on a step; Start again forgets them', async ({ page }) => {
  const lesson = files.en.lessons.find((l) => l.id === 'copy-from')!;
  await open(page, 'en');
  await page.locator('.lesson-card[data-lesson="copy-from"] button').click();
  await solve(page, lesson.steps[0]);
  await page.locator('#lesson-next').click();
  await atStep(page, lesson, 1);
  await expect(page.locator('.lesson-kept')).toHaveCount(0);
  // A try on step 2 that does not pass yet, then Back: step 1 as the learner left it, passed.
  const mine = text(lesson.steps[1].start.dockerfile) + '# my try\n';
  await page.locator('#dockerfile').fill(mine);
  await page.locator('#lesson-back').click();
  await atStep(page, lesson, 0);
  await expect(page.locator('#dockerfile')).toHaveValue(text(lesson.steps[0].solution.dockerfile));
  await expect(page.locator('#lesson-panel')).toHaveAttribute('data-passed', 'true');
  await expect(page.locator('.lesson-kept')).toBeVisible();
  // Next: step 2 with the try.
  await page.locator('#lesson-next').click();
  await atStep(page, lesson, 1);
  await expect(page.locator('#dockerfile')).toHaveValue(mine);
  await expect(page.locator('.lesson-kept')).toBeVisible();
  // Start again: the step's own start, and nothing said about edits.
  await page.locator('#lesson-restart').click();
  await expect(page.locator('#dockerfile')).toHaveValue(text(lesson.steps[1].start.dockerfile));
  await expect(page.locator('.lesson-kept')).toHaveCount(0);
  // The list opens the lesson at its first step not passed, with the edits left on it.
  await page.locator('#dockerfile').fill(mine);
  await page.locator('#lesson-list').click();
  await page.locator('.lesson-card[data-lesson="copy-from"] button').click();
  await atStep(page, lesson, 1);
  await expect(page.locator('#dockerfile')).toHaveValue(mine);
});

test('the outline on the named part needs no :has()', async ({ page }) => {
  await open(page, 'en');
  await page.locator('.lesson-card[data-lesson="target"] button').click();
  // The part is named on <html>, and the target menu is outlined.
  await expect(page.locator('html')).toHaveAttribute('data-lesson-part', 'target');
  await expect(page.locator('#target')).toHaveCSS('outline-style', 'solid');
  await expect(page.locator('#output-panel')).not.toHaveCSS('outline-style', 'solid');
  // No rule of the page's stylesheets outlines a part through :has().
  const rules: string[] = await page.evaluate(() => Array.from(document.styleSheets)
    .flatMap((sheet) => Array.from(sheet.cssRules))
    .map((r) => (r as CSSStyleRule).selectorText ?? '')
    .filter((sel) => sel.includes('data-lesson-part') || sel.includes('data-part')));
  expect(rules.length).toBeGreaterThan(0);
  expect(rules.filter((sel) => sel.includes(':has('))).toEqual([]);
  // Closing the lessons takes the outline away.
  await page.locator('.lesson-close').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-lesson-part', /.*/);
  await expect(page.locator('#target')).not.toHaveCSS('outline-style', 'solid');
});

test('switching language mid-lesson keeps the step, and a reload restores progress', async ({ page }) => {
  const lesson = files.en.lessons.find((l) => l.id === 'target')!;
  await open(page, 'en');
  await page.locator('.lesson-card[data-lesson="target"] button').click();
  await solve(page, lesson.steps[0]);
  await expect(page.locator('#lesson-panel')).toHaveAttribute('data-passed', 'true');
  await page.locator('#lesson-next').click();
  await atStep(page, lesson, 1);
  // The header's language switch, in the middle of the lesson: the same step, in Korean.
  await page.locator('#lang-switch').selectOption('ko');
  const ko = files.ko.lessons.find((l) => l.id === 'target')!;
  await atStep(page, ko, 1);
  await expect(page.locator('#lesson-panel')).toHaveAttribute('lang', 'ko');
  await solve(page, ko.steps[1]);
  await expect(page.locator('#lesson-panel')).toHaveAttribute('data-passed', 'true');
  await page.reload();
  // The step shown and its state come back with the draft; the passed steps with the
  // lessons' progress.
  await atStep(page, ko, 1);
  await expect(page.locator('#lesson-panel')).toHaveAttribute('data-passed', 'true');
  await page.locator('#lesson-list').click();
  await expect(page.locator('.lesson-card[data-lesson="target"] .lesson-card-progress'))
    .toHaveText('3단계 중 2단계 완료');
});

test('a shared lesson-step link opens at that step, in a page and in an embed', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const lesson = files.en.lessons.find((l) => l.id === 'args')!;
  await open(page, 'en');
  await page.locator('.lesson-card[data-lesson="args"] button').click();
  await solve(page, lesson.steps[0]);
  await page.locator('#lesson-next').click();
  await atStep(page, lesson, 1);
  await page.locator('#lesson-copy-link').click();
  const link: string = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#v1\./);
  const other = await context.newPage();
  await other.goto(link);
  await atStep(other, lesson, 1);
  await expect(other.locator('#dockerfile')).toHaveValue(text(lesson.steps[1].start.dockerfile));
  // The same step embedded, with the lesson pane.
  const embed = link.replace('/#', '/?embed&view=lesson,editor,graph#');
  await other.goto(embed);
  await atStep(other, lesson, 1);
  await expect(other.locator('.embed-pane-lesson')).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds nothing in the lesson list and a step with its hint (${theme})`, async ({ page }) => {
    const axe = async () => {
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .include('#lesson-panel').analyze();
      return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    };
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/?lang=ko');
    await page.locator('#lessons-button').click();
    await expect(page.locator('.lesson-card')).toHaveCount(5);
    expect(await axe()).toEqual([]);
    await page.locator('.lesson-card[data-lesson="args"] button').click();
    await page.locator('#dockerfile').fill('FROM alpine\n');
    await settled(page);
    await expect(page.locator('.lesson-hint')).toBeVisible();
    expect(await axe()).toEqual([]);
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the lesson panel and the editor are both usable', async ({ page }) => {
    await open(page, 'ko');
    await page.locator('.lesson-card[data-lesson="one-vs-two"] button').click();
    const panel = page.locator('#lesson-panel');
    await expect(panel).toBeVisible();
    await settled(page);
    const box = (await panel.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    await expect(page.locator('#dockerfile')).toBeVisible();
    await expect(page.locator('#lesson-next')).toBeVisible();
    const noOverflow = await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
    expect(noOverflow).toBe(true);
  });
});

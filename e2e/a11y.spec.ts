// Accessibility: axe-core finds no violation on any tab, dialog or embed, in the light and
// the dark theme, in English and in Korean; and the keyboard paths: dialogs keep and return the focus and close on
// Escape, the editor says how to leave it, the builder switch follows the arrow keys.
import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { bigDockerfile, settled } from './page';

const VIEWS = ['graph', 'plan', 'files', 'problems', 'steps'];
const INPUTS = ['dockerfile', 'context', 'dockerignore', 'buildargs'];

/** The violations axe reports on the page, as "rule: target" lines (empty when clean). */
async function violations(page: Page, include?: string): Promise<string[]> {
  // With the experimental rules: label-content-name-mismatch (a control's accessible name
  // must contain its visible text) is one of them.
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice', 'experimental']);
  if (include) axe = axe.include(include);
  const { violations } = await axe.analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`));
}

/** Opens every output view and input tab in turn; axe must find nothing on any of them. */
async function expectEveryTabClean(page: Page) {
    for (const v of VIEWS) {
      await page.locator(`#view-${v}`).click();
      await expect(page.locator(`#view-${v}`)).toHaveAttribute('aria-selected', 'true');
      expect(await violations(page), `view ${v}`).toEqual([]);
    }
    for (const t of INPUTS) {
      await page.locator(`#tab-${t}`).click();
      expect(await violations(page), `input ${t}`).toEqual([]);
    }
}

async function open(page: Page, theme: 'light' | 'dark', path = '/') {
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(path);
  await expect(page.locator('svg.stage-graph [data-stage]').first()).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.clear());
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds nothing on every output view and input tab (${theme})`, async ({ page }) => {
    test.slow();
    await open(page, theme);
    await expectEveryTabClean(page);
  });

  test(`axe finds nothing on every output view and input tab in Korean, with the lesson panel open (${theme})`, async ({ page }) => {
    test.slow();
    await open(page, theme, '/?lang=ko');
    // The Korean messages arrive on demand: <html lang> follows the language shown.
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await page.locator('#lessons-button').click();
    await page.locator('.lesson-open').first().click();
    await expect(page.locator('.lesson-step-title')).toBeVisible();
    // The step's own text replaced the example's: its analysis in the views first.
    await settled(page);
    await expectEveryTabClean(page);
  });

  test(`axe finds nothing on every example's graph and on a 59-stage graph (${theme})`, async ({ page }) => {
    test.slow();
    await open(page, theme);
    const ids = await page.evaluate(async () => {
      (document.querySelector('#examples-button') as HTMLElement).click();
      await new Promise((r) => setTimeout(r, 100));
      return [...document.querySelectorAll('[data-example]')].map((e) => e.getAttribute('data-example'));
    });
    await page.keyboard.press('Escape');
    for (const id of ids) {
      await page.locator('#examples-button').click();
      await page.locator(`[data-example="${id}"]`).click();
      await expect(page.locator('.gallery')).toHaveCount(0);
      // This example's analysis shown, not the one before it.
      await settled(page);
      expect(await violations(page, '.output-pane'), `example ${id}`).toEqual([]);
    }
    await page.locator('#dockerfile').fill(bigDockerfile());
    await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(59);
    await settled(page);
    expect(await violations(page), 'big graph').toEqual([]);
  });

  test(`axe finds nothing in the Examples, Drafts, Share, Embed and Export dialogs (${theme})`, async ({ page }) => {
    // Five scans of the whole page: slow on a busy machine.
    test.slow();
    await open(page, theme);
    for (const [button, dialog] of [
      ['#examples-button', '.gallery'],
      ['#drafts-button', '#drafts-dialog'],
      ['#share-button', '.share-popover'],
      ['#embed-button', '.share-popover'],
      ['#export-button', '.share-popover'],
    ]) {
      await page.locator(button).click();
      await expect(page.locator(dialog)).toBeVisible();
      expect(await violations(page), button).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.locator(dialog)).toHaveCount(0);
    }
  });

  test(`axe finds nothing on an embed of every view (${theme})`, async ({ page }) => {
    await open(page, theme, `/?embed&view=editor,graph,plan,files,problems,steps&theme=${theme}`);
    await expect(page.locator('.app.embed')).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

for (const [name, button, dialog] of [
  ['Examples', '#examples-button', '.gallery'],
  ['Drafts', '#drafts-button', '#drafts-dialog'],
  ['Share', '#share-button', '.share-popover'],
  ['Embed', '#embed-button', '.share-popover'],
  ['Export', '#export-button', '.share-popover'],
] as const) {
  test(`the ${name} dialog takes the focus, keeps Tab inside, closes on Escape from anywhere and gives the focus back`, async ({ page }) => {
    await open(page, 'light');
    await page.locator(button).click();
    const box = page.locator(dialog);
    await expect(box).toBeVisible();
    const inside = () => box.evaluate((d) => d.contains(document.activeElement));
    await expect.poll(inside).toBe(true);
    // Tab forwards and backwards many times: the focus never leaves.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(await inside(), `Tab ${i}`).toBe(true);
    }
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await inside(), `Shift+Tab ${i}`).toBe(true);
    }
    // Escape with the focus outside the dialog (on the page's body) still closes it.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await expect(box).toHaveCount(0);
    await expect(page.locator(button)).toBeFocused();
  });
}

test('Tab in the editor indents; the hint says how to leave, and Escape then Tab leaves', async ({ page }) => {
  await open(page, 'light');
  const editor = page.locator('#dockerfile');
  await editor.fill('FROM alpine\n');
  await editor.press('End');
  const hint = page.locator('#editor-keys');
  await expect(hint).toHaveCSS('opacity', '1');
  await expect(hint).toContainText('Esc then Tab leaves the editor');
  await expect(editor).toHaveAttribute('aria-describedby', /editor-keys/);
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(/FROM alpine\n {4}$/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  await expect(hint).toHaveCSS('opacity', '0');
});

test('the BuildKit/Legacy switch is a radio group: one Tab stop, arrow keys move the choice', async ({ page }) => {
  await open(page, 'light');
  const buildkit = page.locator('[data-builder="buildkit"]');
  const legacy = page.locator('[data-builder="legacy"]');
  await expect(buildkit).toHaveAttribute('tabindex', '0');
  await expect(legacy).toHaveAttribute('tabindex', '-1');
  await buildkit.focus();
  await page.keyboard.press('ArrowRight');
  await expect(legacy).toHaveAttribute('aria-checked', 'true');
  await expect(legacy).toBeFocused();
  await expect(legacy).toHaveAttribute('tabindex', '0');
  await expect(page.locator('#view-plan')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(buildkit).toHaveAttribute('aria-checked', 'true');
  await expect(buildkit).toBeFocused();
  // Tab leaves the group at once (the other radio is not a Tab stop).
  await page.keyboard.press('Tab');
  await expect(legacy).not.toBeFocused();
});

/** WCAG's contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

for (const theme of ['light', 'dark'] as const) {
  test(`a skipped stage's text keeps 4.5:1 contrast on its box (${theme})`, async ({ page }) => {
    await open(page, theme);
    // Two stages, the first one the target: the second is skipped.
    await page.locator('#dockerfile').fill('FROM alpine AS build\nRUN true\nFROM alpine AS final\nRUN true\n');
    await page.locator('#target').selectOption('build');
    const skipped = page.locator('svg.stage-graph .sp-stage.sp-skipped').first();
    await expect(skipped).toBeVisible();
    await settled(page);
    // The graph's markup settled: a render after the new target may still replace the
    // group this stage is in, and a replaced element has no computed style.
    let drawn = '';
    await expect.poll(async () => {
      const now = await page.locator('svg.stage-graph').evaluate((svg) => svg.innerHTML);
      const same = now === drawn;
      drawn = now;
      return same;
    }, { intervals: [300, 300, 300] }).toBe(true);
    const colours = await skipped.evaluate((g) => {
      const fill = (sel: string) => getComputedStyle(g.querySelector(sel)!).fill;
      return { box: fill('rect'), title: fill('.sp-title'), sub: fill('.sp-sub'), meta: fill('.sp-meta'), opacity: getComputedStyle(g).opacity };
    });
    expect(colours.opacity).toBe('1');
    for (const text of [colours.title, colours.sub, colours.meta]) {
      expect(contrast(text, colours.box), `${text} on ${colours.box}`).toBeGreaterThanOrEqual(4.5);
    }
  });
}

test('the Export menu moves with the arrow keys, Home and End', async ({ page }) => {
  await open(page, 'light');
  await page.locator('#export-button').click();
  const items = page.locator('#export-menu [role="menuitem"]');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.last()).toBeFocused();
});

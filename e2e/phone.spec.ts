// A phone (390 px wide): each pane has a bounded height, so a long Dockerfile scrolls inside
// the editor and the graph stays a screen away; tab rows that overflow scroll, with a shadow
// at the edge where more tabs are.
import { test, expect } from '@playwright/test';
import { bigDockerfile, openWithoutContext } from './page';

test.use({ viewport: { width: 390, height: 844 } });

test('a long file keeps the page short: the editor and the graph each get a bounded height', async ({ page }) => {
  // moby's file is 13,941 px tall as a page when the editor grows to the whole file.
  let text = bigDockerfile();
  for (let i = 0; i < 400; i++) text += `# note ${i}\n`;
  await openWithoutContext(page, text, 59);
  const sizes = await page.evaluate(() => ({
    page: document.documentElement.scrollHeight,
    editor: document.querySelector('.editor-panel')!.getBoundingClientRect().height,
    graphTop: document.querySelector('.graph-viewport')!.getBoundingClientRect().top + scrollY,
    graph: document.querySelector('.graph-viewport')!.getBoundingClientRect().height,
  }));
  expect(sizes.editor).toBeLessThanOrEqual(844 * 0.6 + 1);
  expect(sizes.page).toBeLessThan(844 * 2.5);
  expect(sizes.graphTop).toBeLessThan(844 * 1.5);
  expect(sizes.graph).toBeGreaterThan(300);
  // The text scrolls inside the editor.
  const scroller = page.locator('.editor-scroll');
  expect(await scroller.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
  await page.screenshot({ path: 'e2e-results/phone.png', fullPage: true });
});

test('tab rows that overflow scroll and show a shadow where more tabs are; the keyboard reaches the last tab', async ({ page }) => {
  await page.goto('/');
  const tabs = page.locator('.view-tabs');
  expect(await tabs.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  const background = await tabs.evaluate((e) => getComputedStyle(e).backgroundImage);
  expect(background).toContain('radial-gradient');
  await page.locator('#view-graph').focus();
  await page.keyboard.press('End');
  await expect(page.locator('#view-steps')).toBeFocused();
  await expect(page.locator('#view-steps')).toBeInViewport({ ratio: 1 });
  expect(await tabs.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
});

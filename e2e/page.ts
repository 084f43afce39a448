// What several specs do to the page: open it on a Dockerfile with no build context, wait
// for it to settle, and export the graph in a format through the Export menu.
import { expect, Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** Opens the page in the light theme with `text` as the Dockerfile and no build context
 * (like the CLI reading only the Dockerfile; the default example has one), and waits for
 * the graph to draw `stages` stages. */
export async function openWithoutContext(page: Page, text: string, stages: number) {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await page.locator('#tab-context').click();
  await page.locator('#input-context').fill('');
  await page.locator('#tab-dockerfile').click();
  await page.locator('#dockerfile').fill(text);
  await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(stages);
  await settled(page);
}

/** Waits until the views show the analysis of the editor's text and the graph is drawn
 * whole: the page marks the views `aria-busy` while an analysis is to come, and the graph
 * while a drawing step is (src/ui/components/app.rs, graph_view.rs). `page` may be an
 * embed's frame. Before the app has mounted nothing is busy: wait for it first. An edit
 * that reaches the page's state a few tasks later (a paste past 64 KiB, read in slices; a
 * dropped file, read first) is busy only from then: wait for the text or its notice first. */
export async function settled(page: { locator(selector: string): Locator }) {
  await expect(page.locator(
    '#output-panel[aria-busy="true"], [data-pane][aria-busy="true"], svg.stage-graph[aria-busy="true"]',
  )).toHaveCount(0);
}

/** Waits for the page's own copy of the worker's module, which `worker.js` offers as
 * `stageplayHere` once the page is idle after its load (the keystrokes the page analyses in
 * their own task: e2e/key-task.spec.ts). */
export async function ownCopyLoaded(page: Page) {
  await page.waitForFunction(() => typeof (window as unknown as { stageplayHere?: unknown }).stageplayHere === 'function');
}

/** Exports through the Export menu and returns the downloaded file. */
export async function exported(page: Page, format: string): Promise<Buffer> {
  await page.locator('#export-button').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`#export-menu [data-format="${format}"]`).click(),
  ]);
  return readFileSync((await download.path())!);
}

/** A Dockerfile shaped like moby's: 59 stages with a base, tool stages and platform
 * switches, much wider than tall once laid out. */
export function bigDockerfile(tools = 14): string {
  let s = 'FROM golang:1.22 AS base\nRUN true\nFROM scratch AS binary-dummy\n';
  for (let i = 0; i < tools; i++) {
    s += `FROM base AS tool${i}-build\nRUN go build -o /build/tool${i}\n` +
      `FROM tool${i}-build AS tool${i}-linux\nFROM binary-dummy AS tool${i}-windows\n` +
      `FROM tool${i}-linux AS tool${i}\n`;
  }
  s += 'FROM base AS dev\n';
  for (let i = 0; i < tools; i++) s += `COPY --from=tool${i} /build/ /usr/local/bin/\n`;
  return s;
}

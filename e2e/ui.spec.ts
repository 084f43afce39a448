// The playground end to end in headless Chromium: editor, graph, plan, final image,
// problems, step-through, examples, themes, the saved draft, and that nothing leaves the page.
import { test, expect, Locator, Page } from '@playwright/test';
import { bigDockerfile, ownCopyLoaded, settled } from './page';

function watch(page: Page) {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:') foreign.push(r.url());
  });
  return { errors, foreign };
}

/** Replaces the editor's text as a paste would (one input event). */
async function setText(page: Page, text: string) {
  await page.locator('#dockerfile').fill(text);
}

const stageNodes = (page: Page) => page.locator('svg.stage-graph [data-stage]');

/** Opens the page on `text`, waits for its analysis to be shown, and returns the editor. */
async function editorWith(page: Page, text: string): Promise<Locator> {
  await page.goto('/');
  await setText(page, text);
  await settled(page);
  return page.locator('#dockerfile');
}

/** Focuses the editor and selects `start..end` of its value (UTF-16 offsets). */
const selectIn = (editor: Locator, start: number, end = start) =>
  editor.evaluate((t: HTMLTextAreaElement, [a, b]) => { t.focus(); t.setSelectionRange(a, b); }, [start, end]);

test.beforeEach(async ({ page }) => {
  // Every test starts without a saved draft.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('keep-draft')) localStorage.clear();
  });
});

test('the default example shows the Go graph, plan and notice, with no errors or requests', async ({ page }) => {
  const w = watch(page);
  await page.goto('/');
  await expect(stageNodes(page)).toHaveCount(2);
  await expect(page.locator('svg.stage-graph [data-image="golang:1.16"]')).toHaveCount(1);
  await expect(page.locator('svg.stage-graph [data-stage="1"]')).toHaveClass(/sp-target/);
  await expect(page.locator('.sp-edge-copy')).toHaveCount(1);
  await expect(page.locator('.notice')).toContainText('what to notice');
  await expect(page.locator('#command-line')).toHaveText('docker build -t app .');
  await page.screenshot({ path: 'e2e/output/light.png' });
  expect(w.errors).toEqual([]);
  expect(w.foreign).toEqual([]);
});

test('typing a new stage updates graph, plan, final image and problems', async ({ page }) => {
  const w = watch(page);
  await page.goto('/');
  const editor = page.locator('#dockerfile');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nFROM scratch AS final\nCOPY --from=1 /root/app /app\nRUN $UNDEFINED_THING\n');
  await expect(stageNodes(page)).toHaveCount(3);
  await expect(page.locator('svg.stage-graph [data-stage="2"]')).toHaveClass(/sp-target/);
  await expect(page.locator('#target option').first()).toContainText('final');

  await page.locator('#view-plan').click();
  await expect(page.locator('.waves')).toContainText('final');
  await expect(page.locator('.plan-summary')).toContainText('3 of 3');

  await page.locator('#view-files').click();
  await expect(page.locator('.image-view h3').nth(1)).toContainText('final');

  await page.locator('#dockerfile').fill('FROM alpine\nBOGUS thing\n');
  await page.locator('#view-problems').click();
  await expect(page.locator('.problem.sev-error')).toContainText('line 2');
  await expect(page.locator('.gutter .ln-err')).toHaveText('2');
  expect(w.errors).toEqual([]);
});

test('picking a target in the select and by clicking a node', async ({ page }) => {
  await page.goto('/');
  await page.locator('#examples-button').click();
  await page.locator('[data-example="target-test"]').click();
  await expect(page.locator('#target')).toHaveValue('test');
  await expect(page.locator('svg.stage-graph [data-stage="3"]')).toHaveClass(/sp-skipped/);

  await page.locator('#target').selectOption('app');
  await expect(page.locator('svg.stage-graph [data-stage="3"]')).toHaveClass(/sp-target/);
  await expect(page.locator('svg.stage-graph [data-stage="1"]')).toHaveClass(/sp-skipped/);
  await expect(page.locator('#command-line')).toHaveText('docker build --target app -t app .');

  // Click the `build` node: it becomes the target and the editor shows its FROM line.
  await page.locator('svg.stage-graph [data-stage="2"]').click();
  await expect(page.locator('#target')).toHaveValue('build');
  await expect(page.locator('svg.stage-graph [data-stage="2"]')).toHaveClass(/sp-target/);
  const caret = await page.locator('#dockerfile').evaluate((el: HTMLTextAreaElement) => el.selectionStart);
  const text = await page.locator('#dockerfile').inputValue();
  expect(text.slice(caret).startsWith('FROM base AS build')).toBe(true);

  // Keyboard: focus a node and press Enter.
  await page.locator('svg.stage-graph [data-stage="0"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#target')).toHaveValue('base');
});

test('switching the builder changes the skipped stages', async ({ page }) => {
  await page.goto('/');
  await page.locator('#examples-button').click();
  await page.locator('[data-example="distroless-scratch"]').click();
  await page.locator('#view-plan').click();
  await expect(page.locator('.skipped')).toContainText('minimal');
  await expect(page.locator('#builder-diff')).toContainText('Legacy builds 1 more stage: minimal.');
  await page.locator('[data-builder="legacy"]').click();
  await expect(page.locator('.skipped')).toHaveCount(0);
  await expect(page.locator('.plan-summary')).toContainText('one after another');
  await expect(page.locator('#command-line')).toContainText('DOCKER_BUILDKIT=0');
  await page.locator('#view-graph').click();
  await expect(page.locator('svg.stage-graph [data-stage="1"]')).toHaveClass(/sp-built/);
});

test('a failing build: the plan says where and why, the final image that there is none', async ({ page }) => {
  await page.goto('/');
  // BuildKit resolves every COPY --from before building: the variable fails the build at
  // line 4 although stage `b` is not built for the target `a`.
  await setText(page, 'ARG S=a\nFROM alpine AS a\nRUN true\nFROM alpine AS b\nCOPY --from=$S /x /y\n');
  await expect(stageNodes(page)).toHaveCount(2);
  await page.locator('#target').selectOption('a');
  await expect(page.locator('svg.stage-graph [data-stage="1"]')).toHaveClass(/sp-failed/);
  await page.locator('#view-plan').click();
  const failure = page.locator('#plan-failure');
  await expect(failure).toContainText('BuildKit fails at line 5, in stage b.');
  await expect(failure).toContainText('CopyFromVariable');
  await expect(failure).toContainText('although the stage is not built');
  await expect(page.locator('.skipped .chip-failed')).toHaveText(/^bfails$/i);
  await page.screenshot({ path: 'test-results/plan-failure.png' });
  // "Show line 5" puts the caret on the failing line.
  await failure.getByRole('button', { name: 'Show line 5' }).click();
  const caret = await page.locator('#dockerfile').evaluate((el: HTMLTextAreaElement) => el.selectionStart);
  const text = await page.locator('#dockerfile').inputValue();
  expect(text.slice(0, caret).split('\n').length).toBe(5);
  await page.locator('#view-files').click();
  await expect(page.locator('#image-failure')).toContainText('No image: the build fails at line 5.');
  await expect(page.locator('[role="tree"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/image-failure.png' });
  // The legacy builder stops after `a`: it never reads the COPY.
  await page.locator('[data-builder="legacy"]').click();
  await expect(page.locator('#image-failure')).toHaveCount(0);
  await page.locator('#view-plan').click();
  await expect(page.locator('#plan-failure')).toHaveCount(0);
  await expect(page.locator('#builder-diff')).toContainText('BuildKit would fail at line 5.');
});

test('the legacy builder fails on BuildKit-only syntax and says it needs BuildKit', async ({ page }) => {
  await page.goto('/');
  await setText(page, 'FROM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache go build -o /app .\nFROM alpine:3.20\nCOPY --link --from=build /app /app\n');
  await expect(stageNodes(page)).toHaveCount(2);
  // The default example has two stages and no failure too: the new text's analysis first.
  await settled(page);
  await page.locator('#view-plan').click();
  await expect(page.locator('#plan-failure')).toHaveCount(0);
  await page.locator('[data-builder="legacy"]').click();
  const failure = page.locator('#plan-failure');
  await expect(failure).toContainText('The legacy builder fails at line 2, in stage build.');
  await expect(failure).toContainText('the --mount option requires BuildKit');
  await expect(page.locator('#builder-diff')).toContainText('BuildKit would not fail.');
  await page.screenshot({ path: 'test-results/legacy-failure.png' });
  await page.locator('#view-problems').click();
  await expect(page.locator('#output-panel')).toContainText('RequiresBuildKit');
  await expect(page.locator('#output-panel')).toContainText('the legacy builder ignores --link');
});

test('clicking a problem moves the editor caret to its span', async ({ page }) => {
  await page.goto('/');
  const text = 'FROM alpine AS one\nRUN true\nFROM one\nBOGUS x\n';
  await setText(page, text);
  await page.locator('#view-problems').click();
  await page.locator('.problem.sev-error .problem-main').click();
  const caret = await page.locator('#dockerfile').evaluate((el: HTMLTextAreaElement) => el.selectionStart);
  expect(caret).toBe(text.indexOf('BOGUS'));
  await expect(page.locator('.reveal-band')).toHaveCount(1);
  // Each rule explains itself with a bad and a good example.
  await page.locator('.problem.sev-error .explain').click();
  await expect(page.locator('.rule-doc pre.bad')).toHaveCount(1);
  await expect(page.locator('.rule-doc pre.good')).toHaveCount(1);
});

test('a # check= line hides the rules it skips and the Problems panel says so', async ({ page }) => {
  await page.goto('/');
  await setText(page, '# check=skip=FromAsCasing\nFROM alpine as one\nWORKDIR app\n');
  await page.locator('#view-problems').click();
  await expect(page.locator('.checks-summary')).toContainText('1 rule skipped (FromAsCasing)');
  await expect(page.locator('.checks-summary')).toContainText('on line 1');
  await expect(page.locator('.problem .rule')).toHaveText(['WorkdirRelativePath']);
  // error=true turns the reported check into a failed build, on the directive's line.
  await setText(page, '# check=skip=FromAsCasing;error=true\nFROM alpine as one\nWORKDIR app\n');
  await expect(page.locator('.problem.sev-error')).toContainText('lint violation found for rules: WorkdirRelativePath');
  await expect(page.locator('.problem.sev-error')).toContainText('line 1');
});

test('the draft survives a reload', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => sessionStorage.setItem('keep-draft', '1'));
  await setText(page, 'FROM node:20 AS web\nRUN npm ci\nFROM nginx\nCOPY --from=web /app /usr/share/nginx/html\n');
  await page.locator('[data-builder="legacy"]').click();
  await page.reload();
  await expect(page.locator('#dockerfile')).toHaveValue(/FROM node:20 AS web/);
  await expect(page.locator('[data-builder="legacy"]')).toHaveAttribute('aria-checked', 'true');
  await expect(stageNodes(page)).toHaveCount(2);
});

test('an edit followed at once by a reload is not lost (the idle-time save is flushed on pagehide)', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => sessionStorage.setItem('keep-draft', '1'));
  await expect(stageNodes(page)).not.toHaveCount(0);
  await page.evaluate(() => {
    const ta = document.querySelector('#dockerfile') as HTMLTextAreaElement;
    ta.value = 'FROM alpine AS quick\nRUN echo saved\n';
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    location.reload();
  });
  await page.waitForLoadState('load');
  await expect(page.locator('#dockerfile')).toHaveValue(/FROM alpine AS quick/);
});

test('a 59-stage file like moby\'s renders a readable graph that can zoom and fit', async ({ page }) => {
  const w = watch(page);
  await page.goto('/');
  await setText(page, bigDockerfile());
  await expect(stageNodes(page)).toHaveCount(59);
  // The graph is fitted to the panel once it is drawn (a render after the one that draws it):
  // 59 stages never fit at 100%.
  await expect(page.locator('.zoom-level')).not.toHaveText('100%');
  const before = await page.locator('.zoom-level').textContent();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.locator('.zoom-level')).not.toHaveText(before ?? '');
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect(page.locator('.zoom-level')).toHaveText(before ?? '');
  expect(w.errors).toEqual([]);
});

// Only the underlay's chunks near the view (and the caret) are rendered; the others are empty
// blocks of their exact height (components/editor/underlay.rs).
for (const [kind, filler] of [['a short file', 0], ['a long file', 900]] as const) {
test(`the underlay and the graph, updated piece by piece while editing, equal a fresh render (${kind})`, async ({ page }) => {
  // A long file makes every keystroke of the test slower; give it time on a busy machine.
  if (filler) test.slow();
  const w = watch(page);
  await page.goto('/');
  let text = bigDockerfile(40);
  for (let i = 0; i < filler; i++) text += `# note ${i}\n`;
  await setText(page, text);
  await expect(stageNodes(page)).toHaveCount(163);
  const area = page.locator('#dockerfile');
  await area.focus();
  // Caret to the start of line 60: type, add and delete lines, paste, undo.
  await page.evaluate(() => {
    const ta = document.querySelector('#dockerfile') as HTMLTextAreaElement;
    const at = ta.value.split('\n').slice(0, 60).join('\n').length + 1;
    ta.setSelectionRange(at, at);
  });
  await page.keyboard.type('RUN echo typed\n# a comment\n');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('FROM alpine AS pasted\nRUN <<EOF\necho "<b>&"\nEOF\n');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nFROM pasted\nBOGUS x');
  await page.keyboard.press('Control+z');
  await page.keyboard.type('x');
  const snapshot = async () => {
    // The same caret for both renders: the graph outlines the caret's stage.
    await area.focus();
    await page.evaluate(() => (document.querySelector('#dockerfile') as HTMLTextAreaElement).setSelectionRange(0, 0));
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('svg.stage-graph .sp-cursor')).toHaveAttribute('data-stage', '0');
    // The analysis of the last edit shown and drawn whole, not one still on its way.
    await settled(page);
    return { ...await snap(), ...await scrollThrough() };
  };
  // The whole underlay, chunk by chunk, and the whole gutter, line by line, as each is
  // rendered while the editor is scrolled from top to bottom a view at a time.
  const scrollThrough = () => page.evaluate(async () => {
    const sc = document.querySelector('.editor-scroll')!;
    const seen: string[] = [];
    const numbers: string[] = [];
    for (let top = 0; ; top += sc.clientHeight) {
      sc.scrollTop = top;
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      document.querySelectorAll('.underlay .ul-chunk').forEach((c, i) => {
        if (c.firstChild !== null) seen[i] = c.outerHTML;
        else seen[i] ??= `never rendered: ${c.outerHTML}`;
      });
      const lns = document.querySelector('.gutter .lns') as HTMLElement;
      for (const b of [...lns.children] as HTMLElement[]) {
        const first = Math.round((b.offsetTop - lns.offsetTop) / 20);
        (b.textContent ? b.textContent.split('\n') : []).forEach((n, k) => { numbers[first + k] = `${b.className} ${n}`; });
      }
      if (top + sc.clientHeight >= sc.scrollHeight) break;
    }
    return { underlay: seen.join('\n'), gutter: [...numbers].map((n) => n ?? 'never numbered').join('\n') };
  });
  const snap = () => page.evaluate(() => {
    const ta = document.querySelector('#dockerfile') as HTMLTextAreaElement;
    const chunks = [...document.querySelectorAll('.underlay .ul-chunk')] as HTMLElement[];
    const value = ta.value.split('\n');
    // A chunk's lines, by its height (20 px a line); a rendered chunk has its one span.
    const sizes = chunks.map((c) => Math.round(c.getBoundingClientRect().height / 20));
    const starts = sizes.map((_, i) => sizes.slice(0, i).reduce((n, d) => n + d, 0));
    const rendered = chunks.map((c, i) => ({ c, i })).filter(({ c }) => c.firstChild !== null);
    return {
      value: ta.value,
      underlay: document.querySelector('.underlay')!.innerHTML,
      graph: document.querySelector('.graph-canvas')!.innerHTML,
      covered: sizes.reduce((n, d) => n + d, 0) === value.length,
      renderedLines: rendered.reduce((n, { i }) => n + sizes[i], 0),
      // Every rendered chunk holds exactly the lines of the text at its place.
      inPlace: rendered.every(({ c, i }) => c.textContent === value.slice(starts[i], starts[i] + sizes[i]).join('\n')),
      // Each chunk starts exactly where its first line belongs.
      placed: chunks.every((c, i) => c.offsetTop - chunks[0].offsetTop === 20 * starts[i]),
      // The lines in view are rendered.
      inView: (() => {
        const sc = document.querySelector('.editor-scroll')!;
        const top = sc.scrollTop, bottom = top + sc.clientHeight;
        return chunks.every((c, i) => c.firstChild !== null ||
          c.offsetTop + c.offsetHeight <= top || c.offsetTop >= bottom);
      })(),
    };
  });
  const edited = await snapshot();
  expect(edited.value).toContain('FROM alpine AS pasted');
  expect(edited.graph).toContain('<title>pasted — ');
  expect(edited.value).toContain('RUN echo typed');
  // Every line of the text has its place in the underlay, and the rendered ones are right.
  expect(edited.covered).toBe(true);
  expect(edited.inPlace).toBe(true);
  expect(edited.placed).toBe(true);
  expect(edited.inView).toBe(true);
  expect(edited.renderedLines).toBeGreaterThan(30);
  // A long file is not rendered whole.
  if (filler) expect(edited.renderedLines).toBeLessThan(edited.value.split('\n').length / 2);
  // Scrolled to the end, the end is rendered (in the frame after the scroll event).
  await page.evaluate(() => new Promise<void>((done) => {
    const sc = document.querySelector('.editor-scroll')!;
    sc.scrollTop = sc.scrollHeight;
    requestAnimationFrame(() => setTimeout(done, 0));
  }));
  const scrolled = await snap();
  expect(scrolled.inView).toBe(true);
  expect(scrolled.inPlace).toBe(true);
  // A fresh render of the same text (from a different one, so no chunk is reused) is identical.
  await setText(page, 'FROM scratch\n');
  await expect(stageNodes(page)).toHaveCount(1);
  await setText(page, edited.value);
  const fresh = await snapshot();
  // Compared by their first difference, so a failure prints a short excerpt.
  const firstDiff = (a: string, b: string) => {
    if (a === b) return '';
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `at ${i}: ${a.slice(Math.max(0, i - 80), i + 80)} | ${b.slice(Math.max(0, i - 80), i + 80)}`;
  };
  expect(edited.underlay).not.toContain('never rendered');
  expect(edited.gutter).not.toContain('never numbered');
  expect(edited.gutter.split('\n').length).toBe(edited.value.split('\n').length);
  expect(edited.gutter.split('\n').every((n, i) => n.endsWith(` ${i + 1}`))).toBe(true);
  expect(firstDiff(fresh.underlay, edited.underlay)).toBe('');
  expect(firstDiff(fresh.gutter, edited.gutter)).toBe('');
  expect(firstDiff(fresh.graph, edited.graph)).toBe('');
  expect(w.errors).toEqual([]);
});
}

test('a Dockerfile dropped from the file manager replaces the text; a huge one is refused', async ({ page }) => {
  const { errors, foreign } = watch(page);
  await page.goto('/');
  await expect(stageNodes(page)).toHaveCount(2);
  /** Drags a file of `text` over the editor and drops it; returns whether the page let the
   *  drop happen (dragover cancelled) and took it (drop cancelled). */
  const drop = (text: string, name = 'Dockerfile') => page.evaluate(([t, n]) => {
    const data = new DataTransfer();
    data.items.add(new File([t], n, { type: 'text/plain' }));
    const ta = document.querySelector('#dockerfile')!;
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true });
    const dropped = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
    return [!ta.dispatchEvent(over), !ta.dispatchEvent(dropped)];
  }, [text, name]);
  const file = 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM build AS test\nFROM scratch\nCOPY --from=build /app /app\n';
  expect(await drop(file)).toEqual([true, true]);
  await expect(page.locator('#dockerfile')).toHaveValue(file);
  await expect(stageNodes(page)).toHaveCount(3);
  // Larger than the largest input the page takes (10 MB, docs/reliability.md): refused with a message, the text unchanged.
  expect(await drop('#'.repeat(10_000_001))).toEqual([true, true]);
  await expect(page.locator('.toast')).toContainText('Stageplay reads Dockerfiles of up to 10 MB');
  await expect(page.locator('#dockerfile')).toHaveValue(file);
  // A file too large to edit is previewed read-only, like a paste of it.
  expect(await drop('FROM alpine AS big\n' + 'RUN echo x\n'.repeat(6_000))).toEqual([true, true]);
  await expect(page.locator('.large-note')).toContainText('6001 lines');
  await expect(page.locator('svg.stage-graph')).toContainText('big');
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});

test('user text with <script> and <img onerror> is shown as text', async ({ page }) => {
  const w = watch(page);
  await page.goto('/');
  const evil = 'FROM alpine AS a\nFROM <script>alert(1)</script> AS b\n' +
    'COPY --from="<img src=x onerror=alert(1)>" /x /y\nRUN echo "<img src=x onerror=alert(2)>"\n';
  await setText(page, evil);
  // Each view shows the hostile text, not the default example still on screen.
  await settled(page);
  for (const view of ['graph', 'plan', 'files', 'problems', 'steps']) {
    await page.locator(`#view-${view}`).click();
    await expect(page.locator('#output-panel')).toBeVisible();
  }
  expect(await page.locator('.app img, .app script').count()).toBe(0);
  await expect(page.locator('.underlay')).toContainText('<script>alert(1)</script>');
  await page.locator('#view-graph').click();
  await expect(page.locator('svg.stage-graph')).toContainText('<script>alert(1)</script>');
  await expect(page.locator('svg.stage-graph')).toContainText('"<img');
  expect(w.errors).toEqual([]);
});

test('step through plays, pauses, steps and scrubs', async ({ page }) => {
  await page.goto('/');
  await page.locator('#view-steps').click();
  await expect(page.locator('.step-count')).toHaveText('Step 1 of 10');
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.locator('.step-count')).toHaveText('Step 2 of 10');
  await expect(page.locator('.step-inst')).toContainText('WORKDIR');
  await page.locator('.scrub').fill('8');
  await expect(page.locator('.step-count')).toHaveText('Step 9 of 10');
  await expect(page.locator('.step-head .chip')).toHaveText('stage-1');
  await page.locator('#play').click();
  await expect(page.locator('.step-count')).toHaveText('Step 10 of 10', { timeout: 4000 });
  await expect(page.locator('#play')).toContainText('Play');
});

test('the editor: Tab indents, hover explains, the caret highlights its stage', async ({ page }) => {
  await page.goto('/');
  await setText(page, 'FROM alpine AS one\nRUN true\n\nFROM one AS two\nCOPY --from=one /a /b\n');
  const editor = page.locator('#dockerfile');
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Tab');
  await expect(editor).toHaveValue(/\n {4}$/);
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(/b\n$/);
  // The caret on line 5 is in stage `two`: its node is highlighted.
  await expect(page.locator('svg.stage-graph [data-stage="1"]')).toHaveClass(/sp-cursor/);
  await page.keyboard.press('Control+Home');
  await expect(page.locator('svg.stage-graph [data-stage="0"]')).toHaveClass(/sp-cursor/);
  // Hover over `--from` on line 5 (Escape first closes the caret's card).
  await page.keyboard.press('Escape');
  // The hover reads the hint from the analysis shown: the new text's, not the default's.
  await settled(page);
  const box = await editor.boundingBox();
  const cw = await page.locator('.measure').evaluate((el) => el.getBoundingClientRect().width / 100);
  await page.mouse.move(box!.x + 10 + cw * 7.5, box!.y + 10 + 20 * 4 + 10);
  await expect(page.locator('.hint-card')).toContainText('COPY --from');
  await expect(page.locator('.hint-card a')).toHaveAttribute('href', /docs\.docker\.com\/reference\/dockerfile\/#copy---from/);
});


test('a key draws every line after the caret as its own analysis will, before that analysis arrives', async ({ page }) => {
  await page.goto('/');
  const lines = ['FROM golang:1.22 AS build', 'RUN go build -o /app .', '', '# the image'];
  for (let i = 0; i < 12; i++) lines.push(`FROM alpine AS s${i}`, `COPY --from=build /app /app${i}`, 'ENV A=$UNDEFINED');
  await setText(page, lines.join('\n') + '\n');
  await settled(page);
  // The key's analysis from the worker, as for a text whose last analysis was slow: the
  // page's own copy of the module (e2e/key-task.spec.ts) taken away once it is there.
  await ownCopyLoaded(page);
  await page.evaluate(() => { delete (window as unknown as { stageplayHere?: unknown }).stageplayHere; });
  // The underlay as the key's own task leaves it (the worker cannot have answered yet),
  // then once the key's analysis is shown.
  await page.evaluate(() => {
    const w = window as unknown as { keyUnderlay?: string };
    document.querySelector('#dockerfile')!.addEventListener('input', () => queueMicrotask(() => queueMicrotask(() => {
      w.keyUnderlay = document.querySelector('.underlay')!.innerHTML;
    })));
  });
  const editor = page.locator('#dockerfile');
  await editor.focus();
  await page.keyboard.press('Control+Home');
  // Into the image name `golang`: a letter that changes no class.
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('x');
  await expect(editor).toHaveValue(/^FROM goxlang/);
  await settled(page);
  const [during, after] = await page.evaluate(() => [
    (window as unknown as { keyUnderlay: string }).keyUnderlay,
    document.querySelector('.underlay')!.innerHTML,
  ]);
  // Drawn with the analysis of the text before the key as it was, `ARG`, `FROM`, `AS` and
  // the stage names below would each be a character off for that frame.
  expect(during).toContain('<span class="t-kw">FROM</span> <span class="t-img">alpine</span>');
  expect(during).toBe(after);
});

test('Tab over selected lines indents them instead of replacing them; Shift+Tab outdents; each is one Ctrl+Z', async ({ page }) => {
  // As in VS Code, Monaco and CodeMirror. Before, Tab typed four spaces over the selection:
  // the selected lines were gone until Ctrl+Z.
  const text = 'FROM alpine AS one\nRUN a \\\n    && b\n\nRUN c\n';
  const editor = await editorWith(page, text);
  const select = (a: number, b: number) => selectIn(editor, a, b);
  const selected = () => editor.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
  // From inside line 2 to inside line 5.
  await select(text.indexOf('a \\'), text.indexOf('c\n'));
  await page.keyboard.press('Tab');
  const indented = 'FROM alpine AS one\n    RUN a \\\n        && b\n\n    RUN c\n';
  await expect(editor).toHaveValue(indented);
  expect(await selected()).toBe('    RUN a \\\n        && b\n\n    RUN c');
  await expect(editor).toBeFocused();
  // The analysis follows (the file still parses: the continuation keeps its stage's RUN).
  await settled(page);
  await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(1);
  // Shift+Tab takes one level off each selected line.
  await page.keyboard.press('Shift+Tab');
  await expect(editor).toHaveValue(text);
  await expect(editor).toBeFocused();
  // Shift+Tab at a caret in an indented line takes its indent off, the caret staying on `&&`.
  const at = text.indexOf('&& b');
  await select(at, at);
  await page.keyboard.press('Shift+Tab');
  await expect(editor).toHaveValue('FROM alpine AS one\nRUN a \\\n&& b\n\nRUN c\n');
  expect(await editor.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionStart + 4))).toBe('&& b');
  // Each was one step of the undo history.
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(text);
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(indented);
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(text);
  // Within one line, Tab still types four spaces over the selection.
  await select(text.indexOf('one'), text.indexOf('one') + 3);
  await page.keyboard.press('Tab');
  await expect(editor).toHaveValue(text.replace('one', '    '));
  // Escape, then Tab and Shift+Tab leave the editor.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(editor).not.toBeFocused();
});

test('Ctrl+/ comments the selected lines out and back in, each as one Ctrl+Z, and the analysis follows', async ({ page }) => {
  const text = 'FROM alpine AS one\nRUN a \\\n    && b\n\nFROM one AS two\n';
  const editor = await editorWith(page, text);
  await expect(stageNodes(page)).toHaveCount(2);
  // The second stage's FROM line: commented out, the graph loses the stage.
  const at = text.indexOf('FROM one');
  await selectIn(editor, at + 2);
  await page.keyboard.press('Control+/');
  const commented = text.replace('FROM one', '# FROM one');
  await expect(editor).toHaveValue(commented);
  await settled(page);
  await expect(stageNodes(page)).toHaveCount(1);
  // Lines 2 and 3, at their smallest indent; then back.
  await selectIn(editor, text.indexOf('RUN a'), text.indexOf('b\n'));
  await page.keyboard.press('Control+/');
  await expect(editor).toHaveValue(commented.replace('RUN a', '# RUN a').replace('    && b', '#     && b'));
  await page.keyboard.press('Control+/');
  await expect(editor).toHaveValue(commented);
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(commented.replace('RUN a', '# RUN a').replace('    && b', '#     && b'));
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(commented);
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(text);
  await settled(page);
  await expect(stageNodes(page)).toHaveCount(2);
});

test('Enter keeps the line\'s indent, as one Ctrl+Z; on a line with no indent it is the browser\'s own', async ({ page }) => {
  const text = 'FROM alpine\nRUN apk add a \\\n    && echo b\n';
  const editor = await editorWith(page, text);
  await selectIn(editor, text.indexOf('b\n') + 1);
  await page.keyboard.press('Enter');
  await page.keyboard.type('&& c');
  const typed = 'FROM alpine\nRUN apk add a \\\n    && echo b\n    && c\n';
  await expect(editor).toHaveValue(typed);
  // On a line with no indent, Enter is the browser's own.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(editor).toHaveValue(typed.replace('FROM alpine\n', 'FROM alpine\n\n'));
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(typed);
  // Undo the typed `&& c` (Chromium groups typing in steps of its own), then the line
  // break with its indent goes in one step.
  const afterEnter = text.replace('b\n', 'b\n    \n');
  for (let i = 0; i < 6 && (await editor.inputValue()) !== afterEnter; i++) {
    await page.keyboard.press('Control+z');
  }
  await expect(editor).toHaveValue(afterEnter);
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(text);
  await settled(page);
  await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(1);
});
test('hover finds the word under the pointer on a line indented with a tab, and the card lines up', async ({ page }) => {
  // A tab is drawn four cells wide (tab-size: 4): the pointer's cell is counted as drawn.
  await page.goto('/');
  await setText(page, 'FROM alpine AS one\nFROM one\n\tCOPY --from=one /a /b\n');
  await settled(page);
  const editor = page.locator('#dockerfile');
  const box = await editor.boundingBox();
  const cw = await page.locator('.measure').evaluate((el) => el.getBoundingClientRect().width / 100);
  // Cell 5 of line 3 is the `O` of COPY (the tab covers cells 0 to 3).
  await page.mouse.move(box!.x + 10 + cw * 5.5, box!.y + 10 + 20 * 2 + 10);
  const card = page.locator('.hint-card');
  await expect(card.locator('strong')).toHaveText('COPY');
  // The card starts under the keyword: at cell 4, not at cell 1 as if the tab were narrow.
  const left = await card.evaluate((el) => el.getBoundingClientRect().left);
  expect(Math.abs(left - (box!.x + 10 + cw * 4))).toBeLessThan(2);
});

test('text dragged within the editor moves once; the analysis, the underlay and the draft follow, and Ctrl+Z takes it back', async ({ page }) => {
  // A drag inside the textarea is the browser's own edit (a deletion and an insertion, two
  // input events); the editor's drop handler leaves dropped text to the textarea
  // (src/ui/components/editor_pane.rs). Nothing may be lost, doubled or left unanalysed.
  const w = watch(page);
  const before = 'FROM alpine AS one\nRUN echo one\n\nFROM busybox AS two\nCOPY --from=one /a /b\n';
  const editor = await editorWith(page, before);
  const titles = () => page.locator('svg.stage-graph .sp-title').evaluateAll((ns) => ns.map((n) => n.textContent));
  expect(await titles()).toEqual(['one', 'two', 'alpine', 'busybox']);
  const box = (await editor.boundingBox())!;
  const cw = await page.locator('.measure').evaluate((el) => el.getBoundingClientRect().width / 100);
  // Select the `one` of line 2 (columns 9 to 12), press on it, and drop it at the end of
  // line 4, after `two`.
  const at = before.indexOf('echo one') + 'echo '.length;
  await selectIn(editor, at, at + 3);
  const cell = (line: number, col: number) => [box.x + 10 + col * cw, box.y + 10 + line * 20 + 10];
  const [x1, y1] = cell(1, 10.5);
  const [x2, y2] = cell(3, 25);
  await page.mouse.move(x1, y1);
  await page.mouse.down();
  await page.mouse.move(x1 + 5, y1 + 5, { steps: 3 });
  await page.mouse.move(x2, y2, { steps: 5 });
  await page.mouse.up();
  const after = 'FROM alpine AS one\nRUN echo \n\nFROM busybox AS twoone\nCOPY --from=one /a /b\n';
  await expect(editor).toHaveValue(after);
  await settled(page);
  expect(await titles()).toEqual(['one', 'twoone', 'alpine', 'busybox']);
  await expect(page.locator('pre.underlay')).toContainText('FROM busybox AS twoone');
  await expect(page.locator('pre.underlay')).not.toContainText('echo one');
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('stageplay.draft.v2') ?? 'null')?.dockerfile))
    .toBe(after);
  // The drag is one step of the textarea's undo history.
  await editor.focus();
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(before);
  await settled(page);
  expect(await titles()).toEqual(['one', 'two', 'alpine', 'busybox']);
  await expect(page.locator('pre.underlay')).toContainText('RUN echo one');
  expect(w.errors).toEqual([]);
});

test('tabs work from the keyboard', async ({ page }) => {
  await page.goto('/');
  await page.locator('#view-graph').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#view-plan')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#view-plan')).toBeFocused();
  await page.locator('#tab-dockerfile').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#tab-context')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#input-context')).toHaveValue(/app\.go/);
});

test('themes: dark by switch and by system, and a narrow phone screen', async ({ browser }) => {
  const dark = await browser.newPage({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
  await dark.goto('/');
  await expect(stageNodes(dark)).toHaveCount(2);
  const bg = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(11, 16, 32)');
  await dark.screenshot({ path: 'e2e/output/dark.png' });
  // The switch goes system → light → dark.
  await dark.locator('#theme-switch').click();
  await expect(dark.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(245, 247, 251)');
  await dark.close();

  const narrow = await browser.newPage({ viewport: { width: 360, height: 780 } });
  await narrow.goto('/');
  await expect(stageNodes(narrow)).toHaveCount(2);
  const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await narrow.screenshot({ path: 'e2e/output/narrow.png', fullPage: true });
  await narrow.close();
});

for (const scale of [2, 1.5]) {
test(`at a device pixel ratio of ${scale} the underlay's lines stay on the textarea's 20 px lines`, async ({ browser }) => {
  // The textarea draws the caret and the selection on lines exactly 20 px apart; the text
  // the user reads is the underlay's. At a ratio other than 1 Chromium rounds the bold
  // face's ascent differently from the regular one, and lines holding a bold keyword grew
  // to 21 px: by line 10 the text stood 10 px below the caret's line (static/style.css,
  // `.underlay span`).
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: scale });
  await page.goto('/');
  await expect(stageNodes(page)).toHaveCount(2);
  await settled(page);
  // Highlighted: the keywords are bold.
  await expect(page.locator('pre.underlay .t-kw')).toHaveCount(10);
  const tops = await page.evaluate(() => {
    const pre = document.querySelector('pre.underlay')!;
    const origin = (document.querySelector('#dockerfile') as HTMLElement).getBoundingClientRect().top + 10;
    // The top of each line's plain (unhighlighted) text, relative to where the textarea's
    // first line starts.
    const out: number[] = [];
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((n.parentElement as HTMLElement).className !== '') continue;
      const r = document.createRange();
      r.selectNodeContents(n);
      for (const rect of r.getClientRects()) if (rect.width > 0) out.push(rect.top - origin);
    }
    return out;
  });
  // The default example: 11 lines, 10 of them with text (the 6th is empty). Each line's
  // text stands a whole number of 20 px lines below the first line's, give or take the
  // rounding of a device pixel.
  const first = tops[0];
  const lines = tops.map((t) => (t - first) / 20);
  for (const l of lines) expect(Math.abs(l - Math.round(l)) * 20).toBeLessThanOrEqual(1);
  expect(new Set(lines.map(Math.round))).toEqual(new Set([0, 1, 2, 3, 4, 6, 7, 8, 9, 10]));
  await page.close();
});
}

test('every page the build ships loads without a failed request or a console error', async ({ browser }) => {
  // The playground, the two "How it works" pages and the embed demo (whose embeds load the
  // playground in frames). A page without an icon of its own made Chromium ask for
  // /favicon.ico, which does not exist.
  const context = await browser.newContext();
  const failed: string[] = [];
  context.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  context.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
  for (const path of ['/', '/how.html', '/how.ko.html', '/embed-demo.html']) {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(path);
    await page.waitForLoadState('load');
    if (path === '/embed-demo.html') {
      await expect(page.frameLocator('iframe').first().locator('svg.stage-graph [data-stage]').first()).toBeVisible();
    }
    // The icon request comes after the load event.
    await page.waitForTimeout(500);
    expect(errors, path).toEqual([]);
    await page.close();
  }
  expect(failed).toEqual([]);
  await context.close();
});

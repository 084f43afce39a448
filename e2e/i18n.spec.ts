// The page in Korean and English: chosen from the browser's language, switched in the header,
// kept across a reload and in a share link, asked for by an embed (data-lang), with Hangul
// stage names aligned in the editor and no English left in the main views.
import { test, expect, Page } from '@playwright/test';
import { settled } from './page';

/** Waits until the Korean messages have arrived and are shown. */
async function korean(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.locator('#examples-button')).toHaveText('예제');
}

test.describe('a browser that prefers Korean', () => {
  test.use({ locale: 'ko-KR' });

  test('opens the page in Korean, with <html lang="ko"> once the pack has arrived', async ({ page }) => {
    const packs: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('.ftl')) packs.push(new URL(r.url()).pathname); });
    await page.goto('/');
    await korean(page);
    await expect(page.locator('#view-graph')).toHaveText('그래프');
    await expect(page.locator('#lang-switch')).toHaveValue('ko');
    // The one request is the Korean pack, by a path relative to the page.
    expect(packs).toEqual(['/i18n/ko.ftl']);
  });

  test('a failed pack leaves the page in English and says so', async ({ page }) => {
    await page.route('**/i18n/ko.ftl', (r) => r.fulfill({ status: 404, body: '' }));
    await page.goto('/');
    await expect(page.locator('.lang-status[role="alert"]')).toContainText('Korean could not be loaded');
    await expect(page.locator('#examples-button')).toHaveText('Examples');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('no English is left in the main views, apart from Dockerfile words and names', async ({ page }) => {
    await page.goto('/');
    await korean(page);
    // The views hold the analysis, not their "Analysing…" placeholder.
    await settled(page);
    // Words that stay English on purpose: Docker's and BuildKit's names, instructions,
    // file and image names, the brand, keys, and what the examples' Dockerfiles say.
    const allowed = new Set([
      'stageplay', 'dockerfile', 'buildkit', 'docker', 'build', 'target', 'from', 'copy', 'run',
      'mount', 'as', 'cmd', 'workdir', 'arg', 'env', 'add', 'alpine', 'latest', 'golang', 'go',
      'app', 'sdk', 'english', 'json', 'svg', 'png', 'dot', 'mermaid', 'markdown', 'tab', 'esc',
      'ctrl', 'f', 'dockerignore', 'scratch', 'ca', 'certificates', 'apk', 'root', 'mb', 'kb',
      'b', 'gb', 'instr', 'stage', 'legacy', 'layer', 'api', 'url', 'ci', 'git', 'graphviz',
      // The default example's title, "Go: href-counter", is a program's name.
      'href', 'counter',
    ]);
    const views = ['graph', 'plan', 'files', 'problems', 'steps'];
    for (const v of views) {
      await page.locator(`#view-${v}`).click();
      // Everything visible outside the editor, the Dockerfile's own lines and code spans,
      // and the paths and instructions the Final image lists (its tree, its size bars).
      const words: string[] = await page.evaluate(() => {
        const skip = (el: Element | null) => !!el?.closest(
          '.editor, textarea, code, pre, kbd, .rule, .rule-name, .chip, .tl-stage, .problem-msg, .plan-failure-msg, .command, svg, #lang-switch, .stage-card-lines, .tree-name, .bar-label, .origin, [lang="en"]');
        const out: string[] = [];
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const el = n.parentElement;
          if (!el || skip(el) || !(el as HTMLElement).offsetParent) continue;
          out.push(...(n.textContent || '').match(/[A-Za-z]{2,}/g) || []);
        }
        return out;
      });
      const left = [...new Set(words.map((w) => w.toLowerCase()))].filter((w) => !allowed.has(w));
      expect(left, `English words in the ${v} view`).toEqual([]);
    }
  });

  test("BuildKit's expansion errors read as Docker prints them, explained in Korean with the ${...} forms intact", async ({ page }) => {
    // crates/stageplay-analysis/src/expand.rs (BadSubstitution) and the rule text in
    // static/i18n/ko.ftl, whose `${` are Fluent placeables: a wrong one shows as "$${".
    await page.goto('/');
    await korean(page);
    await page.locator('#dockerfile').fill('FROM alpine:3.20\nENV PATH=${PATH:/opt/bin\nENTRYPOINT []\n');
    await settled(page);
    await page.locator('#view-problems').click();
    // One problem: the ENV line, in BuildKit's words; ENTRYPOINT [] is no error.
    await expect(page.locator('.problem .rule')).toHaveText(['BadSubstitution']);
    await expect(page.locator('.problem.sev-error')).toContainText("syntax error: missing '}'");
    await page.locator('.problem.sev-error .explain').click();
    const doc = page.locator('.rule-doc');
    await expect(doc).toContainText('${NAME:-기본값}');
    await expect(doc).toContainText('빈 ${}("bad substitution")');
    await expect(doc).not.toContainText('$${');
    await expect(doc.locator('pre.bad')).toContainText('ENV PATH=${PATH:/opt/bin');
    await page.locator('#view-graph').click();
    await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(1);
  });

  test('Hangul typed through an input method arrives whole, once, in the editor and the analysis', async ({ page }) => {
    // The editor's textarea is not bound to the page's state (src/ui/components/editor/mod.rs):
    // each composition step is an input event the state follows, and nothing writes an older
    // text back into the textarea while a syllable is composed.
    await page.goto('/');
    await korean(page);
    await page.locator('#dockerfile').fill('FROM alpine AS base\nRUN echo \n');
    await settled(page);
    await page.locator('#dockerfile').evaluate((t: HTMLTextAreaElement) => {
      t.focus();
      const at = t.value.indexOf('echo ') + 'echo '.length;
      t.setSelectionRange(at, at);
    });
    const cdp = await page.context().newCDPSession(page);
    for (const step of ['ㅎ', '하', '한', '한ㄱ', '한그', '한글']) {
      await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
    }
    await cdp.send('Input.insertText', { text: '한글' });
    const typed = 'FROM alpine AS base\nRUN echo 한글\n';
    await expect(page.locator('#dockerfile')).toHaveValue(typed);
    await settled(page);
    // The underlay draws the same text, and the analysis is the new text's: the step's RUN line.
    await expect(page.locator('.underlay')).toHaveText(typed);
    await page.locator('#view-steps').click();
    await expect(page.locator('.tl-step').last()).toContainText('한글');
  });

  test('Hangul in a stage name keeps the caret on its character in the editor and widens its node', async ({ page }) => {
    await page.goto('/');
    await korean(page);
    const text = 'FROM golang:1.22 AS 빌드단계\nRUN go build -o /앱\nFROM alpine\nCOPY --from=빌드단계 /앱 /앱\n';
    await page.locator('#dockerfile').fill(text);
    await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(2);
    // The default example has two stages too: the node measured below is the new text's.
    await settled(page);
    // Where the textarea draws the character after the Hangul name, measured with a mirror
    // of the textarea, against where the underlay draws the same character.
    const { caret, glyph, narrow } = await page.evaluate(() => {
      const area = document.querySelector('#dockerfile') as HTMLTextAreaElement;
      const line = area.value.split('\n')[3];
      const at = line.indexOf(' /앱');
      const style = getComputedStyle(area);
      const mirror = document.createElement('span');
      // The computed `font` shorthand is empty in Chromium: copy its parts.
      mirror.style.cssText = `font-family:${style.fontFamily};font-size:${style.fontSize};` +
        `font-weight:${style.fontWeight};letter-spacing:${style.letterSpacing};` +
        'font-variant-ligatures:none;white-space:pre;position:absolute;visibility:hidden';
      mirror.textContent = line.slice(0, at);
      document.body.appendChild(mirror);
      const caret = mirror.getBoundingClientRect().width + parseFloat(style.paddingLeft) + area.getBoundingClientRect().left;
      mirror.remove();
      // The underlay's fourth line, and the same offset in its text.
      const under = document.querySelector('.underlay') as HTMLElement;
      const walker = document.createTreeWalker(under, NodeFilter.SHOW_TEXT);
      let seen = 0, glyph = -1;
      const target = area.value.split('\n').slice(0, 3).join('\n').length + 1 + at;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = (n.textContent || '').length;
        if (seen + len > target) {
          const r = document.createRange();
          r.setStart(n, target - seen);
          r.setEnd(n, target - seen + 1);
          glyph = r.getBoundingClientRect().left;
          break;
        }
        seen += len;
      }
      // Where the character would be if Hangul were as wide as Latin letters.
      mirror.textContent = 'x'.repeat(at);
      document.body.appendChild(mirror);
      const narrow = mirror.getBoundingClientRect().width + parseFloat(style.paddingLeft) + area.getBoundingClientRect().left;
      mirror.remove();
      return { caret, glyph, narrow };
    });
    expect(glyph).toBeGreaterThan(0);
    expect(Math.abs(caret - glyph)).toBeLessThan(1);
    // The check can fail: Hangul is drawn wider than Latin letters in this font.
    expect(caret - narrow).toBeGreaterThan(8);
    // The node of the Hangul-named stage is wider than the same count of Latin letters needs.
    const node = page.locator('svg.stage-graph [data-stage="0"] rect').first();
    const w = Number(await node.getAttribute('width'));
    expect(w).toBeGreaterThanOrEqual(150);
    await expect(page.locator('svg.stage-graph [data-stage="0"] .sp-title')).toHaveText('빌드단계');
  });
});

test('the switch changes the language, a reload keeps it, and a share link carries it', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.locator('#examples-button')).toHaveText('Examples');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.locator('#lang-switch').selectOption('ko');
  await korean(page);
  await page.reload();
  await korean(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator('#share-button').click();
  const link = await page.locator('#share-url').inputValue();
  // A fresh reader, with no saved choice and an English browser, opens it in Korean.
  const other = await page.context().browser()!.newPage({ locale: 'en-US' });
  await other.goto(link);
  await korean(other);
  await other.close();
  // Back to English: saved too.
  await page.keyboard.press('Escape');
  await page.locator('#lang-switch').selectOption('en');
  await expect(page.locator('#examples-button')).toHaveText('Examples');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#examples-button')).toHaveText('Examples');
});

test('an embed with data-lang="ko" speaks Korean in an English page', async ({ page }) => {
  const html = `<!doctype html><html lang="en"><body>
    <pre class="stageplay" data-lang="ko" data-view="graph,plan">FROM golang:1.22 AS build
RUN go build -o /app
FROM alpine
COPY --from=build /app /app
</pre><script src="/embed.js"></script></body></html>`;
  await page.route('**/docs-ko.html', (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await page.goto('/docs-ko.html');
  const frame = page.frameLocator('iframe.stageplay-embed');
  await expect(frame.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(frame.locator('#embed-open')).toHaveText('Stageplay에서 열기 ↗');
  await expect(frame.locator('[data-pane="plan"] .embed-pane-title')).toHaveText('빌드 계획');
  expect(await page.locator('iframe.stageplay-embed').getAttribute('src')).toContain('&lang=ko');
});

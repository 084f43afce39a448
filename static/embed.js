/*
 * Stageplay embeds for documentation pages: Dockerfile examples become live, sandboxed
 * Stageplay iframes that size themselves to their content.
 *
 * Two ways to write an example (README.md, "Embedding in documentation"):
 *
 * 1. A <pre class="stageplay"> block, with options as data- attributes:
 *
 *   <pre class="stageplay" data-target="build" data-view="editor,graph">
 *   FROM golang:1.22 AS build
 *   ...
 *   </pre>
 *   <script src="https://your.site/stageplay/embed.js" defer></script>
 *
 *   In HTML, write `<` as `&lt;` (a heredoc `RUN <<EOF` otherwise becomes an element).
 *
 * 2. An ordinary fenced Markdown block, as any static-site generator renders it
 *    (`pre > code.language-dockerfile`), whose first line opts in:
 *
 *   ```dockerfile
 *   # stageplay: target=builder view=graph,plan
 *   FROM python:3.12 AS builder
 *   ```
 *
 *   The comment line is not part of the playground's Dockerfile. Blocks without it stay code
 *   blocks. A `figure.stageplay-fallback` right after the block (a pre-rendered graph for
 *   readers without JavaScript, as `stageplay mdbook` writes) is removed with it.
 *
 * Options (data-X on a <pre class="stageplay">, X=value in the comment; all optional):
 *   target     the stage to build (`docker build --target`)
 *   view       panes to show, comma-separated: editor, graph, plan, files, problems, steps,
 *              lesson
 *              (default: editor,graph); all of them are shown, stacked
 *   builder    buildkit (default) or legacy
 *   readonly   the Dockerfile cannot be edited (data-readonly, or readonly=true)
 *   theme      light or dark (default: follow the docs page's theme, see below)
 *   height     a fixed iframe height in CSS pixels, 120 to 4000 (default: the content's)
 *   lang       the page's language (en, ko)
 *   load       click: show the code block (or the fallback figure) and a button that loads
 *              the playground, instead of loading it as the page is read
 *   lesson     a lesson step, id/N (`one-vs-two/2`), shown by the `lesson` pane
 *   context    (data-context only) the build context listing, one path a line
 * Unknown or invalid options in a comment are ignored with a console warning.
 *
 * The Stageplay page is looked up next to this script; set data-stageplay-base on the <script>
 * element (or data-base on a <pre>) to point elsewhere. A base must be an http: or https: URL
 * (or relative to the page); any other scheme (javascript:, data:, blob:, ...) is refused and
 * the block is left as it is, since a docs site may let its users write such attributes.
 *
 * API, like Mermaid's: Stageplay.run({querySelector, nodes}) turns the matching blocks into
 * playgrounds; it is safe to call again (after a single-page docs site swaps its content):
 * each processed block is marked with data-stageplay-done. It runs by itself on
 * DOMContentLoaded unless the <script> element has data-manual.
 *
 * Sizing: each embed posts {stageplay: "height", height} to this page on load and whenever
 * its content changes size; this script accepts it only from the iframe's own window
 * (event.source) and origin (the page's, or "null" when sandboxed without
 * allow-same-origin), and only a finite number, clamped to 80..10000 pixels. Without this
 * script, an iframe keeps the fixed height of the Embed button's snippet.
 *
 * Theme: unless a block fixes its theme, the embed follows the docs page: <html data-theme>
 * (light or dark), MkDocs Material's data-md-color-scheme ("slate" is dark), mdBook's theme
 * class on <html>, else the reader's prefers-color-scheme. Changes are sent to the embeds as
 * {stageplay: "theme", theme} messages, which the page checks in turn.
 *
 * The state travels in the URL fragment in the format the page reads
 * (#v1.<base64url(deflate-raw(JSON))>), so nothing is sent to any server, no user text is
 * ever written as HTML, and this script makes no request of its own. The iframe is
 * sandboxed without allow-top-navigation, so an embed can never navigate the documentation
 * page away. It gets allow-same-origin (which the page's module script and wasm need to
 * load: from an opaque origin they are cross-origin requests that a static host refuses
 * without CORS headers) only when it cannot share the documentation page's origin, or when
 * it is the Stageplay page the author chose with the <script> element: an iframe with
 * allow-scripts and allow-same-origin on the host's own origin could lift its own sandbox,
 * so a <pre data-base> pointing elsewhere on the same origin gets no allow-same-origin.
 * On the same origin the sandbox is then no boundary (the page is the site's own, like a
 * link to it); host Stageplay on another origin (a subdomain) to make it one, or, when its
 * host sends `Access-Control-Allow-Origin: *`, put data-isolate on the <script> element: no
 * embed then gets allow-same-origin. Embeds never save drafts, so they need no storage.
 */
(function () {
  'use strict';

  // An http(s) URL resolved against the page, without query or fragment; null for anything
  // else (javascript:, data:, blob:, file:, or not a URL at all).
  function httpBase(value) {
    if (typeof value !== 'string' || value.trim() === '') return null;
    var url;
    try {
      url = new URL(value.trim(), location.href);
    } catch (e) {
      return null;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.search = '';
    url.hash = '';
    return url;
  }

  var script = document.currentScript;
  var ownBase = httpBase(script && script.src ? new URL('.', script.src).href : '') ||
    httpBase(new URL('.', location.href).href);
  var chosenBase = script && script.getAttribute('data-stageplay-base');
  var scriptBase = chosenBase === null || chosenBase === undefined ? ownBase : httpBase(chosenBase);
  if (!scriptBase) {
    console.warn('Stageplay: data-stageplay-base must be an http(s) URL; using the script\'s folder');
    scriptBase = ownBase;
  }
  // data-isolate: never allow-same-origin, for a Stageplay served with
  // `Access-Control-Allow-Origin: *`, which an opaque origin can then load.
  var isolate = !!(script && script.hasAttribute('data-isolate'));
  var PANES = ['editor', 'graph', 'plan', 'files', 'problems', 'steps', 'lesson'];
  var VIEWS = ['graph', 'plan', 'files', 'problems', 'steps'];

  function utf8(text) {
    return new TextEncoder().encode(text);
  }

  // A deflate-raw stream of "stored" (uncompressed) blocks: valid for any inflater, used
  // when the browser has no CompressionStream.
  function storedDeflate(bytes) {
    var blocks = Math.max(1, Math.ceil(bytes.length / 65535));
    var out = new Uint8Array(bytes.length + blocks * 5);
    var o = 0;
    for (var b = 0; b < blocks; b++) {
      var chunk = bytes.subarray(b * 65535, (b + 1) * 65535);
      out[o++] = b === blocks - 1 ? 1 : 0;
      out[o++] = chunk.length & 0xff;
      out[o++] = chunk.length >> 8;
      out[o++] = ~chunk.length & 0xff;
      out[o++] = (~chunk.length >> 8) & 0xff;
      out.set(chunk, o);
      o += chunk.length;
    }
    return Promise.resolve(out);
  }

  function deflateRaw(bytes) {
    if (typeof CompressionStream !== 'function') return storedDeflate(bytes);
    try {
      var stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      return new Response(stream).arrayBuffer().then(function (buf) { return new Uint8Array(buf); });
    } catch (e) {
      return storedDeflate(bytes);
    }
  }

  function base64url(bytes) {
    var bin = '';
    for (var i = 0; i < bytes.length; i += 0x8000) {
      bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  // The share-link payload for a state, with default values omitted like the page does.
  function encodeState(state) {
    var json = {};
    if (state.dockerfile) json.dockerfile = state.dockerfile;
    if (state.context) json.context = state.context;
    if (state.dockerignore) json.dockerignore = state.dockerignore;
    if (state.build_args) json.build_args = state.build_args;
    if (state.target) json.target = state.target;
    if (state.builder && state.builder !== 'buildkit') json.builder = state.builder;
    if (state.view && state.view !== 'graph') json.view = state.view;
    // Only a step the page would accept: a page refuses a link with a malformed one.
    if (/^[a-z0-9-]{1,64}\/[1-9][0-9]?$/.test(state.lesson)) json.lesson = state.lesson;
    return deflateRaw(utf8(JSON.stringify(json))).then(function (packed) {
      return 'v1.' + base64url(packed);
    });
  }

  // Known pane names only, each once, so at most six; only the first 256 characters of the
  // attribute are read, since every valid list fits in them and an attribute can be megabytes.
  function panesOf(value) {
    var panes = [];
    String(value || '').slice(0, 256).split(',').forEach(function (word) {
      word = word.trim().toLowerCase();
      if (PANES.indexOf(word) >= 0 && panes.indexOf(word) < 0) panes.push(word);
    });
    return panes;
  }

  // The iframe height before the embed reports its own, and without this script: the same
  // numbers as `default_height` in src/page/embed.rs (the Embed button's snippet).
  function defaultHeight(panes) {
    if (!panes.length) panes = ['editor', 'graph'];
    var each = { editor: 312, graph: 372, plan: 260, problems: 260, files: 420, steps: 420 };
    var h = 104 + 8 * (panes.length - 1);
    panes.forEach(function (p) { h += each[p]; });
    return Math.min(h, 4000);
  }

  // ---- The opt-in comment of a Markdown code block --------------------------------------

  var OPT_IN = /^#[ \t]*stageplay:(.*)$/;
  // Each option's check; a value that fails it is ignored with a warning.
  var OPTIONS = {
    target: function (v) { return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(v); },
    view: function (v) { return v.split(',').every(function (p) { return PANES.indexOf(p) >= 0; }); },
    builder: function (v) { return v === 'buildkit' || v === 'legacy'; },
    readonly: function (v) { return v === 'true' || v === 'false'; },
    theme: function (v) { return v === 'light' || v === 'dark'; },
    height: function (v) { return /^[0-9]{3,4}$/.test(v) && +v >= 120 && +v <= 4000; },
    lang: function (v) { return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(v); },
    load: function (v) { return v === 'click' || v === 'auto'; },
    lesson: function (v) { return /^[a-z0-9-]{1,64}\/[1-9][0-9]?$/.test(v); }
  };

  // The options of an opt-in first line (`# stageplay: target=builder view=graph,plan`), or
  // null when the line does not opt in. Strict: `key=value` words separated by spaces.
  function commentOptions(line) {
    var m = OPT_IN.exec(line.replace(/\r$/, ''));
    if (!m) return null;
    var options = {};
    m[1].trim().split(/[ \t]+/).filter(Boolean).slice(0, 32).forEach(function (word) {
      var eq = word.indexOf('=');
      var key = eq > 0 ? word.slice(0, eq) : word;
      var value = eq > 0 ? word.slice(eq + 1) : '';
      if (!Object.prototype.hasOwnProperty.call(OPTIONS, key)) {
        console.warn('Stageplay: unknown option "' + key.slice(0, 40) + '" in a "# stageplay:" line is ignored; known: ' + Object.keys(OPTIONS).join(', '));
      } else if (eq < 0 || !OPTIONS[key](value)) {
        console.warn('Stageplay: option ' + key + '=' + value.slice(0, 40) + ' in a "# stageplay:" line is not valid and is ignored');
      } else if (options[key] !== undefined) {
        console.warn('Stageplay: option ' + key + ' is given twice in a "# stageplay:" line; the first is kept');
      } else {
        options[key] = value;
      }
    });
    return options;
  }

  // ---- The docs page's theme --------------------------------------------------------------

  var MDBOOK_DARK = ['coal', 'navy', 'ayu'];
  var MDBOOK_LIGHT = ['light', 'rust'];

  // light, dark, or system (the reader's prefers-color-scheme, which the embed follows itself).
  function hostTheme() {
    var root = document.documentElement;
    var attr = root.getAttribute('data-theme');
    if (attr === 'light' || attr === 'dark') return attr;
    var md = (document.body && document.body.getAttribute('data-md-color-scheme')) ||
      root.getAttribute('data-md-color-scheme');
    if (md) return md === 'slate' ? 'dark' : 'light';
    for (var i = 0; i < MDBOOK_DARK.length; i++) if (root.classList.contains(MDBOOK_DARK[i])) return 'dark';
    for (var j = 0; j < MDBOOK_LIGHT.length; j++) if (root.classList.contains(MDBOOK_LIGHT[j])) return 'light';
    return 'system';
  }

  // The embeds made here: {frame, origin, autoHeight, followsHost, sentTheme}.
  var embeds = [];
  var watching = false;

  function sendTheme(e, theme) {
    if (!e.followsHost || !e.frame.contentWindow) return;
    e.sentTheme = theme;
    // The target is '*' when the frame's origin is opaque ("null" cannot be targeted); a
    // theme name tells nothing about the reader.
    e.frame.contentWindow.postMessage({ stageplay: 'theme', theme: theme }, e.origin === 'null' ? '*' : e.origin);
  }

  function followHostTheme() {
    if (watching) return;
    watching = true;
    var last = hostTheme();
    function changed() {
      var now = hostTheme();
      if (now === last) return;
      last = now;
      embeds.forEach(function (e) { sendTheme(e, now); });
    }
    var observer = new MutationObserver(changed);
    var attributes = { attributes: true, attributeFilter: ['data-theme', 'data-md-color-scheme', 'class'] };
    observer.observe(document.documentElement, attributes);
    if (document.body) observer.observe(document.body, attributes);
    if (window.matchMedia) {
      var query = window.matchMedia('(prefers-color-scheme: dark)');
      if (query.addEventListener) query.addEventListener('change', changed);
    }
  }

  // An embed's height report: only from one of our iframes' own window and origin, only a
  // finite number, clamped.
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.stageplay !== 'height') return;
    embeds = embeds.filter(function (e) { return e.frame.isConnected; });
    var e = null;
    for (var i = 0; i < embeds.length; i++) {
      if (event.source && embeds[i].frame.contentWindow === event.source) e = embeds[i];
    }
    if (!e || event.origin !== e.origin) return;
    var h = data.height;
    if (typeof h !== 'number' || !isFinite(h)) return;
    h = Math.min(10000, Math.max(80, Math.ceil(h)));
    if (e.autoHeight) {
      e.frame.style.height = h + 'px';
      e.frame.setAttribute('data-stageplay-height', String(h));
    }
    var theme = hostTheme();
    if (e.sentTheme !== theme) sendTheme(e, theme);
  });

  // ---- Blocks -----------------------------------------------------------------------------

  // The text of a <pre>: its textContent, without the one leading newline that authors put
  // after the opening tag when the HTML parser did not already drop it.
  function dockerfileOf(pre) {
    var text = pre.textContent || '';
    return text.charAt(0) === '\n' ? text.slice(1) : text;
  }

  // What a matched element asks for: {pre, replaced, text, options}, or null when it is a
  // Markdown block that does not opt in. `replaced` is the element the playground takes the
  // place of: the <pre>, or the highlighter's wrapper around it (MkDocs Material's
  // `div.highlight`) when the <pre> is all it holds.
  function blockOf(el) {
    var pre = el.tagName === 'PRE' ? el : el.parentElement;
    if (!pre || pre.tagName !== 'PRE') return null;
    // The <code> when there is one: highlighters put other things in the <pre> (Pygments an
    // empty <span>, MkDocs Material a copy button).
    var code = el.tagName === 'CODE' ? el : pre.querySelector(':scope > code');
    var text = dockerfileOf(code || pre);
    var nl = text.indexOf('\n');
    var first = nl < 0 ? text : text.slice(0, nl);
    var fromComment = commentOptions(first);
    var isStageplay = pre.classList.contains('stageplay');
    if (!fromComment && !isStageplay) return null;
    if (fromComment) text = nl < 0 ? '' : text.slice(nl + 1);
    var o = fromComment || {};
    var d = pre.dataset;
    ['target', 'view', 'builder', 'theme', 'height', 'lang', 'load', 'lesson', 'context', 'base'].forEach(function (k) {
      if (d[k] !== undefined) o[k] = d[k];
    });
    if (d.readonly !== undefined) o.readonly = d.readonly === 'false' ? 'false' : 'true';
    if (isStageplay && pre.querySelector('*:not(code):not(span)')) {
      console.warn('Stageplay: a <pre class="stageplay"> block holds HTML elements: write < as &lt; (a heredoc `<<EOF` is read as a tag)');
    }
    var replaced = pre;
    var wrap = pre.parentElement;
    if (wrap && wrap.classList.contains('highlight') && wrap.children.length === 1) replaced = wrap;
    return { pre: pre, replaced: replaced, text: text, options: o };
  }

  // The pre-rendered graph the author (or `stageplay mdbook`) put right after the block.
  function fallbackOf(block) {
    var candidates = [block.replaced.nextElementSibling, block.pre.nextElementSibling];
    for (var i = 0; i < candidates.length; i++) {
      var c = candidates[i];
      if (c && c.tagName === 'FIGURE' && c.classList.contains('stageplay-fallback')) return c;
    }
    return null;
  }

  function embed(el) {
    var block = blockOf(el);
    if (!block || block.pre.getAttribute('data-stageplay-done') !== null) return Promise.resolve(null);
    block.pre.setAttribute('data-stageplay-done', '');
    var o = block.options;
    var panes = panesOf(o.view);
    var firstView = panes.filter(function (p) { return VIEWS.indexOf(p) >= 0; })[0];
    var state = {
      dockerfile: block.text,
      context: o.context || '',
      target: (o.target || '').trim(),
      builder: o.builder === 'legacy' ? 'legacy' : 'buildkit',
      view: firstView || 'graph',
      lesson: (o.lesson || '').trim()
    };
    var fixedTheme = o.theme === 'light' || o.theme === 'dark';
    var theme = fixedTheme ? o.theme : hostTheme();
    var query = 'embed';
    if (panes.length) query += '&view=' + panes.join(',');
    if (o.readonly !== undefined && o.readonly !== 'false') query += '&readonly';
    if (theme !== 'system') query += '&theme=' + theme;
    if (o.lang && OPTIONS.lang(o.lang)) query += '&lang=' + o.lang;
    var base = o.base === undefined ? scriptBase : httpBase(o.base);
    if (!base || !scriptBase) {
      block.pre.setAttribute('data-stageplay-error', 'data-base must be an http(s) URL');
      console.warn('Stageplay: a block was left as it is: its data-base is not an http(s) URL');
      return Promise.resolve(null);
    }
    var withOrigin = !isolate && (base.origin !== location.origin || base.href === scriptBase.href);
    var sandbox = 'allow-scripts allow-popups allow-popups-to-escape-sandbox' + (withOrigin ? ' allow-same-origin' : '');
    var fixed = parseInt(o.height, 10);
    var autoHeight = !(fixed >= 120 && fixed <= 4000);
    var height = autoHeight ? defaultHeight(panes) : fixed;
    var fallback = fallbackOf(block);

    function insert(where) {
      return encodeState(state).then(function (payload) {
        var frame = document.createElement('iframe');
        frame.src = base.href + '?' + query + '#' + payload;
        frame.title = 'Stageplay playground: ' + (state.target ? 'target ' + state.target : 'Dockerfile multi-stage build');
        frame.setAttribute('sandbox', sandbox);
        frame.setAttribute('loading', 'lazy');
        frame.className = 'stageplay-embed';
        // content-box: docs themes often make every box border-box, which would take the
        // border out of the content's height and bring back an inner scrollbar.
        frame.style.cssText = 'display:block;box-sizing:content-box;width:100%;max-width:100%;' +
          'border:1px solid rgba(127,127,127,.35);border-radius:6px;margin:1em 0';
        frame.style.width = 'calc(100% - 2px)';
        frame.style.height = height + 'px';
        embeds.push({
          frame: frame,
          origin: withOrigin ? base.origin : 'null',
          autoHeight: autoHeight,
          followsHost: !fixedTheme,
          sentTheme: theme
        });
        followHostTheme();
        where.replaceWith(frame);
        if (fallback && fallback.isConnected) fallback.remove();
        return frame;
      });
    }

    if (o.load !== 'click') return insert(block.replaced);
    // Click to load: the author's pre-rendered graph when there is one, else the code block
    // itself (its text, without the opt-in line), and a button.
    var box = document.createElement('div');
    box.className = 'stageplay-placeholder';
    box.style.cssText = 'margin:1em 0;border:1px solid rgba(127,127,127,.35);border-radius:6px;padding:8px';
    if (fallback) {
      box.appendChild(fallback);
      fallback = null;
    } else {
      var code = document.createElement('pre');
      code.textContent = block.text;
      code.style.cssText = 'margin:0 0 8px;overflow:auto';
      box.appendChild(code);
    }
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'stageplay-load';
    button.textContent = 'Open in the Stageplay playground';
    button.addEventListener('click', function () { insert(box); });
    box.appendChild(button);
    block.replaced.replaceWith(box);
    return Promise.resolve(box);
  }

  // Markdown renderers mark a fenced block's language on the <code> (Python-Markdown,
  // markdown-it, mdBook, Hugo) or not at all (Pygments in MkDocs Material: `div.highlight`,
  // with `language-dockerfile` on it only when `pygments_lang_class` is on); a block of any of
  // these becomes a playground only when its first line opts in.
  var SELECTOR = 'pre.stageplay, pre > code.language-dockerfile, pre > code.language-Dockerfile, ' +
    '.highlight > pre > code';

  // Turns every matching block into a playground: `nodes` if given, else the elements
  // matching `querySelector` (default: <pre class="stageplay"> and Markdown dockerfile code
  // blocks, which need the opt-in line). Safe to call again: processed blocks are marked.
  function run(options) {
    options = options || {};
    var found = options.nodes || document.querySelectorAll(options.querySelector || SELECTOR);
    return Promise.all(Array.prototype.map.call(found, embed));
  }

  // The first API: every <pre class="stageplay"> under `root` (default: the document).
  function embedAll(root) {
    return run({ nodes: (root || document).querySelectorAll('pre.stageplay') });
  }

  window.Stageplay = { run: run, embedAll: embedAll, encodeState: encodeState };
  if (script && script.hasAttribute('data-manual')) return;
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { run(); });
  } else {
    run();
  }
})();

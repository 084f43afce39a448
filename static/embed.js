/*
 * Stageplay embeds for documentation pages: every <pre class="stageplay"> block becomes a live,
 * sandboxed Stageplay iframe showing that Dockerfile.
 *
 *   <pre class="stageplay" data-target="build" data-view="editor,graph">
 *   FROM golang:1.22 AS build
 *   ...
 *   </pre>
 *   <script src="https://your.site/stageplay/embed.js" defer></script>
 *
 * Options on the <pre> (all optional):
 *   data-target    the stage to build (`docker build --target`)
 *   data-view      panes to show, comma-separated: editor, graph, plan, files, problems, steps
 *                  (default: editor,graph)
 *   data-builder   buildkit (default) or legacy
 *   data-readonly  present: the Dockerfile cannot be edited
 *   data-theme     light or dark (default: the reader's system theme)
 *   data-lang      en or ko: the embed's language (default: the reader's)
 *   data-height    the iframe height in CSS pixels (default 420)
 *   data-context   the build context listing, one path a line
 * The Stageplay page is looked up next to this script; set data-stageplay-base on the <script>
 * element (or data-base on a <pre>) to point elsewhere. A base must be an http: or https: URL
 * (or relative to the page); any other scheme (javascript:, data:, blob:, ...) is refused and
 * the block is left as it is, since a docs site may let its users write such attributes.
 *
 * The state travels in the URL fragment in the format the page reads
 * (#v1.<base64url(deflate-raw(JSON))>), so nothing is sent to any server, and this script
 * makes no request of its own. The iframe is sandboxed without allow-top-navigation, so an
 * embed can never navigate the documentation page away. It gets allow-same-origin (which the
 * page's module script and wasm need to load) only when it cannot share the documentation
 * page's origin, or when it is the Stageplay page the author chose with the <script> element:
 * an iframe with allow-scripts and allow-same-origin on the host's own origin could lift its
 * own sandbox, so a <pre data-base> pointing elsewhere on the same origin gets no
 * allow-same-origin.
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
  var PANES = ['editor', 'graph', 'plan', 'files', 'problems', 'steps'];
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

  // The text of a <pre>: its textContent, without the one leading newline that authors put
  // after the opening tag when the HTML parser did not already drop it.
  function dockerfileOf(pre) {
    var text = pre.textContent || '';
    return text.charAt(0) === '\n' ? text.slice(1) : text;
  }

  function embed(pre) {
    if (pre.getAttribute('data-stageplay-done') !== null) return Promise.resolve(null);
    pre.setAttribute('data-stageplay-done', '');
    var d = pre.dataset;
    var panes = panesOf(d.view);
    var firstView = panes.filter(function (p) { return VIEWS.indexOf(p) >= 0; })[0];
    var state = {
      dockerfile: dockerfileOf(pre),
      context: d.context || '',
      target: (d.target || '').trim(),
      builder: d.builder === 'legacy' ? 'legacy' : 'buildkit',
      view: firstView || 'graph'
    };
    var query = 'embed';
    if (panes.length) query += '&view=' + panes.join(',');
    if (d.readonly !== undefined && d.readonly !== 'false') query += '&readonly';
    if (d.theme === 'light' || d.theme === 'dark') query += '&theme=' + d.theme;
    if (d.lang === 'en' || d.lang === 'ko') query += '&lang=' + d.lang;
    var base = d.base === undefined ? scriptBase : httpBase(d.base);
    if (!base || !scriptBase) {
      pre.setAttribute('data-stageplay-error', 'data-base must be an http(s) URL');
      console.warn('Stageplay: a block was left as it is: its data-base is not an http(s) URL');
      return Promise.resolve(null);
    }
    var sandbox = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
    if (base.origin !== location.origin || base.href === scriptBase.href) sandbox += ' allow-same-origin';
    var height = parseInt(d.height, 10);
    if (!(height >= 120 && height <= 4000)) height = 420;

    return encodeState(state).then(function (payload) {
      var frame = document.createElement('iframe');
      frame.src = base.href + '?' + query + '#' + payload;
      frame.title = 'Stageplay: ' + (state.target ? 'target ' + state.target : 'Dockerfile multi-stage build');
      frame.setAttribute('sandbox', sandbox);
      frame.setAttribute('loading', 'lazy');
      frame.className = 'stageplay-embed';
      frame.style.cssText = 'display:block;width:100%;max-width:100%;border:1px solid rgba(127,127,127,.35);border-radius:6px';
      frame.style.height = height + 'px';
      pre.replaceWith(frame);
      return frame;
    });
  }

  // Turns every <pre class="stageplay"> under `root` (default: the document) into an embed;
  // safe to call again after a docs site adds content.
  function embedAll(root) {
    var blocks = (root || document).querySelectorAll('pre.stageplay');
    return Promise.all(Array.prototype.map.call(blocks, embed));
  }

  window.Stageplay = { embedAll: embedAll, encodeState: encodeState };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { embedAll(); });
  } else {
    embedAll();
  }
})();

// The page's Web Worker (src/worker.rs): the analysis of the edits and the JSON and DOT
// exports, off the page's main thread (docs/performance.md, "Large pastes"). The page posts
// { kind: 'analyse', request, text } (text: the Dockerfile's UTF-8 bytes) or
// { kind: 'export', request } and hears back { kind, ok, bytes | text } once per message,
// in order (an analysis also with `ms`, what it took, and `size`, its text's bytes;
// { broken: true, text } when the module cannot load). Every file is fetched from the page's
// own origin, next to this script.
//
// A page with an opaque origin (an embed sandboxed without allow-same-origin) cannot start a
// worker at all, so there it loads this script as a plain script instead, which then serves
// the page through a MessageChannel port on the main thread (src/ui/worker.rs).
//
// On the page, this script also loads the module on the page's own thread once the page is
// idle after its load, and offers it as `stageplayHere(request, text, maxInstructions)`:
// the page analyses a keystroke in the key's own task with it when the last analysis was
// quick (src/ui/worker.rs `here`).
(function () {
  'use strict';
  var inWorker = typeof importScripts === 'function';
  // The module is fetched once; messages that arrive meanwhile wait for it, so none is lost
  // before the wasm is ready.
  var ready = null;
  function load() {
    ready = wasm_bindgen('./stageplay-worker_bg.wasm');
  }

  // The analysis is timed as the User Timing measure `stageplay:analyse` of this worker
  // (scripts/measure*.mjs read it).
  function analyse(message) {
    performance.mark('stageplay:analyse:start');
    var bytes = wasm_bindgen.analyse(message.request, message.text);
    performance.clearMeasures('stageplay:analyse');
    performance.measure('stageplay:analyse', 'stageplay:analyse:start');
    return bytes;
  }

  // V8 optimises the wasm once it has run enough (src/page/analysis_job.rs `warm_up`): a
  // few rounds after the first analysis, each a task of its own, so a message waits for one
  // at most. Only in a worker: on the page's main thread they would hold the page.
  var warmUp = inWorker ? 6 : 0;
  var warming = false;
  function warmUpLater() {
    if (warmUp <= 0) return;
    warmUp = warmUp - 1;
    setTimeout(function () {
      wasm_bindgen.warm_up();
      warmUpLater();
    }, 250);
  }

  function handle(message, reply) {
    ready.then(
      function () {
        if (message.kind === 'analyse') {
          try {
            var start = performance.now();
            var bytes = analyse(message);
            // The bytes' buffer is moved to the page, not copied. What the analysis took
            // tells the page whether it may analyse the next keystroke itself (`ms`, `size`).
            reply({ kind: 'analysis', ok: true, bytes: bytes, ms: performance.now() - start, size: message.text.length }, [bytes.buffer]);
          } catch (e) {
            reply({ kind: 'analysis', ok: false, text: String(e) });
          }
          if (!warming) {
            warming = true;
            warmUpLater();
          }
        } else {
          try {
            reply({ kind: 'export', ok: true, text: wasm_bindgen.export_text(message.request) });
          } catch (e) {
            reply({ kind: 'export', ok: false, text: String(e) });
          }
        }
      },
      function (e) {
        reply({ broken: true, text: 'the analyser did not load (' + String((e && e.message) || e) + ')' });
      }
    );
  }

  if (inWorker) {
    importScripts('./stageplay-worker.js');
    load();
    // The page's usual first request, analysed once before any message (they wait for it):
    // V8 compiles each wasm function when it first runs (src/page/analysis_job.rs `prime`).
    // Marked for scripts/measure.mjs: when the module was ready, and primed.
    ready.then(function () {
      performance.mark('stageplay:worker-ready');
      wasm_bindgen.prime();
      performance.mark('stageplay:worker-primed');
    }, function () {});
    self.onmessage = function (event) {
      handle(event.data, function (m, transfer) { self.postMessage(m, transfer || []); });
    };
    return;
  }
  // On the page (index.html loads this script before the page's own wasm): the worker is
  // started now, so that its module loads while the page's does; src/ui/worker.rs takes it.
  // A page with an opaque origin cannot start one (a SecurityError): there the page calls
  // stageplayInPage with its end of a MessageChannel instead, and the module's own script
  // is loaded then.
  try {
    if (!self.stageplayWorker) self.stageplayWorker = new Worker('worker.js');
  } catch (e) {
    self.stageplayWorker = undefined;
  }
  // The module on the page's own thread, loaded once: for the in-page endpoint, and for
  // the keystrokes the page analyses in their own task.
  var here = null;
  function loadHere() {
    if (!here) {
      here = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = './stageplay-worker.js';
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      }).then(function () {
        return wasm_bindgen('./stageplay-worker_bg.wasm');
      });
    }
    return here;
  }
  self.stageplayInPage = function (port) {
    ready = loadHere();
    ready.then(null, function () {
      port.postMessage({ broken: true, text: 'the analyser did not load' });
    });
    port.onmessage = function (event) {
      handle(event.data, function (m, transfer) { port.postMessage(m, transfer || []); });
    };
  };
  // Once the page has loaded and is idle, its own copy of the module: the page then
  // analyses a small edit in the keystroke's own task when the last analysis was quick
  // (`stageplayHere`, src/ui/worker.rs `here`), so the graph is drawn in the typed
  // character's frame (docs/budgets.md, "Keystroke"). Not part of the first load: the
  // module's files are the worker's (the browser's cache has them), and V8 shares the
  // worker's compiled code with this copy.
  function offerHere() {
    loadHere().then(function () {
      self.stageplayHere = function (request, text, maxInstructions) {
        return wasm_bindgen.analyse_at_most(request, text, maxInstructions);
      };
    }, function () {});
  }
  function whenIdle() {
    if (self.requestIdleCallback) requestIdleCallback(offerHere, { timeout: 2000 });
    else setTimeout(offerHere, 500);
  }
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle);
})();

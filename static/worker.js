// The page's Web Worker (src/worker.rs): the analysis of every edit and the JSON and DOT
// exports, off the page's main thread (docs/performance.md, "Large pastes"). The page posts
// { kind: 'analyse', request, text } (text: the Dockerfile's UTF-8 bytes) or
// { kind: 'export', request } and hears back { kind, ok, bytes | text } once per message,
// in order ({ broken: true, text } when the module cannot load). Every file is fetched from the page's own origin, next to this script.
//
// A page with an opaque origin (an embed sandboxed without allow-same-origin) cannot start a
// worker at all, so there it loads this script as a plain script instead, which then serves
// the page through a MessageChannel port on the main thread (src/ui/worker.rs).
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
            var bytes = analyse(message);
            // The bytes' buffer is moved to the page, not copied.
            reply({ kind: 'analysis', ok: true, bytes: bytes }, [bytes.buffer]);
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
  self.stageplayInPage = function (port) {
    var script = document.createElement('script');
    script.src = './stageplay-worker.js';
    script.onload = function () {
      load();
      port.onmessage = function (event) {
        handle(event.data, function (m, transfer) { port.postMessage(m, transfer || []); });
      };
    };
    script.onerror = function () {
      port.postMessage({ broken: true, text: 'the analyser did not load' });
    };
    document.head.appendChild(script);
  };
})();

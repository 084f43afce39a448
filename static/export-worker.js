// The Web Worker that makes the page's JSON and DOT exports (src/export_worker.rs, loaded
// on demand: docs/performance.md, "Page size"). The page posts a request string and hears
// back { ok, text } once per request, in order. Both files are fetched from the page's own
// origin, next to this script.
importScripts('./stageplay-export.js');
// The module is fetched once; requests that arrive meanwhile wait for it here, so none is
// lost before the wasm is ready.
const ready = wasm_bindgen('./stageplay-export_bg.wasm');
onmessage = (event) => {
  ready.then(
    () => {
      try {
        postMessage({ ok: true, text: wasm_bindgen.export_text(event.data) });
      } catch (e) {
        postMessage({ ok: false, text: String(e) });
      }
    },
    (e) => postMessage({ ok: false, broken: true, text: 'the exporter did not load (' + String((e && e.message) || e) + ')' }),
  );
};

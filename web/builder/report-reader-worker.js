// Reads the completion report files dropped on the Report panel (crates/ossbatch-app/src/jobs/report.rs)
// off the page, with the core's report reader in a wasm of its own built for speed
// (crates/ossbatch-wasm, feature `report`), loaded only when files are dropped: the page's wasm is
// built for size and reads at a third of the native rate (docs/benchmarks.md). A module worker file
// of the package, not a blob: URL, so the builder works under `worker-src 'self'` (strict CSP).
//
// Messages: the worker says {ready} once loaded; the page sends {files, columns, sample, seed, lang};
// the worker answers {progress, total, name} as it reads, then {summary, retry} (the summary as JSON,
// the retry manifest's bytes, transferred) or {error} (the report cannot be read), or {unavailable}
// when its wasm cannot load (the page then reads the files itself).
import init, { ReportReadSession } from './ossbatch_report.js';

let ready = null;
/** Bytes read and handed to the reader at a time. */
const SLICE = 8 * 1024 * 1024;

async function read({ files, columns, sample, seed, lang }) {
  const session = new ReportReadSession(columns, sample, seed, lang);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const retry = [];
  let done = 0;
  let told = 0;
  for (const file of files) {
    session.beginFile(file.name);
    // Large slices, the next one read while this one is handled (the browser reads on its own
    // thread): the time is the larger of reading and reading rows, not their sum.
    const slice = (at) => file.slice(at, at + SLICE).arrayBuffer();
    let next = slice(0);
    for (let at = 0; at < file.size; at += SLICE) {
      let buffer;
      try {
        buffer = await next;
      } catch {
        throw `${file.name}: cannot be read`;
      }
      if (at + SLICE < file.size) next = slice(at + SLICE);
      session.update(new Uint8Array(buffer));
      const part = session.takeRetry();
      if (part.length) retry.push(part);
      done += buffer.byteLength;
      // About a hundred progress messages a read at most, not one per slice of a small file.
      if (done - told >= total / 100) {
        told = done;
        self.postMessage({ progress: done, total, name: file.name });
      }
    }
  }
  const summary = session.finish();
  const tail = session.takeRetry();
  if (tail.length) retry.push(tail);
  session.free();
  const bytes = new Uint8Array(retry.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of retry) {
    bytes.set(part, at);
    at += part.length;
  }
  return { summary, bytes };
}

self.onmessage = async (event) => {
  try {
    ready ??= init({ module_or_path: new URL('./ossbatch_report_bg.wasm', import.meta.url) });
    await ready;
  } catch (error) {
    self.postMessage({ unavailable: String(error?.message ?? error) });
    return;
  }
  try {
    const { summary, bytes } = await read(event.data);
    self.postMessage({ summary, retry: bytes.buffer }, [bytes.buffer]);
  } catch (error) {
    self.postMessage({ error: typeof error === 'string' ? error : String(error?.message ?? error) });
  }
};
self.postMessage({ ready: true });

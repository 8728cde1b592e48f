// Reads the completion report files dropped on the Report panel (crates/ossbatch-app/src/jobs/report.rs)
// off the page, with the core's report reader in a wasm of its own built for speed
// (crates/ossbatch-wasm, feature `report`), loaded only when files are dropped: the page's wasm is
// built for size and reads at a third of the native rate (docs/benchmarks.md). A module worker file
// of the package, not a blob: URL, so the builder works under `worker-src 'self'` (strict CSP).
//
// Messages: the worker says {ready} once loaded; the page sends {files, columns, sample, seed, lang, restoreJob};
// the worker answers {progress, total, name} as it reads, then {summary, retry} (the summary as JSON,
// the retry manifest's bytes, transferred) or {error} (the report cannot be read), or {unavailable}
// when its wasm cannot load (the page then reads the files itself).
import init, { ReportReadSession } from './ossbatch_report.js';

let ready = null;
/** Bytes read and handed to the reader at a time. */
const SLICE = 8 * 1024 * 1024;

/**
 * The file's bytes, SLICE at a time. The package's file reader (manifest-reader-worker.js) reads them
 * in a nested worker, so reading goes on while this thread reads rows (a Blob read here waits for this
 * thread between its pieces); two buffers go round. Without a nested worker, this one reads the slices.
 */
async function* slices(file) {
  let reader = null;
  try {
    reader = new Worker(new URL('./manifest-reader-worker.js', import.meta.url));
    const ready = await new Promise((resolve) => {
      reader.onmessage = (event) => resolve(event.data.ready === true);
      reader.onerror = () => resolve(false);
      reader.postMessage({ file });
    });
    if (!ready) throw new Error('no reader');
  } catch {
    reader?.terminate();
    for (let at = 0; at < file.size; at += SLICE) {
      yield new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer());
    }
    return;
  }
  const pending = new Map();
  let next = 0;
  reader.onmessage = ({ data }) => {
    const waiting = pending.get(data.id);
    pending.delete(data.id);
    if (data.error === undefined) waiting.resolve(new Uint8Array(data.buffer, 0, data.length));
    else waiting.reject(data.error);
  };
  const request = (buffer) => new Promise((resolve, reject) => {
    const id = next++;
    pending.set(id, { resolve, reject });
    reader.postMessage({ id, buffer }, [buffer]);
  });
  try {
    const queue = [request(new ArrayBuffer(SLICE))];
    if (SLICE < file.size) queue.push(request(new ArrayBuffer(SLICE)));
    let requested = Math.min(file.size, 2 * SLICE);
    while (queue.length) {
      const view = await queue.shift();
      if (view.length === 0) break;
      yield view;
      // Handled (copied into the reader): its buffer goes back for the next slice.
      if (requested < file.size) {
        queue.push(request(view.buffer));
        requested += SLICE;
      }
    }
  } finally {
    reader.terminate();
  }
}

async function read({ files, columns, sample, seed, lang, restoreJob }) {
  const session = new ReportReadSession(columns, sample, seed, lang, restoreJob === true);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const retry = [];
  let done = 0;
  let told = 0;
  for (const file of files) {
    session.beginFile(file.name);
    try {
      for await (const view of slices(file)) {
        session.update(view);
        const part = session.takeRetry();
        if (part.length) retry.push(part);
        done += view.length;
        // About a hundred progress messages a read at most, not one per slice of a small file.
        if (done - told >= total / 100) {
          told = done;
          self.postMessage({ progress: done, total, name: file.name });
        }
      }
    } catch (error) {
      throw typeof error === 'string' && error.startsWith('--') ? error : `${file.name}: cannot be read`;
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

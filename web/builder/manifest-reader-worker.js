// The reader of local files (crates/ossbatch-app/src/file_slices.rs): the manifest check's and the
// Report panel's dropped report files (the name is older than the second use). Reads the file with a
// BYOB reader into the buffers the page hands it and transfers each filled buffer back without a copy.
// A file of the package, not a blob: URL, so the builder works under `worker-src 'self'` (strict CSP).
let reader = null;
let queue = Promise.resolve();
async function fill(buffer) {
  let view = new Uint8Array(buffer);
  let filled = 0;
  while (filled < view.byteLength) {
    const { value, done } = await reader.read(new Uint8Array(view.buffer, filled, view.byteLength - filled));
    if (done) { if (value) view = new Uint8Array(value.buffer); break; }
    view = new Uint8Array(value.buffer);
    filled += value.byteLength;
  }
  return { buffer: view.buffer, length: filled };
}
self.onmessage = (event) => {
  const message = event.data;
  if (message.file) {
    try { reader = message.file.stream().getReader({ mode: 'byob' }); self.postMessage({ ready: true }); }
    catch (error) { self.postMessage({ ready: false }); }
    return;
  }
  queue = queue.then(() => fill(message.buffer)).then(
    ({ buffer, length }) => self.postMessage({ id: message.id, buffer, length }, [buffer]),
    (error) => self.postMessage({ id: message.id, error: String(error) }));
};

//! Local files read in slices, never whole: a small worker reads the file and hands the page each
//! filled buffer; the page feeds it to the core (the manifest check, the report reader) and gives the
//! buffer back. Used by "Check a local manifest file" and the Report panel's dropped report files.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

// Reading a slice of a File costs the thread that receives it about as much as hashing it (measured:
// 16 MiB slices read at ~790 MiB/s, and only half of that overlaps with work on the same thread). A
// small worker reads the file (a BYOB reader on `file.stream()`, into buffers the page hands it) and
// transfers each filled buffer to the page without a copy; the page copies it into wasm memory, hashes
// it and hands the buffer back. The same few buffers go round, so memory stays flat: a fresh buffer per
// slice left hundreds of MiB of garbage for the collector (docs/benchmarks.md). Where workers or BYOB
// reads are unavailable, slices are read on the page.
#[wasm_bindgen(inline_js = r#"
// Set by the package (`web/builder/index.js`): the worker's own file beside it. A blob: URL would need
// `worker-src blob:` from hosts with a strict CSP; without a worker the page reads the slices.
let workerUrl = null;
export function setWorkerUrl(url) { workerUrl = url; }

// A task boundary without setTimeout's clamping (nested timeouts wait at least 4 ms each): a message
// to itself through one MessageChannel; the browser renders and handles input before it arrives.
let channel = null;
const waiting = [];
export function yieldToBrowser() {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  return new Promise((resolve) => { waiting.push(resolve); channel.port2.postMessage(null); });
}

// The Report panel's reader worker (web/builder/report-reader-worker.js), set by the package beside
// the manifest reader's. `onProgress(name, done, total)` returns false to cancel.
let reportWorkerUrl = null;
export function setReportWorkerUrl(url) { reportWorkerUrl = url; }

export class ReportWorkerRun {
  constructor(files, columns, sample, seed, lang, restoreJob, onProgress) {
    this.worker = null;
    this.done = new Promise((resolve, reject) => {
      this.reject = reject;
      try {
        if (!reportWorkerUrl) throw new Error('no worker file');
        this.worker = new Worker(reportWorkerUrl, { type: 'module' });
      } catch (_) {
        reject('unavailable');
        return;
      }
      this.worker.onmessage = ({ data }) => {
        if (data.ready) {
          this.worker.postMessage({ files, columns, sample, seed, lang, restoreJob });
        } else if (data.progress !== undefined) {
          if (!onProgress(data.name, data.progress, data.total)) this.close('cancelled');
        } else if (data.unavailable !== undefined) {
          this.close('unavailable');
        } else if (data.error !== undefined) {
          this.close(`error:${data.error}`);
        } else {
          resolve([data.summary, new Uint8Array(data.retry)]);
          this.close();
        }
      };
      // A module worker the browser cannot start (an old browser, another origin, a blocked import).
      this.worker.onerror = (event) => { event.preventDefault(); this.close('unavailable'); };
    });
  }
  close(why) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    if (why) this.reject(why);
  }
}

export class SliceReader {
  constructor(file, sliceBytes) {
    this.file = file;
    this.sliceBytes = sliceBytes;
    this.offset = 0;
    this.pending = new Map();
    this.free = [];
    this.next = 0;
    this.worker = null;
    this.ready = new Promise((resolve) => {
      try {
        if (!workerUrl) throw new Error('no worker file');
        // A cross-origin package (a CDN) cannot start a worker: the constructor throws, and the
        // page reads the slices itself.
        this.worker = new Worker(workerUrl);
        this.worker.onmessage = (event) => {
          const { id, buffer, length, error, ready } = event.data;
          if (ready !== undefined) {
            if (!ready) this.close();
            resolve();
            return;
          }
          const waiting = this.pending.get(id);
          this.pending.delete(id);
          if (waiting) error === undefined ? waiting.resolve(new Uint8Array(buffer, 0, length)) : waiting.reject(new Error(error));
        };
        this.worker.onerror = () => { this.close(); resolve(); };
        this.worker.postMessage({ file });
      } catch (_) {
        this.worker = null;
        resolve();
      }
    });
  }
  /** The next slice, in order, as a Uint8Array (empty at the end). */
  async read() {
    await this.ready;
    if (!this.worker) {
      const start = this.offset;
      this.offset = Math.min(this.file.size, start + this.sliceBytes);
      return new Uint8Array(await this.file.slice(start, this.offset).arrayBuffer());
    }
    const id = this.next++;
    const buffer = this.free.pop() ?? new ArrayBuffer(this.sliceBytes);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, buffer }, [buffer]);
    });
  }
  /** Gives a slice's buffer back for the next read. */
  release(view) {
    if (this.worker && view.buffer.byteLength === this.sliceBytes) this.free.push(view.buffer);
  }
  close() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = setWorkerUrl)]
    fn set_worker_url_in_js(url: &str);
    #[wasm_bindgen(js_name = yieldToBrowser)]
    fn yield_to_browser() -> js_sys::Promise;
    #[wasm_bindgen(js_name = setReportWorkerUrl)]
    fn set_report_worker_url_in_js(url: &str);
    type ReportWorkerRun;
    #[wasm_bindgen(constructor)]
    fn new(
        files: &js_sys::Array,
        columns: &str,
        sample: u32,
        seed: f64,
        lang: &str,
        restore_job: bool,
        on_progress: &js_sys::Function,
    ) -> ReportWorkerRun;
    #[wasm_bindgen(method, getter)]
    fn done(this: &ReportWorkerRun) -> js_sys::Promise;
    pub type SliceReader;
    #[wasm_bindgen(constructor)]
    pub fn new(file: &web_sys::File, slice_bytes: f64) -> SliceReader;
    #[wasm_bindgen(method)]
    pub fn read(this: &SliceReader) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    pub fn release(this: &SliceReader, view: &js_sys::Uint8Array);
    #[wasm_bindgen(method)]
    pub fn close(this: &SliceReader);
}

/// Where the manifest reader's worker file is (the package tells it at load).
#[wasm_bindgen(js_name = setManifestWorkerUrl)]
pub fn set_manifest_worker_url(url: &str) {
    set_worker_url_in_js(url);
}

/// Where the Report panel's reader worker file is (the package tells it at load).
#[wasm_bindgen(js_name = setReportWorkerUrl)]
pub fn set_report_worker_url(url: &str) {
    set_report_worker_url_in_js(url);
}

/// Told the file's name, the bytes read and the total, as a read goes on.
pub type Progress = std::rc::Rc<dyn Fn(&str, f64, f64)>;

/// How a read of report files in the reader worker ended.
pub enum WorkerRead {
    /// The summary as JSON (`{"summary", "retry"}`), and the retry manifest's bytes.
    Done(String, Vec<u8>),
    Cancelled,
    /// The report cannot be read: why, in the core's words.
    Failed(String),
    /// No worker could start or load its wasm: the page reads the files itself.
    Unavailable,
}

/// Reads `files` in the reader worker (web/builder/report-reader-worker.js) with the core's report
/// reader built for speed. `progress(name, done, total)` is told about every percent; `cancelled` is
/// looked at then (the worker is ended when it is set).
pub async fn read_report_in_worker(
    files: &[web_sys::File],
    columns: &str,
    (sample, seed): (u32, u64),
    lang: &str,
    restore_job: bool,
    cancelled: std::rc::Rc<std::cell::Cell<bool>>,
    progress: Progress,
) -> WorkerRead {
    let list: js_sys::Array = files.iter().collect();
    let on_progress = Closure::<dyn FnMut(String, f64, f64) -> bool>::new(
        move |name: String, done: f64, total: f64| {
            progress(&name, done, total);
            !cancelled.get()
        },
    );
    let run = ReportWorkerRun::new(
        &list,
        columns,
        sample,
        seed as f64,
        lang,
        restore_job,
        on_progress.as_ref().unchecked_ref(),
    );
    let settled = JsFuture::from(run.done()).await;
    drop(on_progress);
    match settled {
        Ok(value) => {
            let pair: js_sys::Array = value.unchecked_into();
            let summary = pair.get(0).as_string().unwrap_or_default();
            let bytes = js_sys::Uint8Array::new(&pair.get(1)).to_vec();
            WorkerRead::Done(summary, bytes)
        }
        Err(why) => match why.as_string().as_deref() {
            Some("cancelled") => WorkerRead::Cancelled,
            Some(text) if text.starts_with("error:") => WorkerRead::Failed(text[6..].to_string()),
            _ => WorkerRead::Unavailable,
        },
    }
}

/// Ends the worker however the check ends (done, cancelled, failed).
pub struct ReaderGuard(pub SliceReader);

impl Drop for ReaderGuard {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// The page's clock in milliseconds (how long a read took, shown and benchmarked).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Why a file could not be read to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// Streams `file` through `each` (a piece, and the bytes read so far), `slice_bytes` at a time, with
/// `read_ahead` slices being read while one is handled: the time is the larger of reading and
/// handling rather than their sum. Each slice is handed over in pieces of at most `step` bytes, and
/// the page gets the thread back after every piece (every slice is awaited, and a yield to the
/// browser separates the pieces of one slice): large slices read fastest, small steps keep the
/// page's pauses short. `Ok(None)` when `cancelled` was set; `Ok(Some(bytes))` at the end.
pub async fn stream_file(
    file: &web_sys::File,
    slice_bytes: f64,
    read_ahead: usize,
    step: usize,
    cancelled: &std::cell::Cell<bool>,
    mut each: impl FnMut(&[u8], f64),
) -> Result<Option<f64>, Unreadable> {
    let total = file.size();
    let reader = ReaderGuard(SliceReader::new(file, slice_bytes));
    let read = || JsFuture::from(reader.0.read());
    let mut buffer: Vec<u8> = Vec::new();
    let mut offset = 0.0;
    // Slices requested and not yet handled, oldest first.
    let mut pending = std::collections::VecDeque::new();
    let mut requested = 0.0;
    while requested < total && pending.len() < read_ahead.max(1) {
        pending.push_back(read());
        requested += slice_bytes;
    }
    while let Some(current) = pending.pop_front() {
        let value = current.await.map_err(|_| Unreadable)?;
        if cancelled.get() {
            return Ok(None);
        }
        // A view on the slice's buffer (not `Uint8Array::new`, which would copy it).
        let array: js_sys::Uint8Array = value.unchecked_into();
        if array.length() == 0 {
            break;
        }
        // Grown once, never zeroed again: a zero-filling resize per slice cost a tenth of the time
        // in the size-optimized wasm (docs/benchmarks.md).
        let length = array.length() as usize;
        if buffer.len() < length {
            // Zeroed by the allocator (fresh pages), not byte by byte.
            buffer = vec![0; length];
        }
        let slice = &mut buffer[..length];
        array.copy_to(slice);
        reader.0.release(&array);
        if requested < total {
            pending.push_back(read());
            requested += slice_bytes;
        }
        let mut pieces = buffer[..length].chunks(step.max(1)).peekable();
        while let Some(piece) = pieces.next() {
            offset += piece.len() as f64;
            each(piece, offset);
            if pieces.peek().is_some() {
                // A task boundary: the browser renders and handles input before the next step.
                let _ = JsFuture::from(yield_to_browser()).await;
                if cancelled.get() {
                    return Ok(None);
                }
            }
        }
    }
    Ok(Some(offset))
}

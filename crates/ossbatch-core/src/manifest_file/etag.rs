//! The ETag of a single-PUT upload: the MD5 of the bytes.

use md5::{Digest, Md5};

/// The MD5 of a stream of bytes as lowercase hex (an OSS ETag for a single-PUT upload; a multipart
/// upload's ETag is different and ends in `-N`).
#[derive(Default, Clone)]
pub struct Etag(Md5);

impl Etag {
    pub fn new() -> Self {
        Etag(Md5::new())
    }
    pub fn update(&mut self, bytes: &[u8]) {
        // In 64 KiB pieces: browsers compile wasm functions with a quick baseline compiler first and
        // switch to optimized code only on a later call, so a function called once with 16 MiB runs
        // that whole call slowly (measured: half the throughput; docs/benchmarks.md).
        for piece in bytes.chunks(64 * 1024) {
            self.0.update(piece);
        }
    }
    pub fn finish(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

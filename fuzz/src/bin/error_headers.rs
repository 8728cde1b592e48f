//! AFL target: see `ossbatch_fuzz::error_headers` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::error_headers(data));
}

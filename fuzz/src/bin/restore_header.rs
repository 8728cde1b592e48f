//! AFL target: see `ossbatch_fuzz::restore_header` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::restore_header(data));
}

//! AFL target: see `ossbatch_fuzz::manifest_file` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::manifest_file(data));
}

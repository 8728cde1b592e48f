//! AFL target: see `ossbatch_fuzz::endpoint` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::endpoint(data));
}

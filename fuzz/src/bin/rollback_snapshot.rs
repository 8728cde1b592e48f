//! AFL target: see `ossbatch_fuzz::rollback_snapshot` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::rollback_snapshot(data));
}

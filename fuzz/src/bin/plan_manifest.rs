//! AFL target: see `ossbatch_fuzz::plan_manifest` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::plan_manifest(data));
}

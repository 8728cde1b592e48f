//! AFL target: see `ossbatch_fuzz::lifecycle_rules_response` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::lifecycle_rules_response(data));
}

//! AFL target: see `ossbatch_fuzz::createjob_json` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::createjob_json(data));
}

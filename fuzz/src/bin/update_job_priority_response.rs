//! AFL target: see `ossbatch_fuzz::update_job_priority_response` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::update_job_priority_response(data));
}

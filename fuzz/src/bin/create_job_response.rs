//! AFL target: see `ossbatch_fuzz::create_job_response` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::create_job_response(data));
}

//! AFL target: see `ossbatch_fuzz::list_jobs_response` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::list_jobs_response(data));
}

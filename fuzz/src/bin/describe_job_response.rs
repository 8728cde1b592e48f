//! AFL target: see `ossbatch_fuzz::describe_job_response` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::describe_job_response(data));
}

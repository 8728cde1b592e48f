//! AFL target: see `ossbatch_fuzz::list_objects_v2_response` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::list_objects_v2_response(data));
}

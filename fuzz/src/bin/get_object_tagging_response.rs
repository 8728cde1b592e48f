//! AFL target: see `ossbatch_fuzz::get_object_tagging_response` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::get_object_tagging_response(data));
}

//! AFL target: see `ossbatch_fuzz::get_object_acl_response` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::get_object_acl_response(data));
}

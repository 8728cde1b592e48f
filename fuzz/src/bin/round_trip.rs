//! AFL target: see `ossbatch_fuzz::round_trip` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::round_trip(data));
}

//! AFL target: see `ossbatch_fuzz::report_reader` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::report_reader(data));
}

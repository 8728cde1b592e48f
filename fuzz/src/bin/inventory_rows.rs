//! AFL target: see `ossbatch_fuzz::inventory_rows` for what it checks.
fn main() {
    afl::fuzz!(|data: &[u8]| ossbatch_fuzz::inventory_rows(data));
}

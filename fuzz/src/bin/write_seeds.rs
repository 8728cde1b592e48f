//! Writes each target's seeds (`ossbatch_fuzz::seeds`) into `<dir>/<target>/`, for `scripts/fuzz.sh`.
fn main() {
    let dir = std::env::args().nth(1).expect("usage: write_seeds DIR");
    for (target, _) in ossbatch_fuzz::TARGETS {
        let folder = std::path::Path::new(&dir).join(target);
        std::fs::create_dir_all(&folder).expect("create the seed folder");
        for (index, seed) in ossbatch_fuzz::seeds(target).iter().enumerate() {
            std::fs::write(folder.join(format!("seed-{index:02}")), seed).expect("write a seed");
        }
    }
}

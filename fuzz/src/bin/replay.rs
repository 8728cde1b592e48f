//! Runs inputs through one target's properties without AFL, reporting each that breaks one:
//! `replay TARGET FILE...` (exit 1 if any did). Used to sort AFL's findings.
fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().expect("usage: replay TARGET FILE...");
    let check = ossbatch_fuzz::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, check)| *check)
        .unwrap_or_else(|| panic!("no target {target}"));
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        let first: String = message
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(300)
            .collect();
        eprintln!(
            "  {first} (at {})",
            info.location().map(|l| l.to_string()).unwrap_or_default()
        );
    }));
    let mut broken = 0;
    for file in args {
        let input = std::fs::read(&file).expect("read an input");
        if std::panic::catch_unwind(|| check(&input)).is_err() {
            eprintln!("broke a property: {file}");
            broken += 1;
        }
    }
    std::process::exit(i32::from(broken > 0));
}

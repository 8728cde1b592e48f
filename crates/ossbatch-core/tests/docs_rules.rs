//! docs/rules.md is generated from the catalogue; this fails when it is stale.

#[test]
fn docs_rules_md_is_generated_from_the_catalogue() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let on_disk = std::fs::read_to_string(path).expect("docs/rules.md exists");
    let generated = ossbatch_core::rules::catalogue_markdown();
    assert!(
        on_disk == generated,
        "docs/rules.md is stale: run `cargo run -p ossbatch-cli -- rules --markdown > docs/rules.md`"
    );
    for rule in ossbatch_core::rules::ALL {
        assert!(on_disk.contains(&format!("`{}`", rule.code)));
    }
}

//! The Operation element: one operation, its tags, ACL or restore settings.

use crate::issue::Issue;
use crate::model::*;
use crate::rules::{self, Rule};

use super::names;
use super::names::check_text;
use super::{MAX_TAGS, RESTORE_DAYS_ARCHIVE_MAX, RESTORE_DAYS_MAX};

pub(super) fn check_operation(out: &mut Vec<Issue>, operation: Option<&Operation>) {
    let Some(operation) = operation else {
        out.push(Issue::new(
            &rules::OPERATION_MISSING,
            "Operation",
            "Operation is required: choose one of PutObjectTagging, AddObjectTagging, DeleteObjectTagging, PutObjectAcl, RestoreObject.",
        ));
        return;
    };
    let kinds = operation.kinds();
    match kinds.len() {
        0 => out.push(Issue::new(
            &rules::OPERATION_MISSING,
            "Operation",
            "Operation is empty: it must hold one of PutObjectTagging, AddObjectTagging, DeleteObjectTagging, PutObjectAcl, RestoreObject.",
        )),
        1 => {}
        _ => {
            let names: Vec<&str> = kinds.iter().map(|k| k.element_name()).collect();
            out.push(
                Issue::new(
                    &rules::OPERATION_MULTIPLE,
                    "Operation",
                    format!(
                        "Operation must hold exactly one operation, but holds {}: {}.",
                        names.len(),
                        names.join(", ")
                    ),
                )
                .with("operations", names),
            );
        }
    }
    if let Some(tagging) = &operation.put_object_tagging {
        check_tagging(out, "Operation.PutObjectTagging", tagging);
    }
    if let Some(tagging) = &operation.add_object_tagging {
        check_tagging(out, "Operation.AddObjectTagging", tagging);
    }
    if let Some(acl) = &operation.put_object_acl {
        check_acl(out, acl);
    }
    if let Some(restore) = &operation.restore_object {
        check_restore(out, restore);
    }
}

fn check_tagging(out: &mut Vec<Issue>, base: &str, tagging: &TaggingOperation) {
    let set_path = format!("{base}.TagSet");
    let Some(tags) = &tagging.tag_set else {
        out.push(Issue::new(
            &rules::TAGSET_MISSING,
            &set_path,
            format!("{set_path} is required: add 1 to {MAX_TAGS} tags."),
        ));
        return;
    };
    if tags.is_empty() {
        out.push(Issue::new(
            &rules::TAGSET_EMPTY,
            &set_path,
            format!("{set_path} is empty: add at least one Tag."),
        ));
    }
    if tags.len() > MAX_TAGS {
        out.push(
            Issue::new(
                &rules::TAGSET_TOO_MANY,
                &set_path,
                format!(
                    "{set_path} holds {} tags; at most {MAX_TAGS} are allowed.",
                    tags.len()
                ),
            )
            .with_max(MAX_TAGS, tags.len()),
        );
    }
    for (index, tag) in tags.iter().enumerate() {
        let tag_path = TagPath {
            set_path: &set_path,
            index,
        };
        check_tag_key(out, tag_path, tags, index, tag.key.as_deref());
        check_tag_value(out, tag_path, tag.value.as_deref());
    }
}

/// A tag's path, written out only when an issue needs it: most tags have none, and formatting two
/// paths per tag was a fifth of `validate`'s time on a valid request in the wasm build.
#[derive(Clone, Copy)]
struct TagPath<'a> {
    set_path: &'a str,
    index: usize,
}

impl TagPath<'_> {
    fn field(self, name: &str) -> String {
        format!("{}.Tag[{}].{name}", self.set_path, self.index)
    }
}

fn check_tag_key(
    out: &mut Vec<Issue>,
    tag_path: TagPath<'_>,
    tags: &[Tag],
    index: usize,
    key: Option<&str>,
) {
    let Some(key) = key else {
        let path = tag_path.field("Key");
        out.push(Issue::new(
            &rules::TAG_KEY_MISSING,
            &path,
            format!("{path} is required."),
        ));
        return;
    };
    let length = key.chars().count();
    let bad = names::invalid_tag_chars(key);
    let first = tags[..index]
        .iter()
        .position(|earlier| earlier.key.as_deref() == Some(key));
    let fine = names::all_xml_chars(key)
        && (1..=names::TAG_KEY_MAX).contains(&length)
        && bad.is_empty()
        && first.is_none();
    if fine {
        return;
    }
    let path = tag_path.field("Key");
    check_text(out, &path, key);
    if length == 0 || length > names::TAG_KEY_MAX {
        out.push(
            Issue::new(
                &rules::TAG_KEY_LENGTH,
                &path,
                format!(
                    "{path} must be 1 to {} characters long; it has {length}.",
                    names::TAG_KEY_MAX
                ),
            )
            .with_range(1, names::TAG_KEY_MAX, length),
        );
    }
    check_tag_chars(out, &rules::TAG_KEY_CHARS, &path, &bad);
    if let Some(first) = first {
        out.push(
            Issue::new(
                &rules::TAG_KEY_DUPLICATE,
                &path,
                format!(
                    "{path} repeats the key \"{key}\" of Tag[{first}]; tag keys must be unique."
                ),
            )
            .with("key", key)
            .with("first_index", first),
        );
    }
}

/// Tag keys and values share one character set.
fn check_tag_chars(out: &mut Vec<Issue>, rule: &'static Rule, path: &str, bad: &[char]) {
    if !bad.is_empty() {
        out.push(
            Issue::new(
                rule,
                path,
                format!(
                    "{path} may contain only letters, digits, spaces and + - = . _ : /; found {}.",
                    names::describe_chars(bad)
                ),
            )
            .with("invalid", bad.iter().collect::<String>()),
        );
    }
}

fn check_tag_value(out: &mut Vec<Issue>, tag_path: TagPath<'_>, value: Option<&str>) {
    let Some(value) = value else {
        let path = tag_path.field("Value");
        out.push(Issue::new(
            &rules::TAG_VALUE_MISSING,
            &path,
            format!("{path} is required (it may be empty)."),
        ));
        return;
    };
    let length = value.chars().count();
    let bad = names::invalid_tag_chars(value);
    if names::all_xml_chars(value) && length <= names::TAG_VALUE_MAX && bad.is_empty() {
        return;
    }
    let path = tag_path.field("Value");
    check_text(out, &path, value);
    if length > names::TAG_VALUE_MAX {
        out.push(
            Issue::new(
                &rules::TAG_VALUE_LENGTH,
                &path,
                format!(
                    "{path} must be at most {} characters long; it has {length}.",
                    names::TAG_VALUE_MAX
                ),
            )
            .with_range(0, names::TAG_VALUE_MAX, length),
        );
    }
    check_tag_chars(out, &rules::TAG_VALUE_CHARS, &path, &bad);
}

fn check_acl(out: &mut Vec<Issue>, acl: &PutObjectAcl) {
    const PATH: &str = "Operation.PutObjectAcl.ObjectAcl";
    match acl.object_acl.as_deref() {
        None => out.push(Issue::new(
            &rules::ACL_MISSING,
            PATH,
            format!(
                "{PATH} is required: one of {}.",
                known::OBJECT_ACLS.join(", ")
            ),
        )),
        Some(value) if !known::OBJECT_ACLS.contains(&value) => out.push(
            Issue::new(
                &rules::ACL_VALUE,
                PATH,
                format!(
                    "{PATH} must be one of {}; got \"{value}\".",
                    known::OBJECT_ACLS.join(", ")
                ),
            )
            .with("value", value)
            .with("allowed", known::OBJECT_ACLS.to_vec()),
        ),
        Some(_) => {}
    }
}

fn check_restore(out: &mut Vec<Issue>, restore: &RestoreObject) {
    const DAYS: &str = "Operation.RestoreObject.Days";
    const TIER: &str = "Operation.RestoreObject.Tier";
    if let Some(days) = restore.days {
        if !(1..=RESTORE_DAYS_MAX).contains(&days) {
            out.push(
                Issue::new(
                    &rules::RESTORE_DAYS_RANGE,
                    DAYS,
                    format!("{DAYS} must be 1 to {RESTORE_DAYS_MAX}; got {days}."),
                )
                .with_range(1, RESTORE_DAYS_MAX, days),
            );
        } else if days > RESTORE_DAYS_ARCHIVE_MAX {
            out.push(
                Issue::new(
                    &rules::RESTORE_DAYS_ARCHIVE,
                    DAYS,
                    format!(
                        "{DAYS} is {days}: Archive objects accept 1 to {RESTORE_DAYS_ARCHIVE_MAX}; only Cold Archive and Deep Cold Archive objects accept up to {RESTORE_DAYS_MAX}."
                    ),
                )
                .with("archive_max", RESTORE_DAYS_ARCHIVE_MAX)
                .with("actual", days),
            );
        }
    }
    match restore.tier.as_deref() {
        None => {}
        Some(tier) if !known::RESTORE_TIERS.contains(&tier) => out.push(
            Issue::new(
                &rules::RESTORE_TIER_VALUE,
                TIER,
                format!("{TIER} must be Standard or Bulk; got \"{tier}\"."),
            )
            .with("value", tier)
            .with("allowed", known::RESTORE_TIERS.to_vec()),
        ),
        Some("Bulk") => out.push(Issue::new(
            &rules::RESTORE_TIER_BULK,
            TIER,
            format!("{TIER} is Bulk (5 to 12 hours), which applies to Cold Archive objects; Deep Cold Archive objects accept only Standard."),
        )),
        Some(_) => {}
    }
}

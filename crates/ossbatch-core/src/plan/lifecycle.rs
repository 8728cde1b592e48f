//! What the job's tags set in motion: a bucket's lifecycle rules (GetBucketLifecycle) that the
//! objects will match after the job and did not before — or matched before and will not after,
//! when the job removes the tags a rule needed. The document's own example is a lifecycle rule that
//! relies on a batch job's tags to delete objects.
//!
//! The document's shape (Go SDK v2 `oss/api_op_bucket_lifecycle.go`, `LifecycleConfiguration`):
//! `<LifecycleConfiguration><Rule>` with `ID`, `Prefix`, `Status` (`Enabled`/`Disabled`), any number
//! of `<Tag><Key/><Value/></Tag>` (all must match), `<Filter>` with `<Not>` (a `Prefix` and/or a
//! `Tag` the rule excludes) and `ObjectSizeGreaterThan`/`ObjectSizeLessThan`, and the actions
//! `Expiration` (`Days`, `CreatedBeforeDate`, `ExpiredObjectDeleteMarker`), `Transition` (`Days`,
//! `CreatedBeforeDate`, `StorageClass`), `NoncurrentVersionExpiration`/`NoncurrentVersionTransition`
//! (`NoncurrentDays`), `AbortMultipartUpload`. A bucket without rules answers 404 `NoSuchLifecycle`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ObjectState, Target};
use crate::api::response::{parse_result_document, ResponseError};
use crate::limits::REPORT_SAMPLE_KEYS;
use crate::xml::dom::Element;

/// One rule, as far as a plan needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LifecycleRule {
    pub id: String,
    pub enabled: bool,
    pub prefix: String,
    pub tags: Vec<(String, String)>,
    pub not_prefix: Option<String>,
    pub not_tag: Option<(String, String)>,
    pub size_greater_than: Option<u64>,
    pub size_less_than: Option<u64>,
    /// `(action, days)`: `Expiration`, `Transition to IA`, `NoncurrentVersionExpiration`, …; days
    /// `None` when the action is dated (`CreatedBeforeDate`) instead.
    pub actions: Vec<(String, Option<u64>)>,
}

impl LifecycleRule {
    /// Whether an object with these tags (and key and size) matches the rule.
    pub fn matches(&self, key: &str, size: Option<u64>, tags: &[(String, String)]) -> bool {
        let has = |tag: &(String, String)| tags.iter().any(|t| t == tag);
        self.enabled
            && key.starts_with(&self.prefix)
            && self.tags.iter().all(has)
            && !self.not_prefix.as_ref().is_some_and(|p| key.starts_with(p))
            && !self.not_tag.as_ref().is_some_and(has)
            && self
                .size_greater_than
                .is_none_or(|n| size.is_some_and(|s| s > n))
            && self
                .size_less_than
                .is_none_or(|n| size.is_some_and(|s| s < n))
    }

    /// Whether the rule's match depends on tags at all (else a tag job cannot change it).
    pub fn depends_on_tags(&self) -> bool {
        !self.tags.is_empty() || self.not_tag.is_some()
    }
}

/// Reads a GetBucketLifecycle answer. 404 `NoSuchLifecycle` is no rules, not an error.
pub fn parse_get_bucket_lifecycle_response(
    status: u16,
    body: &str,
) -> Result<Vec<LifecycleRule>, ResponseError> {
    if status == 404 && body.contains("<Code>NoSuchLifecycle</Code>") {
        return Ok(Vec::new());
    }
    let root = parse_result_document(status, body, "LifecycleConfiguration")?;
    Ok(root
        .children
        .iter()
        .filter(|c| c.name == "Rule")
        .map(read_rule)
        .collect())
}

fn text(element: &Element, name: &str) -> Option<String> {
    element.child(name).map(|c| c.text.trim().to_string())
}

fn tag_of(element: &Element) -> (String, String) {
    (
        text(element, "Key").unwrap_or_default(),
        text(element, "Value").unwrap_or_default(),
    )
}

fn read_rule(rule: &Element) -> LifecycleRule {
    let filter = rule.child("Filter");
    let not = filter.and_then(|f| f.child("Not"));
    let number = |e: Option<&Element>, name: &str| {
        e.and_then(|e| text(e, name)).and_then(|t| t.parse().ok())
    };
    let mut actions = Vec::new();
    for child in &rule.children {
        let days = |name: &str| text(child, name).and_then(|t| t.parse::<u64>().ok());
        match child.name {
            "Expiration" => actions.push(("Expiration".to_string(), days("Days"))),
            "Transition" => actions.push((
                format!(
                    "Transition to {}",
                    text(child, "StorageClass").unwrap_or_default()
                ),
                days("Days"),
            )),
            "NoncurrentVersionExpiration" => actions.push((
                "NoncurrentVersionExpiration".to_string(),
                days("NoncurrentDays"),
            )),
            "NoncurrentVersionTransition" => actions.push((
                format!(
                    "NoncurrentVersionTransition to {}",
                    text(child, "StorageClass").unwrap_or_default()
                ),
                days("NoncurrentDays"),
            )),
            _ => {}
        }
    }
    LifecycleRule {
        id: text(rule, "ID").unwrap_or_default(),
        enabled: text(rule, "Status").as_deref() == Some("Enabled"),
        prefix: text(rule, "Prefix")
            .or_else(|| filter.and_then(|f| text(f, "Prefix")))
            .unwrap_or_default(),
        tags: rule
            .children
            .iter()
            .filter(|c| c.name == "Tag")
            .map(tag_of)
            .collect(),
        not_prefix: not
            .and_then(|n| text(n, "Prefix"))
            .filter(|p| !p.is_empty()),
        not_tag: not.and_then(|n| n.child("Tag")).map(tag_of),
        size_greater_than: number(filter, "ObjectSizeGreaterThan"),
        size_less_than: number(filter, "ObjectSizeLessThan"),
        actions,
    }
}

/// A rule the job's tags make objects match (or stop matching).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LifecycleHit {
    pub bucket: String,
    pub rule_id: String,
    pub action: String,
    pub days: Option<u64>,
    pub objects: u64,
    pub sample_keys: Vec<String>,
    /// `starts` (the job's tags make the objects match) or `stops` (they stop matching).
    pub effect: &'static str,
}

/// Each bucket's rules, and the objects the job moves into or out of them.
#[derive(Debug, Default)]
pub struct LifecycleTally {
    rules: BTreeMap<String, Vec<LifecycleRule>>,
    hits: BTreeMap<(String, String, &'static str), (u64, Vec<String>)>,
}

impl LifecycleTally {
    pub fn set_rules(&mut self, bucket: &str, rules: Vec<LifecycleRule>) {
        self.rules.insert(bucket.to_string(), rules);
    }

    pub fn add(
        &mut self,
        target: &Target,
        state: &ObjectState,
        before: &[(String, String)],
        after: &[(String, String)],
    ) {
        let Some(rules) = self.rules.get(&target.bucket) else {
            return;
        };
        for rule in rules.iter().filter(|r| r.depends_on_tags()) {
            let was = rule.matches(&target.key, state.size, before);
            let will = rule.matches(&target.key, state.size, after);
            let effect = match (was, will) {
                (false, true) => "starts",
                (true, false) => "stops",
                _ => continue,
            };
            let (count, keys) = self
                .hits
                .entry((target.bucket.clone(), rule.id.clone(), effect))
                .or_default();
            *count += 1;
            if keys.len() < REPORT_SAMPLE_KEYS {
                keys.push(target.key.clone());
            }
        }
    }

    /// One line per rule action, rules that start first.
    pub fn hits(&self) -> Vec<LifecycleHit> {
        let mut out = Vec::new();
        for ((bucket, rule_id, effect), (objects, keys)) in &self.hits {
            let rule = self.rules[bucket].iter().find(|r| &r.id == rule_id);
            for (action, days) in rule.map(|r| r.actions.as_slice()).unwrap_or_default() {
                out.push(LifecycleHit {
                    bucket: bucket.clone(),
                    rule_id: rule_id.clone(),
                    action: action.clone(),
                    days: *days,
                    objects: *objects,
                    sample_keys: keys.clone(),
                    effect,
                });
            }
        }
        out.sort_by_key(|h| h.effect != "starts");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration><Rule><ID>expire-batch</ID><Prefix>logs/</Prefix><Status>Enabled</Status>
<Tag><Key>stage</Key><Value>done</Value></Tag><Expiration><Days>3</Days></Expiration></Rule>
<Rule><ID>off</ID><Prefix></Prefix><Status>Disabled</Status><Tag><Key>stage</Key><Value>done</Value></Tag>
<Expiration><Days>1</Days></Expiration></Rule>
<Rule><ID>keep</ID><Prefix></Prefix><Status>Enabled</Status><Filter><Not><Prefix>logs/keep</Prefix>
<Tag><Key>hold</Key><Value>yes</Value></Tag></Not></Filter><Transition><Days>30</Days><StorageClass>IA</StorageClass></Transition></Rule>
</LifecycleConfiguration>"#;

    #[test]
    fn rules_read_and_match_by_prefix_tags_and_exclusions() {
        let rules = parse_get_bucket_lifecycle_response(200, RULES).unwrap();
        assert_eq!(rules.len(), 3);
        let tag = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert!(rules[0].matches("logs/a", None, &[tag("stage", "done")]));
        assert!(!rules[0].matches("data/a", None, &[tag("stage", "done")]));
        assert!(
            !rules[1].matches("logs/a", None, &[tag("stage", "done")]),
            "disabled"
        );
        assert!(rules[2].matches("x", None, &[]));
        assert!(!rules[2].matches("x", None, &[tag("hold", "yes")]));
        assert!(!rules[2].matches("logs/keep1", None, &[]));
        assert_eq!(
            rules[2].actions,
            vec![("Transition to IA".to_string(), Some(30))]
        );
        let none = r#"<?xml version="1.0"?><Error><Code>NoSuchLifecycle</Code><Message>No Row found in Lifecycle Table.</Message></Error>"#;
        assert_eq!(
            parse_get_bucket_lifecycle_response(404, none).unwrap(),
            vec![]
        );
    }
}

//! The one table from an issue's element path to the label people read (issue #14): the issue list
//! names fields this way ("Tag 2 key"), while the path stays available as the code tag's title.

use crate::i18n::{texts, Pick};
use ossbatch_core::Lang;

/// The label for `path` in `lang` (`Operation.PutObjectTagging.TagSet.Tag[1].Key` → `Tag 2 key`,
/// `标签 2 的键`); an unknown path is shown as it is.
pub fn label_for(path: &str, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    // Tags: `…TagSet.Tag[i].Key` / `.Value`, 1-based for people.
    if let Some(tag) = path.split(".TagSet.Tag[").nth(1) {
        if let Some((index, field)) = tag.split_once("].") {
            if let Ok(index) = index.parse::<usize>() {
                let n = index + 1;
                return match (zh, field == "Key") {
                    (false, true) => format!("Tag {n} key"),
                    (false, false) => format!("Tag {n} value"),
                    (true, true) => format!("标签 {n} 的键"),
                    (true, false) => format!("标签 {n} 的值"),
                };
            }
        }
        if let Some(index) = tag.strip_suffix(']').and_then(|i| i.parse::<usize>().ok()) {
            return if zh {
                format!("标签 {}", index + 1)
            } else {
                format!("Tag {}", index + 1)
            };
        }
    }
    LABELS
        .iter()
        .find(|(paths, _)| paths.split('|').any(|p| p == path))
        .map(|(_, pick)| pick(texts(lang)))
        .unwrap_or(path)
        .to_string()
}

/// (paths separated by `|`, the label in the app's text catalogue): the words are the form's own
/// labels where the form has one, written once in `crate::i18n`.
const LABELS: &[(&str, Pick)] = &[
    ("", |t| t.request),
    ("region", |t| t.region),
    ("Operation", |t| t.operation),
    (
        "Operation.PutObjectTagging|Operation.AddObjectTagging",
        |t| t.label_tagging,
    ),
    (
        "Operation.PutObjectTagging.TagSet|Operation.AddObjectTagging.TagSet",
        |t| t.label_tags,
    ),
    ("Operation.DeleteObjectTagging", |t| t.op_delete_tagging),
    ("Operation.PutObjectAcl", |t| t.op_put_acl),
    ("Operation.PutObjectAcl.ObjectAcl", |t| t.object_acl),
    ("Operation.RestoreObject", |t| t.op_restore),
    ("Operation.RestoreObject.Days", |t| t.label_restore_days),
    ("Operation.RestoreObject.Tier", |t| t.label_restore_tier),
    ("Report", |t| t.report),
    ("Report.Enabled", |t| t.completion_report),
    ("Report.Bucket", |t| t.report_bucket),
    ("Report.Prefix", |t| t.report_prefix),
    ("Report.ReportScope", |t| t.report_scope),
    ("ClientRequestToken", |t| t.client_token),
    ("Manifest", |t| t.objects_to_process),
    ("Manifest.Location", |t| t.label_manifest_location),
    ("Manifest.Location.Bucket", |t| t.manifest_bucket),
    ("Manifest.Location.Object", |t| t.manifest_object),
    ("Manifest.Location.ETag", |t| t.label_manifest_etag),
    ("Manifest.Location.VersionId", |t| {
        t.label_manifest_version_id
    }),
    ("Manifest.Spec", |t| t.label_manifest_spec),
    ("Manifest.Spec.Format", |t| t.manifest_format),
    ("Manifest.Spec.Fields", |t| t.manifest_fields),
    ("KeyPrefixManifestGenerator", |t| t.label_key_prefix),
    ("KeyPrefixManifestGenerator.SourceBucket", |t| {
        t.source_bucket
    }),
    ("KeyPrefixManifestGenerator.Prefix", |t| t.prefix),
    ("Description", |t| t.description),
    ("Priority", |t| t.priority),
    ("RoleArn", |t| t.role_arn),
    ("ConfirmationRequired", |t| t.label_confirmation_required),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Field;
    use ossbatch_core::request_fields::{value_fields, FIELDS};

    /// Value fields the form edits with a control of their own rather than a text `Field`: the
    /// confirmation and report checkboxes, the Fields picker, the tag editor.
    const OWN_CONTROLS: &[&str] = &[
        "ConfirmationRequired",
        "Report.Enabled",
        "Manifest.Spec.Fields",
        "Operation.*ObjectTagging.TagSet[].Key",
        "Operation.*ObjectTagging.TagSet[].Value",
    ];

    /// A path of the table as the form and the issues write it (the first tag of PutObjectTagging).
    fn concrete(path: &str) -> String {
        path.replace("*ObjectTagging", "PutObjectTagging")
            .replace("TagSet[]", "TagSet.Tag[0]")
    }

    #[test]
    fn the_form_fields_are_the_tables_value_fields() {
        let table: Vec<&str> = value_fields().map(|f| f.path).collect();
        for field in Field::ALL {
            assert!(
                table.contains(&field.path()),
                "the form's {field:?} ({}) is not in the request's field table",
                field.path()
            );
        }
        for path in &table {
            assert!(
                Field::ALL.iter().any(|f| f.path() == *path) || OWN_CONTROLS.contains(path),
                "the table's field {path} has no form control"
            );
        }
    }

    #[test]
    fn every_field_of_the_table_has_a_label_in_both_languages() {
        let mut missing = Vec::new();
        for field in FIELDS {
            let path = concrete(field.path);
            let listed = LABELS
                .iter()
                .any(|(paths, _)| paths.split('|').any(|p| p == path));
            if !listed && !path.contains(".TagSet.Tag[") {
                missing.push(path.clone());
            }
            // In Chinese a label is never the path itself (in English it may be: `Operation`).
            assert_ne!(
                label_for(&path, Lang::Zh),
                path,
                "no Chinese label for {path}"
            );
        }
        assert!(missing.is_empty(), "no label for {missing:?}");
    }
}

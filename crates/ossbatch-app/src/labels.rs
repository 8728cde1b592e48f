//! The one table from an issue's element path to the label people read (issue #14): the issue list
//! names fields this way ("Tag 2 key"), while the path stays available as the code tag's title.

/// The label for `path` (`Operation.PutObjectTagging.TagSet.Tag[1].Key` → `Tag 2 key`); an unknown
/// path is shown as it is.
pub fn label_for(path: &str) -> String {
    // Tags: `…TagSet.Tag[i].Key` / `.Value`, 1-based for people.
    if let Some(tag) = path.split(".TagSet.Tag[").nth(1) {
        if let Some((index, field)) = tag.split_once("].") {
            if let Ok(index) = index.parse::<usize>() {
                let part = if field == "Key" { "key" } else { "value" };
                return format!("Tag {} {part}", index + 1);
            }
        }
        if let Some(index) = tag.strip_suffix(']').and_then(|i| i.parse::<usize>().ok()) {
            return format!("Tag {}", index + 1);
        }
    }
    let label = match path {
        "" => "Request",
        "region" => "Region",
        "Operation" => "Operation",
        "Operation.PutObjectTagging" | "Operation.AddObjectTagging" => "Tagging",
        "Operation.PutObjectTagging.TagSet" | "Operation.AddObjectTagging.TagSet" => "Tags",
        "Operation.PutObjectAcl.ObjectAcl" => "Object ACL",
        "Operation.RestoreObject.Days" => "Restore days",
        "Operation.RestoreObject.Tier" => "Restore tier",
        "Report" => "Report",
        "Report.Enabled" => "Completion report",
        "Report.Bucket" => "Report bucket",
        "Report.Prefix" => "Report prefix",
        "Report.ReportScope" => "Report scope",
        "ClientRequestToken" => "Client request token",
        "Manifest" => "Objects to process",
        "Manifest.Location" => "Manifest location",
        "Manifest.Location.Bucket" => "Manifest bucket",
        "Manifest.Location.Object" => "Manifest object key",
        "Manifest.Location.ETag" => "Manifest ETag",
        "Manifest.Location.VersionId" => "Manifest version ID",
        "Manifest.Spec" => "Manifest format and columns",
        "Manifest.Spec.Format" => "Manifest format",
        "Manifest.Spec.Fields" => "Manifest columns (Fields)",
        "KeyPrefixManifestGenerator" => "Objects under a prefix",
        "KeyPrefixManifestGenerator.SourceBucket" => "Source bucket",
        "KeyPrefixManifestGenerator.Prefix" => "Prefix",
        "Description" => "Description",
        "Priority" => "Priority",
        "RoleArn" => "RAM role ARN",
        "ConfirmationRequired" => "Require confirmation",
        other => other,
    };
    label.to_string()
}

#[cfg(test)]
mod tests {
    use super::label_for;
    use ossbatch_core::{validate, CreateJobRequest};

    #[test]
    fn tags_are_counted_from_one_and_every_issue_of_a_bare_draft_has_a_label() {
        assert_eq!(
            label_for("Operation.PutObjectTagging.TagSet.Tag[1].Key"),
            "Tag 2 key"
        );
        assert_eq!(
            label_for("Operation.AddObjectTagging.TagSet.Tag[0].Value"),
            "Tag 1 value"
        );
        assert_eq!(label_for("Report.Bucket"), "Report bucket");
        for issue in validate(&CreateJobRequest::default()) {
            let label = label_for(&issue.path);
            assert!(
                !label.contains('.'),
                "{} has no label (got {label})",
                issue.path
            );
        }
    }
}

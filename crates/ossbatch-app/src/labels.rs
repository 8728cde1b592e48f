//! The one table from an issue's element path to the label people read (issue #14): the issue list
//! names fields this way ("Tag 2 key"), while the path stays available as the code tag's title.

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
        .find(|(paths, _, _)| paths.split('|').any(|p| p == path))
        .map(|(_, en, zh_label)| if zh { *zh_label } else { *en })
        .unwrap_or(path)
        .to_string()
}

/// (paths separated by `|`, English, Chinese).
const LABELS: &[(&str, &str, &str)] = &[
    ("", "Request", "请求"),
    ("region", "Region", "地域"),
    ("Operation", "Operation", "操作"),
    (
        "Operation.PutObjectTagging|Operation.AddObjectTagging",
        "Tagging",
        "标签操作",
    ),
    (
        "Operation.PutObjectTagging.TagSet|Operation.AddObjectTagging.TagSet",
        "Tags",
        "标签",
    ),
    ("Operation.PutObjectAcl.ObjectAcl", "Object ACL", "对象 ACL"),
    ("Operation.RestoreObject.Days", "Restore days", "解冻天数"),
    ("Operation.RestoreObject.Tier", "Restore tier", "解冻优先级"),
    ("Report", "Report", "报告"),
    ("Report.Enabled", "Completion report", "完成报告"),
    ("Report.Bucket", "Report bucket", "报告所在存储空间"),
    ("Report.Prefix", "Report prefix", "报告前缀"),
    ("Report.ReportScope", "Report scope", "报告范围"),
    (
        "ClientRequestToken",
        "Client request token",
        "客户端请求令牌",
    ),
    ("Manifest", "Objects to process", "要处理的对象"),
    ("Manifest.Location", "Manifest location", "清单位置"),
    (
        "Manifest.Location.Bucket",
        "Manifest bucket",
        "清单所在存储空间",
    ),
    (
        "Manifest.Location.Object",
        "Manifest object key",
        "清单文件的对象名",
    ),
    ("Manifest.Location.ETag", "Manifest ETag", "清单 ETag"),
    (
        "Manifest.Location.VersionId",
        "Manifest version ID",
        "清单版本 ID",
    ),
    (
        "Manifest.Spec",
        "Manifest format and columns",
        "清单格式和列",
    ),
    ("Manifest.Spec.Format", "Manifest format", "清单格式"),
    (
        "Manifest.Spec.Fields",
        "Manifest columns (Fields)",
        "清单列（Fields）",
    ),
    (
        "KeyPrefixManifestGenerator",
        "Objects under a prefix",
        "前缀下的对象",
    ),
    (
        "KeyPrefixManifestGenerator.SourceBucket",
        "Source bucket",
        "源存储空间",
    ),
    ("KeyPrefixManifestGenerator.Prefix", "Prefix", "前缀"),
    ("Description", "Description", "描述"),
    ("Priority", "Priority", "优先级"),
    ("RoleArn", "RAM role ARN", "RAM 角色 ARN"),
    ("ConfirmationRequired", "Require confirmation", "需要确认"),
];

#[cfg(test)]
mod tests {
    use super::label_for;
    use ossbatch_core::{validate, CreateJobRequest, Lang};

    #[test]
    fn tags_are_counted_from_one_and_every_issue_of_a_bare_draft_has_a_label() {
        assert_eq!(
            label_for("Operation.PutObjectTagging.TagSet.Tag[1].Key", Lang::En),
            "Tag 2 key"
        );
        assert_eq!(
            label_for("Operation.AddObjectTagging.TagSet.Tag[0].Value", Lang::Zh),
            "标签 1 的值"
        );
        assert_eq!(label_for("Report.Bucket", Lang::En), "Report bucket");
        assert_eq!(label_for("Report.Bucket", Lang::Zh), "报告所在存储空间");
        for issue in validate(&CreateJobRequest::default()) {
            for lang in Lang::ALL {
                let label = label_for(&issue.path, lang);
                assert!(
                    !label.contains('.'),
                    "{} has no label (got {label})",
                    issue.path
                );
            }
        }
    }
}

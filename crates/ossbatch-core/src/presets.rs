//! Starting points for common jobs. Each preset leaves the buckets, the role and the token to the user
//! (placeholders stay empty so validation points at them); once those are filled it has zero errors.

use crate::model::*;

/// One preset: a stable id, a title, what it does, and the draft it produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// The title and description in Simplified Chinese.
    pub title_zh: &'static str,
    pub description_zh: &'static str,
}

pub const PRESETS: [Preset; 3] = [
    Preset {
        id: "tag-for-lifecycle",
        title: "Tag objects under a prefix for lifecycle deletion",
        description: "AddObjectTagging expire=true on every object under a prefix, so a lifecycle rule that matches the tag deletes them. The report lists failures only.",
        title_zh: "为前缀下的对象打标签以便生命周期删除",
        description_zh: "对前缀下的每个对象执行 AddObjectTagging expire=true，匹配该标签的生命周期规则会删除它们。报告只列出失败项。",
    },
    Preset {
        id: "restore-archive-7-days",
        title: "Restore archived objects for 7 days",
        description: "RestoreObject for 7 days at Standard priority on every object under a prefix (7 is the most Archive objects accept).",
        title_zh: "解冻归档对象 7 天",
        description_zh: "以 Standard 优先级对前缀下的每个对象执行 RestoreObject，解冻 7 天（归档类型对象最多接受 7 天）。",
    },
    Preset {
        id: "make-private",
        title: "Make objects private",
        description: "PutObjectAcl private on every object under a prefix.",
        title_zh: "将对象设为私有",
        description_zh: "对前缀下的每个对象执行 PutObjectAcl private。",
    },
];

fn base(operation: Operation, description: &str, scope: &str) -> CreateJobRequest {
    CreateJobRequest {
        confirmation_required: Some(true),
        operation: Some(operation),
        report: Some(Report {
            bucket: None,
            enabled: Some(true),
            prefix: Some("batch-reports/".into()),
            report_scope: Some(scope.into()),
        }),
        client_request_token: None,
        manifest: None,
        key_prefix_manifest_generator: Some(KeyPrefixManifestGenerator {
            source_bucket: None,
            prefix: None,
        }),
        description: Some(description.into()),
        priority: Some(10),
        role_arn: None,
    }
}

/// The draft for a preset id, or `None` for an unknown id.
pub fn preset(id: &str) -> Option<CreateJobRequest> {
    Some(match id {
        "tag-for-lifecycle" => base(
            Operation {
                add_object_tagging: Some(TaggingOperation {
                    tag_set: Some(vec![Tag::new("expire", "true")]),
                }),
                ..Default::default()
            },
            "Tag objects for lifecycle deletion",
            "FailedTasksOnly",
        ),
        "restore-archive-7-days" => base(
            Operation {
                restore_object: Some(RestoreObject {
                    days: Some(7),
                    tier: Some("Standard".into()),
                }),
                ..Default::default()
            },
            "Restore archived objects for 7 days",
            "AllTasks",
        ),
        "make-private" => base(
            Operation {
                put_object_acl: Some(PutObjectAcl {
                    object_acl: Some("private".into()),
                }),
                ..Default::default()
            },
            "Make objects private",
            "AllTasks",
        ),
        _ => return None,
    })
}

/// A fresh draft for the builder: the required elements present with sensible defaults.
pub fn new_draft() -> CreateJobRequest {
    CreateJobRequest {
        confirmation_required: Some(false),
        operation: Some(Operation {
            put_object_tagging: Some(TaggingOperation {
                tag_set: Some(vec![Tag::new("", "")]),
            }),
            ..Default::default()
        }),
        report: Some(Report {
            bucket: None,
            enabled: Some(true),
            prefix: None,
            report_scope: Some("AllTasks".into()),
        }),
        client_request_token: None,
        manifest: None,
        key_prefix_manifest_generator: Some(KeyPrefixManifestGenerator::default()),
        description: None,
        priority: Some(10),
        role_arn: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate;

    fn fill(mut request: CreateJobRequest) -> CreateJobRequest {
        request.report.as_mut().unwrap().bucket = Some("report-bucket".into());
        request
            .key_prefix_manifest_generator
            .as_mut()
            .unwrap()
            .source_bucket = Some("source-bucket".into());
        request.role_arn = Some("acs:ram::1234567890123456:role/BatchOperationRole".into());
        request.client_request_token = Some("token".into());
        request
    }

    #[test]
    fn every_preset_is_valid_once_buckets_role_and_token_are_filled() {
        for preset_info in PRESETS {
            let draft = preset(preset_info.id).unwrap();
            let empty_codes: Vec<String> = validate(&draft).into_iter().map(|i| i.code).collect();
            for code in [
                "report.bucket_missing",
                "generator.source_bucket_missing",
                "role_arn.missing",
                "token.missing",
            ] {
                assert!(
                    empty_codes.iter().any(|c| c == code),
                    "{}: {code} in {empty_codes:?}",
                    preset_info.id
                );
            }
            let issues = validate(&fill(draft));
            assert!(
                issues.iter().all(|i| !i.is_error()),
                "{}: {issues:?}",
                preset_info.id
            );
        }
        assert_eq!(preset("nope"), None);
    }

    #[test]
    fn a_new_draft_asks_only_for_what_the_user_must_supply() {
        let codes: Vec<String> = validate(&new_draft()).into_iter().map(|i| i.code).collect();
        assert_eq!(
            codes,
            [
                "tag.key_length",
                "report.bucket_missing",
                "token.missing",
                "generator.source_bucket_missing",
                "role_arn.missing"
            ]
        );
    }
}

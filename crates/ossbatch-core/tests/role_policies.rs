//! The role policies of every operation × manifest source × report on/off: exact action sets and
//! resources, never a wildcard action or a `*` resource.

use ossbatch_core::model::*;
use ossbatch_core::role_policy::{role_policies, MANIFEST_BUCKETS_PLACEHOLDER};
use serde_json::Value;

fn operation(name: &str) -> Operation {
    let tags = || TaggingOperation {
        tag_set: Some(vec![Tag {
            key: Some("k".into()),
            value: Some("v".into()),
        }]),
    };
    let mut op = Operation::default();
    match name {
        "PutObjectTagging" => op.put_object_tagging = Some(tags()),
        "AddObjectTagging" => op.add_object_tagging = Some(tags()),
        "DeleteObjectTagging" => op.delete_object_tagging = Some(DeleteObjectTagging {}),
        "PutObjectAcl" => {
            op.put_object_acl = Some(PutObjectAcl {
                object_acl: Some("private".into()),
            })
        }
        "RestoreObject" => {
            op.restore_object = Some(RestoreObject {
                days: Some(3),
                tier: Some("Standard".into()),
            })
        }
        _ => unreachable!(),
    }
    op
}

/// The operation's actions, then with VersionId in Fields.
fn expected_actions(name: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    match name {
        "PutObjectTagging" => (
            vec!["oss:PutObjectTagging"],
            vec!["oss:PutObjectVersionTagging"],
        ),
        "AddObjectTagging" => (
            vec!["oss:GetObjectTagging", "oss:PutObjectTagging"],
            vec!["oss:GetObjectVersionTagging", "oss:PutObjectVersionTagging"],
        ),
        "DeleteObjectTagging" => (
            vec!["oss:DeleteObjectTagging"],
            vec!["oss:DeleteObjectVersionTagging"],
        ),
        "PutObjectAcl" => (vec!["oss:PutObjectAcl"], vec!["oss:PutObjectVersionAcl"]),
        "RestoreObject" => (vec!["oss:RestoreObject"], vec!["oss:RestoreObjectVersion"]),
        _ => unreachable!(),
    }
}

fn statements(policy: &Value) -> Vec<(Vec<String>, Vec<String>, Option<Value>)> {
    policy["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let list = |v: &Value| -> Vec<String> {
                v.as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect()
            };
            (
                list(&s["Action"]),
                list(&s["Resource"]),
                s.get("Condition").cloned(),
            )
        })
        .collect()
}

#[test]
fn every_operation_source_and_report_combination() {
    for name in [
        "PutObjectTagging",
        "AddObjectTagging",
        "DeleteObjectTagging",
        "PutObjectAcl",
        "RestoreObject",
    ] {
        for source in ["manifest", "manifest-versions", "prefix"] {
            for report in [false, true] {
                let mut request = CreateJobRequest {
                    operation: Some(operation(name)),
                    role_arn: Some("acs:ram::1234567890123456:role/batch-role".into()),
                    report: Some(Report {
                        enabled: Some(report),
                        bucket: report.then(|| "report-bkt".to_string()),
                        prefix: report.then(|| "reports/".to_string()),
                        report_scope: None,
                    }),
                    ..Default::default()
                };
                if source == "prefix" {
                    request.key_prefix_manifest_generator = Some(KeyPrefixManifestGenerator {
                        source_bucket: Some("src-bkt".into()),
                        prefix: Some("photos/".into()),
                    });
                } else {
                    request.manifest = Some(Manifest {
                        location: Some(ManifestLocation {
                            bucket: Some("manifest-bkt".into()),
                            object: Some("lists/m.csv".into()),
                            ..Default::default()
                        }),
                        spec: Some(ManifestSpec {
                            fields: Some(
                                if source == "manifest" {
                                    "Bucket,Key"
                                } else {
                                    "Bucket,Key,VersionId"
                                }
                                .into(),
                            ),
                            format: Some("OSS_BatchOperations_CSV_20250611".into()),
                        }),
                    });
                }
                let buckets = ["data-a".to_string(), "data-b".to_string()];
                let policies =
                    role_policies(&request, (source != "prefix").then_some(&buckets[..]));
                let found = statements(&policies.permission_policy.document);
                let (mut ops, versioned) = expected_actions(name);
                if source == "manifest-versions" {
                    ops.extend(versioned);
                }
                let mut expected: Vec<(Vec<String>, Vec<String>, Option<Value>)> = Vec::new();
                let targets = if source == "prefix" {
                    vec!["acs:oss:*:*:src-bkt/photos/*".to_string()]
                } else {
                    vec![
                        "acs:oss:*:*:data-a/*".to_string(),
                        "acs:oss:*:*:data-b/*".to_string(),
                    ]
                };
                expected.push((ops.iter().map(|s| s.to_string()).collect(), targets, None));
                if source == "prefix" {
                    expected.push((
                        vec!["oss:ListObjects".into()],
                        vec!["acs:oss:*:*:src-bkt".into()],
                        Some(serde_json::json!({"StringLike": {"oss:Prefix": ["photos/*"]}})),
                    ));
                } else {
                    expected.push((
                        vec!["oss:GetObject".into()],
                        vec!["acs:oss:*:*:manifest-bkt/lists/m.csv".into()],
                        None,
                    ));
                }
                if report {
                    expected.push((
                        vec!["oss:PutObject".into()],
                        vec!["acs:oss:*:*:report-bkt/reports/*".into()],
                        None,
                    ));
                }
                assert_eq!(found, expected, "{name} {source} report={report}");
                assert_eq!(
                    policies.permission_policy.explanations.len(),
                    expected.len(),
                    "one explanation per statement"
                );
                assert!(
                    policies.placeholders.is_empty(),
                    "{:?}",
                    policies.placeholders
                );
                let caller = statements(&policies.caller_policy.document);
                assert_eq!(
                    caller[0].1,
                    vec!["acs:oss:*:1234567890123456:*".to_string()]
                );
                assert_eq!(
                    caller[1],
                    (
                        vec!["ram:PassRole".into()],
                        vec!["acs:ram:*:1234567890123456:role/batch-role".into()],
                        None
                    )
                );
                let trust = &policies.trust_policy.document["Statement"][0];
                assert_eq!(trust["Action"], "sts:AssumeRole");
                assert_eq!(trust["Principal"]["Service"][0], "oss.aliyuncs.com");
                for doc in [
                    &policies.permission_policy.document,
                    &policies.caller_policy.document,
                ] {
                    for (actions, resources, _) in statements(doc) {
                        assert!(
                            actions.iter().all(|a| !a.ends_with(":*") && a != "*"),
                            "{actions:?}"
                        );
                        assert!(resources.iter().all(|r| r != "*"), "{resources:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn unknown_manifest_buckets_are_a_marked_placeholder() {
    let request = CreateJobRequest {
        operation: Some(operation("PutObjectAcl")),
        manifest: Some(Manifest {
            location: Some(ManifestLocation {
                bucket: Some("m".into()),
                object: Some("o".into()),
                version_id: Some("v9".into()),
                ..Default::default()
            }),
            spec: None,
        }),
        ..Default::default()
    };
    let policies = role_policies(&request, None);
    let found = statements(&policies.permission_policy.document);
    assert_eq!(
        found[0].1,
        vec![format!("acs:oss:*:*:{MANIFEST_BUCKETS_PLACEHOLDER}/*")]
    );
    assert_eq!(
        found[1].0,
        vec![
            "oss:GetObject".to_string(),
            "oss:GetObjectVersion".to_string()
        ]
    );
    assert!(policies
        .placeholders
        .contains(&MANIFEST_BUCKETS_PLACEHOLDER.to_string()));
    assert!(policies.placeholders.contains(&"<account-id>".to_string()));
}

//! Every rule of the catalogue: a mutation of a clean request that must raise it (at the right path, with
//! the catalogue's severity), and valid values at the rule's edges that must not.

mod common;

use common::*;
use ossbatch_core::*;
use std::collections::BTreeSet;

type Mutation = Box<dyn Fn(&mut CreateJobRequest, &mut ValidateOptions)>;
type Edit = Box<dyn Fn(&mut CreateJobRequest)>;

fn case(
    code: &'static str,
    path: &'static str,
    mutate: impl Fn(&mut CreateJobRequest) + 'static,
) -> (&'static str, &'static str, Mutation) {
    (code, path, Box::new(move |request, _| mutate(request)))
}

fn region_case(code: &'static str, region: &'static str) -> (&'static str, &'static str, Mutation) {
    (
        code,
        "region",
        Box::new(move |_, options| options.region = Some(region.into())),
    )
}

fn failing_cases() -> Vec<(&'static str, &'static str, Mutation)> {
    vec![
        case("operation.missing", "Operation", |r| r.operation = None),
        case("operation.missing", "Operation", |r| {
            r.operation = Some(Operation::default())
        }),
        case("operation.multiple", "Operation", |r| {
            operation(r).delete_object_tagging = Some(DeleteObjectTagging {})
        }),
        case(
            "tagging.tagset_missing",
            "Operation.PutObjectTagging.TagSet",
            |r| operation(r).put_object_tagging = Some(TaggingOperation { tag_set: None }),
        ),
        case(
            "tagging.tagset_missing",
            "Operation.AddObjectTagging.TagSet",
            |r| {
                only_operation(r, |o| {
                    o.add_object_tagging = Some(TaggingOperation::default())
                })
            },
        ),
        case(
            "tagging.tagset_empty",
            "Operation.PutObjectTagging.TagSet",
            |r| tags(r).clear(),
        ),
        case(
            "tagging.too_many_tags",
            "Operation.PutObjectTagging.TagSet",
            |r| *tags(r) = (0..11).map(|i| Tag::new(format!("k{i}"), "v")).collect(),
        ),
        case(
            "tag.key_missing",
            "Operation.PutObjectTagging.TagSet.Tag[0].Key",
            |r| tags(r)[0].key = None,
        ),
        case(
            "tag.key_length",
            "Operation.PutObjectTagging.TagSet.Tag[0].Key",
            |r| tags(r)[0].key = Some(String::new()),
        ),
        case(
            "tag.key_length",
            "Operation.PutObjectTagging.TagSet.Tag[0].Key",
            |r| tags(r)[0].key = Some("k".repeat(129)),
        ),
        case(
            "tag.key_chars",
            "Operation.PutObjectTagging.TagSet.Tag[0].Key",
            |r| tags(r)[0].key = Some("cost#center".into()),
        ),
        case(
            "tag.key_duplicate",
            "Operation.PutObjectTagging.TagSet.Tag[2].Key",
            |r| *tags(r) = vec![Tag::new("a", "1"), Tag::new("b", "2"), Tag::new("a", "3")],
        ),
        case(
            "tag.key_chars",
            "Operation.AddObjectTagging.TagSet.Tag[1].Key",
            |r| {
                only_operation(r, |o| {
                    o.add_object_tagging = Some(TaggingOperation {
                        tag_set: Some(vec![Tag::new("ok", "1"), Tag::new("bad@", "2")]),
                    })
                })
            },
        ),
        case(
            "tag.value_missing",
            "Operation.PutObjectTagging.TagSet.Tag[0].Value",
            |r| tags(r)[0].value = None,
        ),
        case(
            "tag.value_length",
            "Operation.PutObjectTagging.TagSet.Tag[0].Value",
            |r| tags(r)[0].value = Some("v".repeat(257)),
        ),
        case(
            "tag.value_chars",
            "Operation.PutObjectTagging.TagSet.Tag[0].Value",
            |r| tags(r)[0].value = Some("a&b".into()),
        ),
        case("acl.missing", "Operation.PutObjectAcl.ObjectAcl", |r| {
            only_operation(r, |o| o.put_object_acl = Some(PutObjectAcl::default()))
        }),
        case("acl.value", "Operation.PutObjectAcl.ObjectAcl", |r| {
            only_operation(r, |o| {
                o.put_object_acl = Some(PutObjectAcl {
                    object_acl: Some("Private".into()),
                })
            })
        }),
        case("restore.days_range", "Operation.RestoreObject.Days", |r| {
            only_operation(r, |o| {
                o.restore_object = Some(RestoreObject {
                    days: Some(0),
                    tier: None,
                })
            })
        }),
        case("restore.days_range", "Operation.RestoreObject.Days", |r| {
            only_operation(r, |o| {
                o.restore_object = Some(RestoreObject {
                    days: Some(366),
                    tier: None,
                })
            })
        }),
        case(
            "restore.days_archive",
            "Operation.RestoreObject.Days",
            |r| {
                only_operation(r, |o| {
                    o.restore_object = Some(RestoreObject {
                        days: Some(8),
                        tier: None,
                    })
                })
            },
        ),
        case("restore.tier_value", "Operation.RestoreObject.Tier", |r| {
            only_operation(r, |o| {
                o.restore_object = Some(RestoreObject {
                    days: Some(1),
                    tier: Some("Expedited".into()),
                })
            })
        }),
        case("restore.tier_bulk", "Operation.RestoreObject.Tier", |r| {
            only_operation(r, |o| {
                o.restore_object = Some(RestoreObject {
                    days: Some(1),
                    tier: Some("Bulk".into()),
                })
            })
        }),
        case("report.missing", "Report", |r| r.report = None),
        case("report.enabled_missing", "Report.Enabled", |r| {
            report(r).enabled = None
        }),
        case("report.bucket_missing", "Report.Bucket", |r| {
            report(r).bucket = None
        }),
        case("report.scope_value", "Report.ReportScope", |r| {
            report(r).report_scope = Some("All".into())
        }),
        case("report.prefix_no_slash", "Report.Prefix", |r| {
            report(r).prefix = Some("reports".into())
        }),
        case("token.missing", "ClientRequestToken", |r| {
            r.client_request_token = None
        }),
        case("token.length", "ClientRequestToken", |r| {
            r.client_request_token = Some(String::new())
        }),
        case("token.length", "ClientRequestToken", |r| {
            r.client_request_token = Some("t".repeat(65))
        }),
        case("manifest.source_missing", "Manifest", |r| r.manifest = None),
        case("manifest.source_both", "Manifest", |r| {
            r.key_prefix_manifest_generator = Some(KeyPrefixManifestGenerator {
                source_bucket: Some("source-bucket".into()),
                prefix: None,
            })
        }),
        case("manifest.location_missing", "Manifest.Location", |r| {
            r.manifest.as_mut().unwrap().location = None
        }),
        case("manifest.bucket_missing", "Manifest.Location.Bucket", |r| {
            location(r).bucket = None
        }),
        case("manifest.object_missing", "Manifest.Location.Object", |r| {
            location(r).object = None
        }),
        case("manifest.etag_format", "Manifest.Location.ETag", |r| {
            location(r).etag = Some("abc".into())
        }),
        case("manifest.spec_missing", "Manifest.Spec", |r| {
            r.manifest.as_mut().unwrap().spec = None
        }),
        case("manifest.format_missing", "Manifest.Spec.Format", |r| {
            spec(r).format = None
        }),
        case("manifest.format_unknown", "Manifest.Spec.Format", |r| {
            spec(r).format = Some("S3BatchOperations_CSV_20180820".into())
        }),
        case("manifest.fields_unknown", "Manifest.Spec.Fields", |r| {
            spec(r).fields = Some("Bucket,Key,Size".into())
        }),
        case("manifest.fields_unknown", "Manifest.Spec.Fields", |r| {
            spec(r).fields = Some("Bucket, Key".into())
        }),
        case("manifest.fields_duplicate", "Manifest.Spec.Fields", |r| {
            spec(r).fields = Some("Key,Key".into())
        }),
        case("manifest.fields_key_missing", "Manifest.Spec.Fields", |r| {
            spec(r).fields = Some("Bucket,VersionId".into())
        }),
        case(
            "generator.source_bucket_missing",
            "KeyPrefixManifestGenerator.SourceBucket",
            |r| {
                use_generator(r, "x");
                r.key_prefix_manifest_generator
                    .as_mut()
                    .unwrap()
                    .source_bucket = None;
            },
        ),
        case("bucket.length", "Report.Bucket", |r| {
            report(r).bucket = Some("ab".into())
        }),
        case("bucket.length", "Manifest.Location.Bucket", |r| {
            location(r).bucket = Some("b".repeat(64))
        }),
        case("bucket.chars", "Manifest.Location.Bucket", |r| {
            location(r).bucket = Some("Manifest_Bucket".into())
        }),
        case("bucket.chars", "Report.Bucket", |r| {
            report(r).bucket = Some(" report-bucket".into())
        }),
        case(
            "bucket.edge",
            "KeyPrefixManifestGenerator.SourceBucket",
            |r| use_generator(r, "-source"),
        ),
        case("object_key.length", "Manifest.Location.Object", |r| {
            location(r).object = Some(String::new())
        }),
        case("object_key.length", "Manifest.Location.Object", |r| {
            location(r).object = Some("k".repeat(1024))
        }),
        case(
            "object_key.leading_slash",
            "Manifest.Location.Object",
            |r| location(r).object = Some("/manifest.csv".into()),
        ),
        case("prefix.leading_slash", "Report.Prefix", |r| {
            report(r).prefix = Some("/reports/".into())
        }),
        case(
            "prefix.leading_slash",
            "KeyPrefixManifestGenerator.Prefix",
            |r| {
                use_generator(r, "source-bucket");
                r.key_prefix_manifest_generator.as_mut().unwrap().prefix = Some("/logs/".into());
            },
        ),
        case("description.length", "Description", |r| {
            r.description = Some("d".repeat(257))
        }),
        case("priority.missing", "Priority", |r| r.priority = None),
        case("priority.range", "Priority", |r| r.priority = Some(-5)),
        case("priority.range", "Priority", |r| {
            r.priority = Some(2_147_483_648)
        }),
        case("role_arn.missing", "RoleArn", |r| r.role_arn = None),
        case("role_arn.format", "RoleArn", |r| {
            r.role_arn = Some("arn:aws:iam::123456789012:role/x".into())
        }),
        case("role_arn.account_placeholder", "RoleArn", |r| {
            r.role_arn = Some("arn:acs:ram::uid:role/BatchOperationRole".into())
        }),
        case("text.invalid_char", "Description", |r| {
            r.description = Some("bell\u{7}".into())
        }),
        case(
            "text.invalid_char",
            "Operation.PutObjectTagging.TagSet.Tag[0].Value",
            |r| tags(r)[0].value = Some("\u{0}".into()),
        ),
        region_case("region.format", "cn-hangzhou.evil.com"),
        region_case("region.format", "oss-cn-hangzhou"),
        region_case("region.unsupported", "us-west-1"),
        case("issues.truncated", "", |r| {
            *tags(r) = (0..300).map(|_| Tag::new("#", "#")).collect();
        }),
    ]
}

#[test]
fn the_clean_request_has_no_issue_at_all() {
    assert_eq!(validate(&valid_request()), vec![]);
    let options = ValidateOptions {
        region: Some("cn-hangzhou".into()),
    };
    assert_eq!(validate_with(&valid_request(), &options), vec![]);
}

#[test]
fn each_mutation_raises_its_rule_at_its_path() {
    for (code, path, mutate) in failing_cases() {
        let mut request = valid_request();
        let mut options = ValidateOptions::default();
        mutate(&mut request, &mut options);
        let issues = validate_with(&request, &options);
        let found = issues
            .iter()
            .find(|issue| issue.code == code && issue.path == path);
        let issue = found.unwrap_or_else(|| panic!("expected {code} at {path:?}, got {issues:#?}"));
        let rule = rules::by_code(code).expect("code is in the catalogue");
        assert_eq!(issue.severity, rule.severity, "{code}");
        assert!(!issue.message.is_empty());
        if !path.is_empty() && path != "region" {
            // The message names the field it is about.
            let leaf = path.rsplit('.').next().unwrap();
            let leaf = leaf.split('[').next().unwrap();
            assert!(
                issue.message.contains(leaf) || issue.message.contains("Manifest"),
                "{code}: message {:?} does not name {leaf}",
                issue.message
            );
        }
    }
}

/// The job-management parameter rules: (code, path, the issues of one bad call).
fn job_cases() -> Vec<(&'static str, &'static str, Vec<Issue>)> {
    use ossbatch_core::api::jobs::*;
    vec![
        (
            "job.id_missing",
            "batchJobId",
            validate_update_job_priority("", 1),
        ),
        (
            "job.target_priority_range",
            "targetPriority",
            validate_update_job_priority("id", -1),
        ),
        (
            "job.requested_status_value",
            "requestedJobStatus",
            validate_update_job_status("id", None, &JobStatus::Paused, None),
        ),
        (
            "job.status_transition",
            "requestedJobStatus",
            validate_update_job_status("id", Some(&JobStatus::Active), &JobStatus::Ready, None),
        ),
        (
            "job.reason_length",
            "statusUpdateReason",
            validate_update_job_status("id", None, &JobStatus::Cancelled, Some("")),
        ),
        (
            "job.status_filter_value",
            "batchJobStatuses",
            validate_list_jobs(&ListJobsInput {
                statuses: vec!["Running".into()],
                ..Default::default()
            }),
        ),
        (
            "job.max_keys_range",
            "max-keys",
            validate_list_jobs(&ListJobsInput {
                max_keys: Some(1001),
                ..Default::default()
            }),
        ),
        (
            "job.continuation_token_length",
            "continuation-token",
            validate_list_jobs(&ListJobsInput {
                continuation_token: Some("t".repeat(1025)),
                ..Default::default()
            }),
        ),
    ]
}

#[test]
fn each_job_parameter_rule_is_raised_at_its_parameter() {
    for (code, path, issues) in job_cases() {
        let issue = issues
            .iter()
            .find(|i| i.code == code)
            .unwrap_or_else(|| panic!("{code}: {issues:?}"));
        assert_eq!(issue.path, path, "{code}");
        assert_eq!(issue.severity, rules::by_code(code).unwrap().severity);
    }
}

#[test]
fn every_catalogue_rule_has_a_failing_case() {
    let mut covered: BTreeSet<&str> = failing_cases().iter().map(|(code, _, _)| *code).collect();
    covered.extend(job_cases().iter().map(|(code, _, _)| *code));
    let missing: Vec<&str> = rules::ALL
        .iter()
        .map(|rule| rule.code)
        .filter(|code| !covered.contains(code))
        .collect();
    assert!(missing.is_empty(), "rules without a test: {missing:?}");
}

/// Values at the edges of each rule that are valid: the rule must stay silent.
#[test]
fn valid_edge_values_raise_nothing() {
    let cases: Vec<Edit> = vec![
        Box::new(|r| *tags(r) = (0..10).map(|i| Tag::new(format!("k{i}"), "")).collect()),
        Box::new(|r| tags(r)[0] = Tag::new("k".repeat(128), "v".repeat(256))),
        Box::new(|r| tags(r)[0] = Tag::new("a b+c-d=e.f_g:h/i", "环境 Ünïcode 42")),
        Box::new(|r| *tags(r) = vec![Tag::new("Env", "1"), Tag::new("env", "2")]),
        Box::new(|r| {
            only_operation(r, |o| {
                o.add_object_tagging = Some(TaggingOperation {
                    tag_set: Some(vec![Tag::new("a", "b")]),
                })
            })
        }),
        Box::new(|r| {
            only_operation(r, |o| {
                o.delete_object_tagging = Some(DeleteObjectTagging {})
            })
        }),
        Box::new(|r| {
            for acl in ["default", "private", "public-read", "public-read-write"] {
                only_operation(r, |o| {
                    o.put_object_acl = Some(PutObjectAcl {
                        object_acl: Some(acl.into()),
                    })
                });
                assert_eq!(validate(r), vec![], "{acl}");
            }
        }),
        Box::new(|r| {
            only_operation(r, |o| {
                o.restore_object = Some(RestoreObject {
                    days: Some(1),
                    tier: Some("Standard".into()),
                })
            })
        }),
        Box::new(|r| {
            only_operation(r, |o| {
                o.restore_object = Some(RestoreObject {
                    days: Some(7),
                    tier: None,
                })
            })
        }),
        Box::new(|r| only_operation(r, |o| o.restore_object = Some(RestoreObject::default()))),
        Box::new(|r| {
            *report(r) = Report {
                bucket: None,
                enabled: Some(false),
                prefix: None,
                report_scope: None,
            }
        }),
        Box::new(|r| report(r).report_scope = Some("FailedTasksOnly".into())),
        Box::new(|r| report(r).report_scope = None),
        Box::new(|r| report(r).prefix = None),
        Box::new(|r| report(r).prefix = Some(String::new())),
        Box::new(|r| report(r).bucket = Some("abc".into())),
        Box::new(|r| report(r).bucket = Some("a".repeat(63))),
        Box::new(|r| report(r).bucket = Some("0-9".into())),
        Box::new(|r| r.client_request_token = Some("t".into())),
        Box::new(|r| r.client_request_token = Some("令".repeat(64))),
        Box::new(|r| use_generator(r, "source-bucket")),
        Box::new(|r| {
            use_generator(r, "source-bucket");
            r.key_prefix_manifest_generator.as_mut().unwrap().prefix = None;
        }),
        Box::new(|r| location(r).etag = None),
        Box::new(|r| location(r).etag = Some("\"5B3C1A2E053D763E1B002CC607C5A0FE-3\"".into())),
        Box::new(|r| {
            location(r).version_id =
                Some("3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo".into())
        }),
        Box::new(|r| location(r).object = Some("k".repeat(1023))),
        Box::new(|r| spec(r).fields = None),
        Box::new(|r| spec(r).fields = Some("Key".into())),
        Box::new(|r| spec(r).fields = Some("VersionId,Key,Bucket".into())),
        Box::new(|r| r.description = None),
        Box::new(|r| r.description = Some("描".repeat(256))),
        Box::new(|r| r.priority = Some(0)),
        Box::new(|r| r.priority = Some(2_147_483_647)),
        Box::new(|r| r.role_arn = Some("arn:acs:ram::1234567890123456:role/batch-role".into())),
        Box::new(|r| r.confirmation_required = None),
        Box::new(|r| r.confirmation_required = Some(true)),
    ];
    for (index, mutate) in cases.iter().enumerate() {
        let mut request = valid_request();
        mutate(&mut request);
        assert_eq!(validate(&request), vec![], "edge case #{index}");
    }
}

#[test]
fn all_issues_come_at_once_in_document_order() {
    let request = CreateJobRequest::default();
    let codes: Vec<String> = validate(&request).into_iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        [
            "operation.missing",
            "report.missing",
            "token.missing",
            "manifest.source_missing",
            "priority.missing",
            "role_arn.missing"
        ]
    );
}

#[test]
fn truncation_keeps_200_then_one_notice() {
    let mut request = valid_request();
    *tags(&mut request) = (0..300).map(|_| Tag::new("#", "#")).collect();
    let issues = validate(&request);
    assert_eq!(issues.len(), 201);
    let last = issues.last().unwrap();
    assert_eq!(last.code, "issues.truncated");
    assert!(issues[..200].iter().all(|i| i.code != "issues.truncated"));
}

#[test]
fn duplicate_keys_point_back_to_the_first() {
    let mut request = valid_request();
    *tags(&mut request) = vec![Tag::new("a", "1"), Tag::new("a", "2"), Tag::new("a", "3")];
    let dups: Vec<Issue> = validate(&request)
        .into_iter()
        .filter(|i| i.code == "tag.key_duplicate")
        .collect();
    assert_eq!(dups.len(), 2);
    assert_eq!(dups[0].params["first_index"], 0);
    assert_eq!(dups[1].path, "Operation.PutObjectTagging.TagSet.Tag[2].Key");
}

#[test]
fn issues_serialize_as_plain_data() {
    let mut request = valid_request();
    request.priority = Some(-5);
    let issues = validate(&request);
    let json = serde_json::to_value(&issues).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "code": "priority.range",
            "severity": "error",
            "path": "Priority",
            "message": "Priority must be an integer from 0 to 2147483647; got -5.",
            "params": {"min": 0, "max": 2147483647, "actual": -5}
        }])
    );
}

#[test]
fn all_fourteen_batch_operations_regions_are_accepted_without_a_warning() {
    let ids: Vec<&str> = ossbatch_core::regions::batch_operations_region_ids().collect();
    for region in documented_regions() {
        assert!(ids.contains(&region), "{region}");
        let options = ValidateOptions {
            region: Some(region.into()),
        };
        let issues = validate_with(&valid_request(), &options);
        assert!(
            issues.iter().all(|i| i.path != "region"),
            "{region}: {issues:?}"
        );
    }
    assert_eq!(ids.len(), 14);
    assert_eq!(documented_regions().len(), 14, "the same 14, no more");
}

/// The documented list, kept apart from the code under test (tests/fixtures/batch-operations-regions.txt).
fn documented_regions() -> Vec<&'static str> {
    include_str!("../../../tests/fixtures/batch-operations-regions.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

/// Issue #14: the catalogue in both languages with no gap. Every rule (both catalogues) has a Chinese
/// summary that is Chinese; every issue the failing cases raise reads in Chinese, names its path, and
/// every parameter it carries is either said in Chinese or left out on purpose.
#[test]
fn every_rule_and_every_raised_issue_reads_in_chinese() {
    let is_chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for rule in rules::ALL.iter().chain(rules::manifest::RULES) {
        assert!(
            is_chinese(rule.summary_zh),
            "{}: no Chinese summary: {:?}",
            rule.code,
            rule.summary_zh
        );
        assert_eq!(rule.summary_in(Lang::En), rule.summary);
        // Numbers the English summary states are stated in Chinese too.
        let numbers = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect()
        };
        assert_eq!(
            numbers(rule.summary),
            numbers(rule.summary_zh),
            "{}: the numbers differ between the languages",
            rule.code
        );
    }
    let mut raised: Vec<Issue> = Vec::new();
    for (_, _, mutate) in failing_cases() {
        let mut request = valid_request();
        let mut options = ValidateOptions::default();
        mutate(&mut request, &mut options);
        raised.extend(validate_with(&request, &options));
    }
    for (_, _, issues) in job_cases() {
        raised.extend(issues);
    }
    let codes: BTreeSet<&str> = raised.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes.len(), rules::ALL.len(), "every rule is raised");
    for issue in &raised {
        let zh = issue.message_in(Lang::Zh);
        assert!(is_chinese(&zh), "{}: {zh}", issue.code);
        assert!(zh.starts_with(&issue.path), "{}: {zh}", issue.code);
        assert_eq!(issue.message_in(Lang::En), issue.message);
        for name in issue.params.keys() {
            assert!(
                localize::ZH_PARAMS_NOT_SHOWN.contains(&name.as_str())
                    || !zh.is_empty() && lang_says(&zh, issue, name),
                "{}: parameter {name} is neither said in Chinese nor left out on purpose: {zh}",
                issue.code
            );
        }
    }
}

/// The Chinese message carries the parameter's value.
fn lang_says(zh: &str, issue: &Issue, name: &str) -> bool {
    match &issue.params[name] {
        serde_json::Value::String(text) => zh.contains(text.as_str()),
        serde_json::Value::Array(items) => items
            .iter()
            .all(|item| item.as_str().is_none_or(|text| zh.contains(text))),
        other => zh.contains(&other.to_string()),
    }
}

//! "Copy as Go" uses only the Go SDK v2's own type and field names (compiling Go is not possible here,
//! so the program is read textually against tests/fixtures/go-sdk-createjob-fields.txt, which cites the
//! SDK file it comes from).

use std::collections::HashMap;

use ossbatch_core::copy_as::to_go;
use ossbatch_core::model::*;

fn sdk_fields() -> HashMap<String, Vec<String>> {
    let text = include_str!("../../../tests/fixtures/go-sdk-createjob-fields.txt");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (ty, fields) = line.split_once(':').unwrap();
            (
                ty.trim().to_string(),
                fields.split_whitespace().map(str::to_string).collect(),
            )
        })
        .collect()
}

fn full_request() -> CreateJobRequest {
    let tags = || TaggingOperation {
        tag_set: Some(vec![Tag {
            key: Some("k \"quoted\"".into()),
            value: Some("v\\1".into()),
        }]),
    };
    CreateJobRequest {
        confirmation_required: Some(true),
        operation: Some(Operation {
            put_object_tagging: Some(tags()),
            add_object_tagging: Some(tags()),
            delete_object_tagging: Some(DeleteObjectTagging {}),
            put_object_acl: Some(PutObjectAcl {
                object_acl: Some("private".into()),
            }),
            restore_object: Some(RestoreObject {
                days: Some(7),
                tier: Some("Standard".into()),
            }),
        }),
        report: Some(Report {
            bucket: Some("report-bucket".into()),
            enabled: Some(true),
            prefix: Some("reports/".into()),
            report_scope: Some("AllTasks".into()),
        }),
        client_request_token: Some("token-1".into()),
        manifest: Some(Manifest {
            location: Some(ManifestLocation {
                etag: Some("d41d8cd98f00b204e9800998ecf8427e".into()),
                bucket: Some("manifest-bucket".into()),
                object: Some("m.csv".into()),
                version_id: Some("v1".into()),
            }),
            spec: Some(ManifestSpec {
                fields: Some("Bucket,Key,VersionId".into()),
                format: Some("OSS_BatchOperations_CSV_20250611".into()),
            }),
        }),
        key_prefix_manifest_generator: Some(KeyPrefixManifestGenerator {
            source_bucket: Some("source".into()),
            prefix: Some("p/".into()),
        }),
        description: Some("d".into()),
        priority: Some(10),
        role_arn: Some("acs:ram::123:role/r".into()),
    }
}

#[test]
fn every_field_of_the_go_program_is_a_field_of_its_sdk_type() {
    let sdk = sdk_fields();
    let program = to_go(&full_request(), Some("cn-hangzhou"));
    let start = program
        .find("&oss.CreateJobRequest{")
        .expect("a CreateJob call");
    // A stack of the Go types whose literals are open; `{` alone opens an element of the slice type.
    let mut stack: Vec<String> = vec!["CreateJobRequest".into()];
    let mut used: Vec<(String, String)> = Vec::new();
    for line in program[start..].lines().skip(1) {
        let line = line.trim();
        if line.starts_with('}') {
            stack.pop();
            if stack.is_empty() {
                break;
            }
            continue;
        }
        if line == "{" {
            let element = stack.last().unwrap().trim_start_matches("[]").to_string();
            stack.push(element);
            continue;
        }
        let (field, value) = line.split_once(':').expect("field: value");
        let ty = stack.last().unwrap().clone();
        assert!(
            sdk[&ty].contains(&field.to_string()),
            "{ty} has no field {field} in the Go SDK (line: {line})"
        );
        used.push((ty, field.to_string()));
        let value = value.trim();
        if let Some(inner) = value
            .strip_prefix("&oss.")
            .and_then(|v| v.strip_suffix('{'))
        {
            assert!(sdk.contains_key(inner), "no SDK type {inner}");
            stack.push(inner.to_string());
        } else if let Some(inner) = value
            .strip_prefix("[]oss.")
            .and_then(|v| v.strip_suffix('{'))
        {
            assert!(sdk.contains_key(inner), "no SDK type {inner}");
            stack.push(format!("[]{inner}"));
        } else {
            assert!(value.ends_with(','), "{line}");
        }
    }
    // The full request uses every field of the model.
    for (ty, fields) in &sdk {
        for field in fields {
            assert!(
                used.contains(&(ty.clone(), field.clone())),
                "{ty}.{field} never written"
            );
        }
    }
    assert!(program.contains("Priority: oss.Ptr(int32(10)),"));
    assert!(program.contains("Days: oss.Ptr(int32(7)),"));
    assert!(program.contains("DeleteObjectTagging: oss.Ptr(\"\"),"));
    assert!(program.contains("Key: oss.Ptr(\"k \\\"quoted\\\"\"),"));
    assert!(program.contains("WithRegion(\"cn-hangzhou\")"));
}

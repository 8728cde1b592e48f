//! Shared test data.
#![allow(dead_code)]

use ossbatch_core::*;

pub const SAMPLE_REQUEST: &str =
    include_str!("../../../../tests/fixtures/createjob-sample-request.xml");
pub const SAMPLE_RESPONSE: &str =
    include_str!("../../../../tests/fixtures/createjob-sample-response.xml");

/// A request with no issue at all: not even a warning.
pub fn valid_request() -> CreateJobRequest {
    CreateJobRequest {
        confirmation_required: Some(false),
        operation: Some(Operation {
            put_object_tagging: Some(TaggingOperation {
                tag_set: Some(vec![Tag::new("Environment", "Production")]),
            }),
            ..Default::default()
        }),
        report: Some(Report {
            bucket: Some("report-bucket".into()),
            enabled: Some(true),
            prefix: Some("reports/".into()),
            report_scope: Some("AllTasks".into()),
        }),
        client_request_token: Some("3f1c7a52-0d7e-4f43-9a55-6d3c1b2f8e90".into()),
        manifest: Some(Manifest {
            location: Some(ManifestLocation {
                etag: Some("d41d8cd98f00b204e9800998ecf8427e".into()),
                bucket: Some("manifest-bucket".into()),
                object: Some("manifests/manifest.csv".into()),
                version_id: None,
            }),
            spec: Some(ManifestSpec {
                fields: Some("Bucket,Key".into()),
                format: Some("OSS_BatchOperations_CSV_20250611".into()),
            }),
        }),
        key_prefix_manifest_generator: None,
        description: Some("Tag production objects".into()),
        priority: Some(10),
        role_arn: Some("acs:ram::1234567890123456:role/BatchOperationRole".into()),
    }
}

pub fn operation(request: &mut CreateJobRequest) -> &mut Operation {
    request.operation.get_or_insert_with(Default::default)
}

pub fn tags(request: &mut CreateJobRequest) -> &mut Vec<Tag> {
    operation(request)
        .put_object_tagging
        .get_or_insert_with(Default::default)
        .tag_set
        .get_or_insert_with(Vec::new)
}

pub fn report(request: &mut CreateJobRequest) -> &mut Report {
    request.report.get_or_insert_with(Default::default)
}

pub fn location(request: &mut CreateJobRequest) -> &mut ManifestLocation {
    request
        .manifest
        .get_or_insert_with(Default::default)
        .location
        .get_or_insert_with(Default::default)
}

pub fn spec(request: &mut CreateJobRequest) -> &mut ManifestSpec {
    request
        .manifest
        .get_or_insert_with(Default::default)
        .spec
        .get_or_insert_with(Default::default)
}

/// Switches the request to the prefix generator as its manifest source.
pub fn use_generator(request: &mut CreateJobRequest, bucket: &str) {
    request.manifest = None;
    request.key_prefix_manifest_generator = Some(KeyPrefixManifestGenerator {
        source_bucket: Some(bucket.into()),
        prefix: Some("logs/".into()),
    });
}

/// Switches the operation to the given one alone.
pub fn only_operation(request: &mut CreateJobRequest, set: impl FnOnce(&mut Operation)) {
    let mut operation = Operation::default();
    set(&mut operation);
    request.operation = Some(operation);
}

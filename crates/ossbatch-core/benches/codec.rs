//! validate, to_xml and from_xml on the CreateJob.md sample and on a maximal request (10 tags with
//! 128-character keys and 256-character values, every optional element filled).

use criterion::{criterion_group, criterion_main, Criterion};
use ossbatch_core::*;
use std::hint::black_box;

const SAMPLE: &str = include_str!("../../../tests/fixtures/createjob-sample-request.xml");

fn maximal() -> CreateJobRequest {
    let tags = (0..10)
        .map(|i| {
            Tag::new(
                format!("{i:02}{}", "k".repeat(126)),
                format!("{i:02}{}", "v".repeat(254)),
            )
        })
        .collect();
    CreateJobRequest {
        confirmation_required: Some(true),
        operation: Some(Operation {
            put_object_tagging: Some(TaggingOperation {
                tag_set: Some(tags),
            }),
            ..Default::default()
        }),
        report: Some(Report {
            bucket: Some("r".repeat(63)),
            enabled: Some(true),
            prefix: Some(format!("{}/", "p".repeat(200))),
            report_scope: Some("FailedTasksOnly".into()),
        }),
        client_request_token: Some("t".repeat(64)),
        manifest: Some(Manifest {
            location: Some(ManifestLocation {
                etag: Some("d41d8cd98f00b204e9800998ecf8427e".into()),
                bucket: Some("m".repeat(63)),
                object: Some("o".repeat(1023)),
                version_id: Some(
                    "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo".into(),
                ),
            }),
            spec: Some(ManifestSpec {
                fields: Some("Bucket,Key,VersionId".into()),
                format: Some("OSS_BatchOperations_CSV_20250611".into()),
            }),
        }),
        key_prefix_manifest_generator: None,
        description: Some("d".repeat(256)),
        priority: Some(2_147_483_647),
        role_arn: Some("acs:ram::1234567890123456:role/BatchOperationRole".into()),
    }
}

fn bench(c: &mut Criterion) {
    let sample = from_xml(SAMPLE).unwrap();
    let max = maximal();
    let max_xml = to_xml(&max, XmlStyle::Compact);
    assert!(validate(&max).is_empty(), "the maximal request is valid");

    c.bench_function("validate/sample", |b| {
        b.iter(|| validate(black_box(&sample)))
    });
    c.bench_function("validate/maximal", |b| b.iter(|| validate(black_box(&max))));
    c.bench_function("to_xml/sample", |b| {
        b.iter(|| to_xml(black_box(&sample), XmlStyle::Compact))
    });
    c.bench_function("to_xml/maximal", |b| {
        b.iter(|| to_xml(black_box(&max), XmlStyle::Compact))
    });
    c.bench_function("to_xml_pretty/maximal", |b| {
        b.iter(|| to_xml(black_box(&max), XmlStyle::Pretty))
    });
    c.bench_function("from_xml/sample", |b| {
        b.iter(|| from_xml(black_box(SAMPLE)))
    });
    c.bench_function("from_xml/maximal", |b| {
        b.iter(|| from_xml(black_box(&max_xml)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

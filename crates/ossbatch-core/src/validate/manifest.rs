//! Where the objects come from: Manifest (location, spec) or KeyPrefixManifestGenerator.

use crate::issue::Issue;
use crate::model::*;
use crate::rules;

use super::names;
use super::names::{check_bucket, check_object_key, check_prefix_start, check_text, required_text};

pub(super) fn check_manifest_source(out: &mut Vec<Issue>, request: &CreateJobRequest) {
    match (&request.manifest, &request.key_prefix_manifest_generator) {
        (None, None) => out.push(Issue::new(
            &rules::SOURCE_MISSING,
            "Manifest",
            "Specify which objects to process: either Manifest (a manifest file) or KeyPrefixManifestGenerator (all objects under a prefix).",
        )),
        (Some(_), Some(_)) => out.push(Issue::new(
            &rules::SOURCE_BOTH,
            "Manifest",
            "Both Manifest and KeyPrefixManifestGenerator are given; keep only one.",
        )),
        _ => {}
    }
}

pub(super) fn check_manifest(out: &mut Vec<Issue>, manifest: &Manifest) {
    match &manifest.location {
        None => out.push(Issue::new(
            &rules::MANIFEST_LOCATION_MISSING,
            "Manifest.Location",
            "Manifest.Location is required: the Bucket and Object of the manifest file.",
        )),
        Some(location) => check_location(out, location),
    }
    match &manifest.spec {
        None => out.push(Issue::new(
            &rules::MANIFEST_SPEC_MISSING,
            "Manifest.Spec",
            "Manifest.Spec is required: the manifest's Format (and optionally Fields).",
        )),
        Some(spec) => check_spec(out, spec),
    }
}

fn check_location(out: &mut Vec<Issue>, location: &ManifestLocation) {
    if let Some(etag) = &location.etag {
        check_text(out, "Manifest.Location.ETag", etag);
        if !names::is_plausible_etag(etag) {
            out.push(
                Issue::new(
                    &rules::MANIFEST_ETAG_FORMAT,
                    "Manifest.Location.ETag",
                    format!("Manifest.Location.ETag \"{etag}\" does not look like an OSS ETag (32 hex digits, or hex-N for multipart uploads)."),
                )
                .with("value", etag.as_str()),
            );
        }
    }
    const BUCKET: &str = "Manifest.Location.Bucket";
    const OBJECT: &str = "Manifest.Location.Object";
    let bucket = location.bucket.as_deref();
    let message = "Manifest.Location.Bucket is required: the bucket that holds the manifest file.";
    if let Some(bucket) = required_text(
        out,
        bucket,
        &rules::MANIFEST_BUCKET_MISSING,
        BUCKET,
        message,
    ) {
        check_bucket(out, BUCKET, bucket);
    }
    let object = location.object.as_deref();
    let message = "Manifest.Location.Object is required: the key of the manifest file.";
    if let Some(object) = required_text(
        out,
        object,
        &rules::MANIFEST_OBJECT_MISSING,
        OBJECT,
        message,
    ) {
        check_object_key(out, OBJECT, object);
    }
    if let Some(version) = &location.version_id {
        check_text(out, "Manifest.Location.VersionId", version);
    }
}

fn check_spec(out: &mut Vec<Issue>, spec: &ManifestSpec) {
    const FIELDS: &str = "Manifest.Spec.Fields";
    const FORMAT: &str = "Manifest.Spec.Format";
    if let Some(fields) = &spec.fields {
        check_text(out, FIELDS, fields);
        let mut seen: Vec<&str> = Vec::new();
        for field in fields.split(',') {
            if !known::MANIFEST_FIELDS.contains(&field) {
                let shown = if field.is_empty() {
                    "an empty name".to_string()
                } else {
                    format!("\"{field}\"")
                };
                let hint = if known::MANIFEST_FIELDS.contains(&field.trim()) {
                    " (remove the spaces)"
                } else {
                    ""
                };
                out.push(
                    Issue::new(
                        &rules::MANIFEST_FIELDS_UNKNOWN,
                        FIELDS,
                        format!("{FIELDS} has {shown}{hint}; each field must be one of Bucket, Key, VersionId, separated by commas."),
                    )
                    .with("field", field)
                    .with("allowed", known::MANIFEST_FIELDS.to_vec()),
                );
            } else if seen.contains(&field) {
                out.push(
                    Issue::new(
                        &rules::MANIFEST_FIELDS_DUPLICATE,
                        FIELDS,
                        format!("{FIELDS} lists {field} more than once."),
                    )
                    .with("field", field),
                );
            } else {
                seen.push(field);
            }
        }
        if !seen.contains(&"Key") {
            out.push(Issue::new(
                &rules::MANIFEST_FIELDS_KEY_MISSING,
                FIELDS,
                format!("{FIELDS} must include Key, the column holding each object's key (e.g. Bucket,Key)."),
            ));
        }
    }
    match &spec.format {
        None => out.push(Issue::new(
            &rules::MANIFEST_FORMAT_MISSING,
            FORMAT,
            format!("{FORMAT} is required, e.g. {}.", known::MANIFEST_FORMATS[0]),
        )),
        Some(format) => {
            check_text(out, FORMAT, format);
            if !known::MANIFEST_FORMATS.contains(&format.as_str()) {
                out.push(
                    Issue::new(
                        &rules::MANIFEST_FORMAT_UNKNOWN,
                        FORMAT,
                        format!(
                            "{FORMAT} \"{format}\" is not a known format; the known ones are {}.",
                            known::MANIFEST_FORMATS.join(" and ")
                        ),
                    )
                    .with("value", format.as_str())
                    .with("known", known::MANIFEST_FORMATS.to_vec()),
                );
            }
        }
    }
}

pub(super) fn check_generator(out: &mut Vec<Issue>, generator: &KeyPrefixManifestGenerator) {
    const BUCKET: &str = "KeyPrefixManifestGenerator.SourceBucket";
    const PREFIX: &str = "KeyPrefixManifestGenerator.Prefix";
    match &generator.source_bucket {
        None => out.push(Issue::new(
            &rules::GENERATOR_BUCKET_MISSING,
            BUCKET,
            format!("{BUCKET} is required: the bucket whose objects the job processes."),
        )),
        Some(bucket) => {
            check_text(out, BUCKET, bucket);
            check_bucket(out, BUCKET, bucket);
        }
    }
    if let Some(prefix) = &generator.prefix {
        check_text(out, PREFIX, prefix);
        check_prefix_start(out, PREFIX, prefix);
    }
}

//! Validation: every rule of CreateJob.md and decisions.md, all issues at once, in document order.

pub mod names;

use crate::issue::Issue;
use crate::model::*;
use crate::rules;

use names::{check_bucket, check_object_key, check_prefix_start, check_text};

// The limits live in `crate::limits`; these names are what this module's checks read.
pub use crate::limits::{
    DESCRIPTION_MAX, MAX_ISSUES, PRIORITY_MAX, RESTORE_DAYS_ARCHIVE_MAX, RESTORE_DAYS_MAX,
    TAGS_MAX as MAX_TAGS, TOKEN_MAX,
};

/// What validation needs to know beyond the request itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidateOptions {
    /// The region the job will be created in (`cn-hangzhou`); checked when given.
    pub region: Option<String>,
}

/// Validates a draft request.
pub fn validate(request: &CreateJobRequest) -> Vec<Issue> {
    validate_with(request, &ValidateOptions::default())
}

/// Validates a draft request and, when given, the region it will be submitted to.
pub fn validate_with(request: &CreateJobRequest, options: &ValidateOptions) -> Vec<Issue> {
    let mut out = Vec::new();
    check_operation(&mut out, request.operation.as_ref());
    check_report(&mut out, request.report.as_ref());
    check_token(&mut out, request.client_request_token.as_deref());
    check_manifest_source(&mut out, request);
    if let Some(manifest) = &request.manifest {
        check_manifest(&mut out, manifest);
    }
    if let Some(generator) = &request.key_prefix_manifest_generator {
        check_generator(&mut out, generator);
    }
    check_description(&mut out, request.description.as_deref());
    check_priority(&mut out, request.priority);
    check_role_arn(&mut out, request.role_arn.as_deref());
    if let Some(region) = &options.region {
        names::check_region(&mut out, region);
    }
    truncate(out)
}

fn truncate(mut out: Vec<Issue>) -> Vec<Issue> {
    if out.len() > MAX_ISSUES {
        let total = out.len();
        out.truncate(MAX_ISSUES);
        out.push(
            Issue::new(
                &rules::ISSUES_TRUNCATED,
                "",
                format!("{total} issues were found; only the first {MAX_ISSUES} are listed."),
            )
            .with("total", total)
            .with("shown", MAX_ISSUES),
        );
    }
    out
}

fn check_operation(out: &mut Vec<Issue>, operation: Option<&Operation>) {
    let Some(operation) = operation else {
        out.push(Issue::new(
            &rules::OPERATION_MISSING,
            "Operation",
            "Operation is required: choose one of PutObjectTagging, AddObjectTagging, DeleteObjectTagging, PutObjectAcl, RestoreObject.",
        ));
        return;
    };
    let kinds = operation.kinds();
    match kinds.len() {
        0 => out.push(Issue::new(
            &rules::OPERATION_MISSING,
            "Operation",
            "Operation is empty: it must hold one of PutObjectTagging, AddObjectTagging, DeleteObjectTagging, PutObjectAcl, RestoreObject.",
        )),
        1 => {}
        _ => {
            let names: Vec<&str> = kinds.iter().map(|k| k.element_name()).collect();
            out.push(
                Issue::new(
                    &rules::OPERATION_MULTIPLE,
                    "Operation",
                    format!(
                        "Operation must hold exactly one operation, but holds {}: {}.",
                        names.len(),
                        names.join(", ")
                    ),
                )
                .with("operations", names),
            );
        }
    }
    if let Some(tagging) = &operation.put_object_tagging {
        check_tagging(out, "Operation.PutObjectTagging", tagging);
    }
    if let Some(tagging) = &operation.add_object_tagging {
        check_tagging(out, "Operation.AddObjectTagging", tagging);
    }
    if let Some(acl) = &operation.put_object_acl {
        check_acl(out, acl);
    }
    if let Some(restore) = &operation.restore_object {
        check_restore(out, restore);
    }
}

fn check_tagging(out: &mut Vec<Issue>, base: &str, tagging: &TaggingOperation) {
    let set_path = format!("{base}.TagSet");
    let Some(tags) = &tagging.tag_set else {
        out.push(Issue::new(
            &rules::TAGSET_MISSING,
            &set_path,
            format!("{set_path} is required: add 1 to {MAX_TAGS} tags."),
        ));
        return;
    };
    if tags.is_empty() {
        out.push(Issue::new(
            &rules::TAGSET_EMPTY,
            &set_path,
            format!("{set_path} is empty: add at least one Tag."),
        ));
    }
    if tags.len() > MAX_TAGS {
        out.push(
            Issue::new(
                &rules::TAGSET_TOO_MANY,
                &set_path,
                format!(
                    "{set_path} holds {} tags; at most {MAX_TAGS} are allowed.",
                    tags.len()
                ),
            )
            .with_max(MAX_TAGS, tags.len()),
        );
    }
    for (index, tag) in tags.iter().enumerate() {
        let tag_path = TagPath {
            set_path: &set_path,
            index,
        };
        check_tag_key(out, tag_path, tags, index, tag.key.as_deref());
        check_tag_value(out, tag_path, tag.value.as_deref());
    }
}

/// A tag's path, written out only when an issue needs it: most tags have none, and formatting two
/// paths per tag was a fifth of `validate`'s time on a valid request in the wasm build.
#[derive(Clone, Copy)]
struct TagPath<'a> {
    set_path: &'a str,
    index: usize,
}

impl TagPath<'_> {
    fn field(self, name: &str) -> String {
        format!("{}.Tag[{}].{name}", self.set_path, self.index)
    }
}

fn check_tag_key(
    out: &mut Vec<Issue>,
    tag_path: TagPath<'_>,
    tags: &[Tag],
    index: usize,
    key: Option<&str>,
) {
    let Some(key) = key else {
        let path = tag_path.field("Key");
        out.push(Issue::new(
            &rules::TAG_KEY_MISSING,
            &path,
            format!("{path} is required."),
        ));
        return;
    };
    let length = key.chars().count();
    let bad = names::invalid_tag_chars(key);
    let first = tags[..index]
        .iter()
        .position(|earlier| earlier.key.as_deref() == Some(key));
    let fine = names::all_xml_chars(key)
        && (1..=names::TAG_KEY_MAX).contains(&length)
        && bad.is_empty()
        && first.is_none();
    if fine {
        return;
    }
    let path = tag_path.field("Key");
    check_text(out, &path, key);
    if length == 0 || length > names::TAG_KEY_MAX {
        out.push(
            Issue::new(
                &rules::TAG_KEY_LENGTH,
                &path,
                format!(
                    "{path} must be 1 to {} characters long; it has {length}.",
                    names::TAG_KEY_MAX
                ),
            )
            .with_range(1, names::TAG_KEY_MAX, length),
        );
    }
    if !bad.is_empty() {
        out.push(
            Issue::new(
                &rules::TAG_KEY_CHARS,
                &path,
                format!(
                    "{path} may contain only letters, digits, spaces and + - = . _ : /; found {}.",
                    names::describe_chars(&bad)
                ),
            )
            .with("invalid", bad.iter().collect::<String>()),
        );
    }
    if let Some(first) = first {
        out.push(
            Issue::new(
                &rules::TAG_KEY_DUPLICATE,
                &path,
                format!(
                    "{path} repeats the key \"{key}\" of Tag[{first}]; tag keys must be unique."
                ),
            )
            .with("key", key)
            .with("first_index", first),
        );
    }
}

fn check_tag_value(out: &mut Vec<Issue>, tag_path: TagPath<'_>, value: Option<&str>) {
    let Some(value) = value else {
        let path = tag_path.field("Value");
        out.push(Issue::new(
            &rules::TAG_VALUE_MISSING,
            &path,
            format!("{path} is required (it may be empty)."),
        ));
        return;
    };
    let length = value.chars().count();
    let bad = names::invalid_tag_chars(value);
    if names::all_xml_chars(value) && length <= names::TAG_VALUE_MAX && bad.is_empty() {
        return;
    }
    let path = tag_path.field("Value");
    check_text(out, &path, value);
    if length > names::TAG_VALUE_MAX {
        out.push(
            Issue::new(
                &rules::TAG_VALUE_LENGTH,
                &path,
                format!(
                    "{path} must be at most {} characters long; it has {length}.",
                    names::TAG_VALUE_MAX
                ),
            )
            .with_range(0, names::TAG_VALUE_MAX, length),
        );
    }
    if !bad.is_empty() {
        out.push(
            Issue::new(
                &rules::TAG_VALUE_CHARS,
                &path,
                format!(
                    "{path} may contain only letters, digits, spaces and + - = . _ : /; found {}.",
                    names::describe_chars(&bad)
                ),
            )
            .with("invalid", bad.iter().collect::<String>()),
        );
    }
}

fn check_acl(out: &mut Vec<Issue>, acl: &PutObjectAcl) {
    const PATH: &str = "Operation.PutObjectAcl.ObjectAcl";
    match acl.object_acl.as_deref() {
        None => out.push(Issue::new(
            &rules::ACL_MISSING,
            PATH,
            format!(
                "{PATH} is required: one of {}.",
                known::OBJECT_ACLS.join(", ")
            ),
        )),
        Some(value) if !known::OBJECT_ACLS.contains(&value) => out.push(
            Issue::new(
                &rules::ACL_VALUE,
                PATH,
                format!(
                    "{PATH} must be one of {}; got \"{value}\".",
                    known::OBJECT_ACLS.join(", ")
                ),
            )
            .with("value", value)
            .with("allowed", known::OBJECT_ACLS.to_vec()),
        ),
        Some(_) => {}
    }
}

fn check_restore(out: &mut Vec<Issue>, restore: &RestoreObject) {
    const DAYS: &str = "Operation.RestoreObject.Days";
    const TIER: &str = "Operation.RestoreObject.Tier";
    if let Some(days) = restore.days {
        if !(1..=RESTORE_DAYS_MAX).contains(&days) {
            out.push(
                Issue::new(
                    &rules::RESTORE_DAYS_RANGE,
                    DAYS,
                    format!("{DAYS} must be 1 to {RESTORE_DAYS_MAX}; got {days}."),
                )
                .with_range(1, RESTORE_DAYS_MAX, days),
            );
        } else if days > RESTORE_DAYS_ARCHIVE_MAX {
            out.push(
                Issue::new(
                    &rules::RESTORE_DAYS_ARCHIVE,
                    DAYS,
                    format!(
                        "{DAYS} is {days}: Archive objects accept 1 to {RESTORE_DAYS_ARCHIVE_MAX}; only Cold Archive and Deep Cold Archive objects accept up to {RESTORE_DAYS_MAX}."
                    ),
                )
                .with("archive_max", RESTORE_DAYS_ARCHIVE_MAX)
                .with("actual", days),
            );
        }
    }
    match restore.tier.as_deref() {
        None => {}
        Some(tier) if !known::RESTORE_TIERS.contains(&tier) => out.push(
            Issue::new(
                &rules::RESTORE_TIER_VALUE,
                TIER,
                format!("{TIER} must be Standard or Bulk; got \"{tier}\"."),
            )
            .with("value", tier)
            .with("allowed", known::RESTORE_TIERS.to_vec()),
        ),
        Some("Bulk") => out.push(Issue::new(
            &rules::RESTORE_TIER_BULK,
            TIER,
            format!("{TIER} is Bulk (5 to 12 hours), which applies to Cold Archive objects; Deep Cold Archive objects accept only Standard."),
        )),
        Some(_) => {}
    }
}

fn check_report(out: &mut Vec<Issue>, report: Option<&Report>) {
    let Some(report) = report else {
        out.push(Issue::new(
            &rules::REPORT_MISSING,
            "Report",
            "Report is required; set Report.Enabled to false if you want no report.",
        ));
        return;
    };
    match (&report.bucket, report.enabled) {
        (Some(bucket), _) => {
            check_text(out, "Report.Bucket", bucket);
            check_bucket(out, "Report.Bucket", bucket);
        }
        (None, Some(true)) => out.push(Issue::new(
            &rules::REPORT_BUCKET_MISSING,
            "Report.Bucket",
            "Report.Bucket is required when Report.Enabled is true.",
        )),
        (None, _) => {}
    }
    if report.enabled.is_none() {
        out.push(Issue::new(
            &rules::REPORT_ENABLED_MISSING,
            "Report.Enabled",
            "Report.Enabled is required: true or false.",
        ));
    }
    if let Some(prefix) = &report.prefix {
        check_text(out, "Report.Prefix", prefix);
        check_prefix_start(out, "Report.Prefix", prefix);
        if !prefix.is_empty() && !prefix.ends_with('/') {
            out.push(
                Issue::new(
                    &rules::REPORT_PREFIX_SLASH,
                    "Report.Prefix",
                    format!("Report.Prefix \"{prefix}\" does not end in /; reports will be named {prefix}<job-id>... rather than stored under {prefix}/."),
                )
                .with("value", prefix.as_str()),
            );
        }
    }
    if let Some(scope) = &report.report_scope {
        if !known::REPORT_SCOPES.contains(&scope.as_str()) {
            out.push(
                Issue::new(
                    &rules::REPORT_SCOPE_VALUE,
                    "Report.ReportScope",
                    format!(
                        "Report.ReportScope must be AllTasks or FailedTasksOnly; got \"{scope}\"."
                    ),
                )
                .with("value", scope.as_str())
                .with("allowed", known::REPORT_SCOPES.to_vec()),
            );
        }
    }
}

fn check_token(out: &mut Vec<Issue>, token: Option<&str>) {
    const PATH: &str = "ClientRequestToken";
    let Some(token) = token else {
        out.push(Issue::new(
            &rules::TOKEN_MISSING,
            PATH,
            "ClientRequestToken is required: 1 to 64 characters that identify this job, so a retry never creates a second job.",
        ));
        return;
    };
    check_text(out, PATH, token);
    let length = token.chars().count();
    if length == 0 || length > TOKEN_MAX {
        out.push(
            Issue::new(
                &rules::TOKEN_LENGTH,
                PATH,
                format!(
                    "ClientRequestToken must be 1 to {TOKEN_MAX} characters long; it has {length}."
                ),
            )
            .with_range(1, TOKEN_MAX, length),
        );
    }
}

fn check_manifest_source(out: &mut Vec<Issue>, request: &CreateJobRequest) {
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

fn check_manifest(out: &mut Vec<Issue>, manifest: &Manifest) {
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
    match &location.bucket {
        None => out.push(Issue::new(
            &rules::MANIFEST_BUCKET_MISSING,
            "Manifest.Location.Bucket",
            "Manifest.Location.Bucket is required: the bucket that holds the manifest file.",
        )),
        Some(bucket) => {
            check_text(out, "Manifest.Location.Bucket", bucket);
            check_bucket(out, "Manifest.Location.Bucket", bucket);
        }
    }
    match &location.object {
        None => out.push(Issue::new(
            &rules::MANIFEST_OBJECT_MISSING,
            "Manifest.Location.Object",
            "Manifest.Location.Object is required: the key of the manifest file.",
        )),
        Some(object) => {
            check_text(out, "Manifest.Location.Object", object);
            check_object_key(out, "Manifest.Location.Object", object);
        }
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

fn check_generator(out: &mut Vec<Issue>, generator: &KeyPrefixManifestGenerator) {
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

fn check_description(out: &mut Vec<Issue>, description: Option<&str>) {
    let Some(description) = description else {
        return;
    };
    check_text(out, "Description", description);
    let length = description.chars().count();
    if length > DESCRIPTION_MAX {
        out.push(
            Issue::new(
                &rules::DESCRIPTION_LENGTH,
                "Description",
                format!("Description has {length} characters; keep it to {DESCRIPTION_MAX}."),
            )
            .with_max(DESCRIPTION_MAX, length),
        );
    }
}

fn check_priority(out: &mut Vec<Issue>, priority: Option<i64>) {
    match priority {
        None => out.push(Issue::new(
            &rules::PRIORITY_MISSING,
            "Priority",
            format!(
                "Priority is required: an integer from 0 to {PRIORITY_MAX}; higher runs first."
            ),
        )),
        Some(value) if !(0..=PRIORITY_MAX).contains(&value) => out.push(
            Issue::new(
                &rules::PRIORITY_RANGE,
                "Priority",
                format!("Priority must be an integer from 0 to {PRIORITY_MAX}; got {value}."),
            )
            .with_range(0, PRIORITY_MAX, value),
        ),
        Some(_) => {}
    }
}

fn check_role_arn(out: &mut Vec<Issue>, arn: Option<&str>) {
    const PATH: &str = "RoleArn";
    let Some(arn) = arn else {
        out.push(Issue::new(
            &rules::ROLE_ARN_MISSING,
            PATH,
            "RoleArn is required: the RAM role OSS assumes to run the job, like acs:ram::<account-id>:role/<role-name>.",
        ));
        return;
    };
    check_text(out, PATH, arn);
    match names::parse_role_arn(arn) {
        None => out.push(
            Issue::new(
                &rules::ROLE_ARN_FORMAT,
                PATH,
                format!("RoleArn \"{arn}\" must look like acs:ram::<account-id>:role/<role-name>."),
            )
            .with("value", arn),
        ),
        Some(parts) if !parts.account.chars().all(|c| c.is_ascii_digit()) => out.push(
            Issue::new(
                &rules::ROLE_ARN_ACCOUNT,
                PATH,
                format!(
                    "The account \"{}\" in RoleArn is not a numeric account id; replace the placeholder with your Alibaba Cloud account id.",
                    parts.account
                ),
            )
            .with("account", parts.account),
        ),
        Some(_) => {}
    }
}

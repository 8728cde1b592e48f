//! The job as something to paste elsewhere (issue #13): an `ossutil` command with the job file to save,
//! and a complete Go program calling `CreateJob` with the official Go SDK v2
//! (`github.com/aliyun/alibabacloud-oss-go-sdk-v2`, the only official SDK with batch jobs).
//!
//! The Go names are the SDK's own (`oss/api_op_batch_operations.go`: `CreateJobRequest{CreateJob:
//! &CreateJobConfig{…}}`, `Operation`, `Tagging{TagSet: &TagSet{Tags: []Tag{…}}}`, `PutObjectAcl`,
//! `RestoreObject`, `Report`, `Manifest{Location, Spec}`, `KeyPrefixManifestGenerator`; `DeleteObjectTagging`
//! is a `*string` set to `""`; `Priority` and `Days` are `*int32`), checked by the tests below against
//! that file's field list.

use crate::model::{CreateJobRequest, TaggingOperation};
use crate::xml::{to_xml, XmlStyle};

/// Placeholder used when no region is known.
pub const REGION_PLACEHOLDER: &str = "<region-id>";

/// The heredoc delimiter of the ossutil snippet: a line no pretty-printed job contains.
const HEREDOC_END: &str = "OSSBATCH_JOB_XML";

/// A shell snippet that saves the job as `job.xml` and creates it with ossutil 2.0
/// (`ossutil api create-job --create-job-request file://job.xml --region <region>`).
pub fn to_ossutil(request: &CreateJobRequest, region: Option<&str>) -> String {
    let region = region
        .filter(|r| !r.trim().is_empty())
        .unwrap_or(REGION_PLACEHOLDER);
    let xml = to_xml(request, XmlStyle::Pretty);
    format!(
        "# Save the job, then create it with ossutil 2.0 (credentials from `ossutil config` or the environment).\n\
         cat > job.xml <<'{HEREDOC_END}'\n{xml}\n{HEREDOC_END}\n\
         ossutil api create-job --create-job-request file://job.xml --region {}\n",
        shell_quote(region)
    )
}

/// Quotes a word for a POSIX shell when it needs it.
fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@".contains(&b));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// A Go string literal (Go's escapes for quotes, backslashes and control characters).
fn go_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Lines of Go at an indent depth, one field per line.
struct GoWriter {
    out: String,
    depth: usize,
}

impl GoWriter {
    fn line(&mut self, text: &str) {
        for _ in 0..if text.is_empty() { 0 } else { self.depth } {
            self.out.push('\t');
        }
        self.out.push_str(text);
        self.out.push('\n');
    }
    fn open(&mut self, text: &str) {
        self.line(text);
        self.depth += 1;
    }
    fn close(&mut self, text: &str) {
        self.depth -= 1;
        self.line(text);
    }
    fn string(&mut self, field: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.line(&format!("{field}: oss.Ptr({}),", go_string(value)));
        }
    }
    fn int32(&mut self, field: &str, value: Option<i64>) {
        if let Some(value) = value {
            // Out-of-range values are kept as written: the compiler then says so, as OSS would.
            self.line(&format!("{field}: oss.Ptr(int32({value})),"));
        }
    }
    fn bool(&mut self, field: &str, value: Option<bool>) {
        if let Some(value) = value {
            self.line(&format!("{field}: oss.Ptr({value}),"));
        }
    }
    fn tagging(&mut self, field: &str, tagging: &TaggingOperation) {
        self.open(&format!("{field}: &oss.Tagging{{"));
        if let Some(tags) = &tagging.tag_set {
            self.open("TagSet: &oss.TagSet{");
            self.open("Tags: []oss.Tag{");
            for tag in tags {
                self.open("{");
                self.string("Key", tag.key.as_deref());
                self.string("Value", tag.value.as_deref());
                self.close("},");
            }
            self.close("},");
            self.close("},");
        }
        self.close("},");
    }
}

/// A complete Go program that creates the job with the Go SDK v2, credentials from the environment
/// (`OSS_ACCESS_KEY_ID`, `OSS_ACCESS_KEY_SECRET`).
pub fn to_go(request: &CreateJobRequest, region: Option<&str>) -> String {
    let region = region
        .filter(|r| !r.trim().is_empty())
        .unwrap_or(REGION_PLACEHOLDER);
    let mut w = GoWriter {
        out: String::new(),
        depth: 0,
    };
    w.line(
        "// Creates the batch job with the OSS Go SDK v2. Credentials come from the environment:",
    );
    w.line("// OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET.");
    w.line("package main");
    w.line("");
    w.line("import (");
    w.line("\t\"context\"");
    w.line("\t\"fmt\"");
    w.line("\t\"log\"");
    w.line("");
    w.line("\t\"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss\"");
    w.line("\t\"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials\"");
    w.line(")");
    w.line("");
    w.open("func main() {");
    w.line("cfg := oss.LoadDefaultConfig().");
    w.line("\tWithCredentialsProvider(credentials.NewEnvironmentVariableCredentialsProvider()).");
    w.line(&format!("\tWithRegion({})", go_string(region)));
    w.line("client := oss.NewClient(cfg)");
    w.line("");
    w.open("result, err := client.CreateJob(context.TODO(), &oss.CreateJobRequest{");
    w.open("CreateJob: &oss.CreateJobConfig{");
    w.bool("ConfirmationRequired", request.confirmation_required);
    if let Some(operation) = &request.operation {
        w.open("Operation: &oss.Operation{");
        if let Some(tagging) = &operation.put_object_tagging {
            w.tagging("PutObjectTagging", tagging);
        }
        if operation.delete_object_tagging.is_some() {
            w.line("DeleteObjectTagging: oss.Ptr(\"\"),");
        }
        if let Some(tagging) = &operation.add_object_tagging {
            w.tagging("AddObjectTagging", tagging);
        }
        if let Some(acl) = &operation.put_object_acl {
            w.open("PutObjectAcl: &oss.PutObjectAcl{");
            if let Some(value) = &acl.object_acl {
                w.line(&format!(
                    "ObjectAcl: oss.ObjectACLType({}),",
                    go_string(value)
                ));
            }
            w.close("},");
        }
        if let Some(restore) = &operation.restore_object {
            w.open("RestoreObject: &oss.RestoreObject{");
            w.int32("Days", restore.days);
            w.string("Tier", restore.tier.as_deref());
            w.close("},");
        }
        w.close("},");
    }
    if let Some(report) = &request.report {
        w.open("Report: &oss.Report{");
        w.string("Bucket", report.bucket.as_deref());
        w.bool("Enabled", report.enabled);
        w.string("Prefix", report.prefix.as_deref());
        w.string("ReportScope", report.report_scope.as_deref());
        w.close("},");
    }
    w.string(
        "ClientRequestToken",
        request.client_request_token.as_deref(),
    );
    if let Some(manifest) = &request.manifest {
        w.open("Manifest: &oss.Manifest{");
        if let Some(location) = &manifest.location {
            w.open("Location: &oss.Location{");
            w.string("ETag", location.etag.as_deref());
            w.string("Bucket", location.bucket.as_deref());
            w.string("Object", location.object.as_deref());
            w.string("VersionId", location.version_id.as_deref());
            w.close("},");
        }
        if let Some(spec) = &manifest.spec {
            w.open("Spec: &oss.Spec{");
            w.string("Fields", spec.fields.as_deref());
            w.string("Format", spec.format.as_deref());
            w.close("},");
        }
        w.close("},");
    }
    if let Some(generator) = &request.key_prefix_manifest_generator {
        w.open("KeyPrefixManifestGenerator: &oss.KeyPrefixManifestGenerator{");
        w.string("SourceBucket", generator.source_bucket.as_deref());
        w.string("Prefix", generator.prefix.as_deref());
        w.close("},");
    }
    w.string("Description", request.description.as_deref());
    w.int32("Priority", request.priority);
    w.string("RoleArn", request.role_arn.as_deref());
    w.close("},");
    w.close("})");
    w.open("if err != nil {");
    w.line("log.Fatalf(\"CreateJob failed: %v\", err)");
    w.close("}");
    w.line("fmt.Println(\"JobId:\", oss.ToString(result.JobId))");
    w.close("}");
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CreateJobRequest {
        crate::from_xml(include_str!(
            "../../../tests/fixtures/createjob-sample-request.xml"
        ))
        .unwrap()
    }

    #[test]
    fn ossutil_saves_the_job_and_names_the_region() {
        let text = to_ossutil(&sample(), Some("cn-hangzhou"));
        assert!(text.contains("cat > job.xml <<'OSSBATCH_JOB_XML'\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateJobRequest>"));
        assert!(text.ends_with(
            "ossutil api create-job --create-job-request file://job.xml --region cn-hangzhou\n"
        ));
        assert!(to_ossutil(&sample(), None).contains("--region '<region-id>'"));
    }

    #[test]
    fn go_strings_escape_like_go() {
        assert_eq!(go_string("a\"b\\c\nd\u{1}é"), "\"a\\\"b\\\\c\\nd\\x01é\"");
    }
}

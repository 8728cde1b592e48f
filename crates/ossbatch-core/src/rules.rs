//! The rule catalogue: every check [`crate::validate`] can report, with its stable code.
//!
//! The catalogue is the single source of truth: validation code refers to these constants, the
//! `ossbatch rules` command and `docs/rules.md` are rendered from [`ALL`], and a test fails when the
//! rendered file is stale or when a rule has no test that triggers it. A code never changes meaning once
//! released; retire a rule rather than reuse its code.

use serde::{Deserialize, Serialize};

/// How bad an issue is (decisions.md): `Error` = OSS would reject it or it cannot mean what the user wants;
/// `Warning` = legal on the wire but likely wrong; `Info` = worth knowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable identifier, e.g. `priority.range`.
    pub code: &'static str,
    pub severity: Severity,
    /// The element the rule applies to, as an XML path pattern (`[i]` stands for any index).
    pub element: &'static str,
    /// The rule in one line.
    pub summary: &'static str,
    /// The same line in Simplified Chinese (see [`crate::lang`]).
    pub summary_zh: &'static str,
}

impl Rule {
    /// The summary in `lang`.
    pub fn summary_in(&self, lang: crate::lang::Lang) -> &'static str {
        match lang {
            crate::lang::Lang::En => self.summary,
            crate::lang::Lang::Zh => self.summary_zh,
        }
    }
}

macro_rules! rule_catalogue {
    ($( $(#[$meta:meta])* $name:ident = $code:literal, $severity:ident, $element:literal, $summary:literal, zh $summary_zh:literal; )*) => {
        $( $(#[$meta])* pub const $name: Rule = Rule {
            code: $code,
            severity: Severity::$severity,
            element: $element,
            summary: $summary,
            summary_zh: $summary_zh,
        }; )*
        /// Every rule, in document order.
        pub const ALL: &[Rule] = &[$($name),*];
    };
}

rule_catalogue! {
    OPERATION_MISSING = "operation.missing", Error, "Operation",
        "Operation is required and must hold one of PutObjectTagging, AddObjectTagging, DeleteObjectTagging, PutObjectAcl, RestoreObject.",
        zh "Operation 为必填项，且必须包含 PutObjectTagging、AddObjectTagging、DeleteObjectTagging、PutObjectAcl、RestoreObject 之一。";
    OPERATION_MULTIPLE = "operation.multiple", Error, "Operation",
        "Operation must hold exactly one operation; several were given.",
        zh "Operation 只能包含一个操作；当前给出了多个。";
    TAGSET_MISSING = "tagging.tagset_missing", Error, "Operation.(Put|Add)ObjectTagging.TagSet",
        "PutObjectTagging and AddObjectTagging require a TagSet.",
        zh "PutObjectTagging 和 AddObjectTagging 需要 TagSet。";
    TAGSET_EMPTY = "tagging.tagset_empty", Error, "Operation.(Put|Add)ObjectTagging.TagSet",
        "A TagSet must hold at least one Tag.",
        zh "TagSet 至少要包含一个 Tag。";
    TAGSET_TOO_MANY = "tagging.too_many_tags", Error, "Operation.(Put|Add)ObjectTagging.TagSet",
        "A TagSet holds at most 10 tags.",
        zh "一个 TagSet 最多包含 10 个标签。";
    TAG_KEY_MISSING = "tag.key_missing", Error, "Operation.(Put|Add)ObjectTagging.TagSet.Tag[i].Key",
        "Every Tag requires a Key.",
        zh "每个 Tag 都需要 Key。";
    TAG_KEY_LENGTH = "tag.key_length", Error, "Operation.(Put|Add)ObjectTagging.TagSet.Tag[i].Key",
        "A tag key is 1 to 128 characters long.",
        zh "标签键的长度为 1 到 128 个字符。";
    TAG_KEY_CHARS = "tag.key_chars", Error, "Operation.(Put|Add)ObjectTagging.TagSet.Tag[i].Key",
        "A tag key may contain only letters, digits, spaces and + - = . _ : /.",
        zh "标签键只能包含字母、数字、空格和 + - = . _ : /。";
    TAG_KEY_DUPLICATE = "tag.key_duplicate", Error, "Operation.(Put|Add)ObjectTagging.TagSet.Tag[i].Key",
        "Tag keys in a TagSet must be unique (keys are case-sensitive).",
        zh "同一 TagSet 中的标签键必须唯一（区分大小写）。";
    TAG_VALUE_MISSING = "tag.value_missing", Error, "Operation.(Put|Add)ObjectTagging.TagSet.Tag[i].Value",
        "Every Tag requires a Value (it may be empty).",
        zh "每个 Tag 都需要 Value（可以为空）。";
    TAG_VALUE_LENGTH = "tag.value_length", Error, "Operation.(Put|Add)ObjectTagging.TagSet.Tag[i].Value",
        "A tag value is 0 to 256 characters long.",
        zh "标签值的长度为 0 到 256 个字符。";
    TAG_VALUE_CHARS = "tag.value_chars", Error, "Operation.(Put|Add)ObjectTagging.TagSet.Tag[i].Value",
        "A tag value may contain only letters, digits, spaces and + - = . _ : /.",
        zh "标签值只能包含字母、数字、空格和 + - = . _ : /。";
    ACL_MISSING = "acl.missing", Error, "Operation.PutObjectAcl.ObjectAcl",
        "PutObjectAcl requires an ObjectAcl.",
        zh "PutObjectAcl 需要 ObjectAcl。";
    ACL_VALUE = "acl.value", Error, "Operation.PutObjectAcl.ObjectAcl",
        "ObjectAcl is one of default, private, public-read, public-read-write.",
        zh "ObjectAcl 取值为 default、private、public-read、public-read-write 之一。";
    RESTORE_DAYS_RANGE = "restore.days_range", Error, "Operation.RestoreObject.Days",
        "Days is 1 to 365.",
        zh "Days 的取值为 1 到 365。";
    RESTORE_DAYS_ARCHIVE = "restore.days_archive", Warning, "Operation.RestoreObject.Days",
        "Archive objects accept Days 1 to 7; 8 to 365 only works for Cold Archive and Deep Cold Archive objects.",
        zh "归档类型对象的 Days 为 1 到 7；8 到 365 仅适用于冷归档和深度冷归档对象。";
    RESTORE_TIER_VALUE = "restore.tier_value", Error, "Operation.RestoreObject.Tier",
        "Tier is Standard or Bulk.",
        zh "Tier 取值为 Standard 或 Bulk。";
    RESTORE_TIER_BULK = "restore.tier_bulk", Info, "Operation.RestoreObject.Tier",
        "Bulk applies to Cold Archive objects only; Deep Cold Archive objects accept only Standard.",
        zh "Bulk 仅适用于冷归档对象；深度冷归档对象只接受 Standard。";
    REPORT_MISSING = "report.missing", Error, "Report",
        "Report is required (set Enabled to false to skip the report).",
        zh "Report 为必填项（不需要报告时将 Enabled 设为 false）。";
    REPORT_ENABLED_MISSING = "report.enabled_missing", Error, "Report.Enabled",
        "Report.Enabled is required.",
        zh "Report.Enabled 为必填项。";
    REPORT_BUCKET_MISSING = "report.bucket_missing", Error, "Report.Bucket",
        "Report.Bucket is required when the report is enabled.",
        zh "启用报告时 Report.Bucket 为必填项。";
    REPORT_SCOPE_VALUE = "report.scope_value", Error, "Report.ReportScope",
        "ReportScope is AllTasks or FailedTasksOnly.",
        zh "ReportScope 取值为 AllTasks 或 FailedTasksOnly。";
    REPORT_PREFIX_SLASH = "report.prefix_no_slash", Warning, "Report.Prefix",
        "A report prefix usually ends in / so reports land in their own folder.",
        zh "报告前缀通常以 / 结尾，使报告存放在单独的目录中。";
    TOKEN_MISSING = "token.missing", Error, "ClientRequestToken",
        "ClientRequestToken is required; it makes retries idempotent.",
        zh "ClientRequestToken 为必填项；它使重试保持幂等。";
    TOKEN_LENGTH = "token.length", Error, "ClientRequestToken",
        "ClientRequestToken is 1 to 64 characters long.",
        zh "ClientRequestToken 的长度为 1 到 64 个字符。";
    SOURCE_MISSING = "manifest.source_missing", Error, "Manifest",
        "Specify either Manifest or KeyPrefixManifestGenerator.",
        zh "请指定 Manifest 或 KeyPrefixManifestGenerator 之一。";
    SOURCE_BOTH = "manifest.source_both", Error, "Manifest",
        "Specify only one of Manifest and KeyPrefixManifestGenerator, not both.",
        zh "Manifest 与 KeyPrefixManifestGenerator 只能指定其一，不能同时指定。";
    MANIFEST_LOCATION_MISSING = "manifest.location_missing", Error, "Manifest.Location",
        "Manifest requires a Location.",
        zh "Manifest 需要 Location。";
    MANIFEST_BUCKET_MISSING = "manifest.bucket_missing", Error, "Manifest.Location.Bucket",
        "Manifest.Location requires a Bucket.",
        zh "Manifest.Location 需要 Bucket。";
    MANIFEST_OBJECT_MISSING = "manifest.object_missing", Error, "Manifest.Location.Object",
        "Manifest.Location requires an Object (the manifest file's key).",
        zh "Manifest.Location 需要 Object（清单文件的对象名）。";
    MANIFEST_ETAG_FORMAT = "manifest.etag_format", Warning, "Manifest.Location.ETag",
        "An OSS ETag is 32 hex digits, or hex digits and -N for multipart uploads (quotes allowed).",
        zh "OSS 的 ETag 为 32 位十六进制数，分片上传的为十六进制数加 -N（可带引号）。";
    MANIFEST_SPEC_MISSING = "manifest.spec_missing", Error, "Manifest.Spec",
        "Manifest requires a Spec.",
        zh "Manifest 需要 Spec。";
    MANIFEST_FORMAT_MISSING = "manifest.format_missing", Error, "Manifest.Spec.Format",
        "Manifest.Spec requires a Format.",
        zh "Manifest.Spec 需要 Format。";
    MANIFEST_FORMAT_UNKNOWN = "manifest.format_unknown", Warning, "Manifest.Spec.Format",
        "The known manifest formats are OSS_BatchOperations_CSV_20250611 (a CSV list) and OSS_InventoryReport_CSV_20250611 (a bucket inventory's manifest.json).",
        zh "已知的清单格式为 OSS_BatchOperations_CSV_20250611（CSV 列表）和 OSS_InventoryReport_CSV_20250611（存储空间清单的 manifest.json）。";
    MANIFEST_FIELDS_UNKNOWN = "manifest.fields_unknown", Error, "Manifest.Spec.Fields",
        "Fields is a comma-separated list of Bucket, Key and VersionId.",
        zh "Fields 是由 Bucket、Key、VersionId 组成的逗号分隔列表。";
    MANIFEST_FIELDS_DUPLICATE = "manifest.fields_duplicate", Error, "Manifest.Spec.Fields",
        "Each field appears at most once in Fields.",
        zh "Fields 中每个字段最多出现一次。";
    MANIFEST_FIELDS_KEY_MISSING = "manifest.fields_key_missing", Error, "Manifest.Spec.Fields",
        "Fields must include Key.",
        zh "Fields 必须包含 Key。";
    GENERATOR_BUCKET_MISSING = "generator.source_bucket_missing", Error, "KeyPrefixManifestGenerator.SourceBucket",
        "KeyPrefixManifestGenerator requires a SourceBucket.",
        zh "KeyPrefixManifestGenerator 需要 SourceBucket。";
    BUCKET_LENGTH = "bucket.length", Error, "Report.Bucket, Manifest.Location.Bucket, KeyPrefixManifestGenerator.SourceBucket",
        "A bucket name is 3 to 63 characters long.",
        zh "存储空间名称的长度为 3 到 63 个字符。";
    BUCKET_CHARS = "bucket.chars", Error, "Report.Bucket, Manifest.Location.Bucket, KeyPrefixManifestGenerator.SourceBucket",
        "A bucket name contains only lowercase letters, digits and hyphens.",
        zh "存储空间名称只能包含小写字母、数字和短划线（-）。";
    BUCKET_EDGE = "bucket.edge", Error, "Report.Bucket, Manifest.Location.Bucket, KeyPrefixManifestGenerator.SourceBucket",
        "A bucket name starts and ends with a lowercase letter or a digit.",
        zh "存储空间名称必须以小写字母或数字开头和结尾。";
    OBJECT_KEY_LENGTH = "object_key.length", Error, "Manifest.Location.Object",
        "An object key is 1 to 1023 bytes of UTF-8.",
        zh "对象名为 1 到 1023 字节的 UTF-8 文本。";
    OBJECT_KEY_LEADING_SLASH = "object_key.leading_slash", Error, "Manifest.Location.Object",
        "An object key must not start with / or \\.",
        zh "对象名不能以 / 或 \\ 开头。";
    PREFIX_LEADING_SLASH = "prefix.leading_slash", Warning, "Report.Prefix, KeyPrefixManifestGenerator.Prefix",
        "Object keys never start with / or \\, so a prefix that does matches or produces nothing valid.",
        zh "对象名不会以 / 或 \\ 开头，因此以它们开头的前缀匹配不到对象，或产生无效的对象名。";
    DESCRIPTION_LENGTH = "description.length", Warning, "Description",
        "A description is at most 256 characters long.",
        zh "描述最多 256 个字符。";
    PRIORITY_MISSING = "priority.missing", Error, "Priority",
        "Priority is required.",
        zh "Priority 为必填项。";
    PRIORITY_RANGE = "priority.range", Error, "Priority",
        "Priority is an integer from 0 to 2147483647.",
        zh "Priority 为 0 到 2147483647 之间的整数。";
    ROLE_ARN_MISSING = "role_arn.missing", Error, "RoleArn",
        "RoleArn is required.",
        zh "RoleArn 为必填项。";
    ROLE_ARN_FORMAT = "role_arn.format", Error, "RoleArn",
        "RoleArn has the form acs:ram::<account-id>:role/<role-name> (an arn: prefix is allowed).",
        zh "RoleArn 的格式为 acs:ram::<account-id>:role/<role-name>（可带 arn: 前缀）。";
    ROLE_ARN_ACCOUNT = "role_arn.account_placeholder", Warning, "RoleArn",
        "The account in RoleArn is not numeric; it looks like a placeholder such as uid.",
        zh "RoleArn 中的账号不是数字，看起来像 uid 这样的占位符。";
    TEXT_INVALID_CHAR = "text.invalid_char", Error, "(any text value)",
        "Text may not contain control characters that XML 1.0 cannot carry.",
        zh "文本中不能包含 XML 1.0 无法表示的控制字符。";
    REGION_FORMAT = "region.format", Error, "(region)",
        "A region is lowercase letters, digits and hyphens, such as cn-hangzhou.",
        zh "地域 ID 由小写字母、数字和短划线组成，例如 cn-hangzhou。";
    REGION_UNSUPPORTED = "region.unsupported", Warning, "(region)",
        "Batch Operations is offered in 14 regions (crates/ossbatch-core/src/regions.rs); another region may not offer it yet.",
        zh "批量处理在 14 个地域提供（crates/ossbatch-core/src/regions.rs）；其他地域可能尚未提供。";
    JOB_ID_MISSING = "job.id_missing", Error, "(batchJobId)",
        "Job management requests need the JobId that CreateJob returned.",
        zh "任务管理请求需要 CreateJob 返回的 JobId。";
    JOB_REQUESTED_STATUS = "job.requested_status_value", Error, "(requestedJobStatus)",
        "UpdateJobStatus asks for Ready (confirm) or Cancelled.",
        zh "UpdateJobStatus 只能请求 Ready（确认）或 Cancelled。";
    JOB_TRANSITION = "job.status_transition", Error, "(requestedJobStatus)",
        "Ready only from Suspended or Preparing; Cancelled not from Cancelled, Cancelling, Complete, Completing, Failed or Failing.",
        zh "只能从 Suspended 或 Preparing 变为 Ready；处于 Cancelled、Cancelling、Complete、Completing、Failed 或 Failing 时不能取消。";
    JOB_REASON_LENGTH = "job.reason_length", Error, "(statusUpdateReason)",
        "statusUpdateReason is 1 to 256 characters long.",
        zh "statusUpdateReason 的长度为 1 到 256 个字符。";
    JOB_TARGET_PRIORITY = "job.target_priority_range", Error, "(targetPriority)",
        "targetPriority is an integer from 0 to 2147483647.",
        zh "targetPriority 为 0 到 2147483647 之间的整数。";
    JOB_STATUS_FILTER = "job.status_filter_value", Error, "(batchJobStatuses)",
        "ListJobs filters by the job statuses the API defines.",
        zh "ListJobs 只能按 API 定义的任务状态筛选。";
    JOB_MAX_KEYS = "job.max_keys_range", Error, "(max-keys)",
        "ListJobs max-keys is 1 to 1000.",
        zh "ListJobs 的 max-keys 为 1 到 1000。";
    JOB_CONTINUATION_TOKEN_LENGTH = "job.continuation_token_length", Error, "(continuation-token)",
        "ListJobs continuation-token is at most 1024 characters long.",
        zh "ListJobs 的 continuation-token 最多 1024 个字符。";
    ISSUES_TRUNCATED = "issues.truncated", Warning, "(request)",
        "More than 200 issues were found; only the first 200 are listed.",
        zh "发现的问题超过 200 个；只列出前 200 个。";
}

/// Finds a rule by its code.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    ALL.iter().find(|rule| rule.code == code)
}

/// One Markdown table row per rule.
fn table_rows(out: &mut String, rules: &[Rule]) {
    for rule in rules {
        out.push_str(&format!(
            "| `{}` | {} | `{}` | {} |\n",
            rule.code,
            rule.severity,
            rule.element.replace('|', "\\|"),
            rule.summary.replace('|', "\\|")
        ));
    }
}

/// The manifest file check's own rules (`ossbatch manifest check`, `checkManifest`): a catalogue of
/// their own, so that builds that only validate requests (the npm `ossbatch` entry) do not carry their
/// texts; an [`crate::Issue`] carries its rule, so either catalogue's issues read in every language.
pub mod manifest {
    use super::{Rule, Severity};

    macro_rules! manifest_rules {
        ($( $name:ident = $code:literal, $severity:ident, $summary:literal, zh $summary_zh:literal; )*) => {
            $( pub const $name: Rule = Rule {
                code: $code,
                severity: Severity::$severity,
                element: "(manifest file) Row[n]",
                summary: $summary,
                summary_zh: $summary_zh,
            }; )*
            /// Every code the manifest check can report besides the name rules it shares with `validate`
            /// (`bucket.*`, `object_key.*`, `text.invalid_char`).
            pub const RULES: &[Rule] = &[$($name),*];
        };
    }

    manifest_rules! {
        EMPTY = "manifest_file.empty", Error,
            "The manifest file has no rows.",
            zh "清单文件没有任何行。";
        COLUMNS = "manifest_file.columns", Error,
            "Each row has exactly the columns Spec.Fields names, in that order.",
            zh "每行的列必须与 Spec.Fields 列出的字段一致，顺序相同。";
        UTF8 = "manifest_file.utf8", Error,
            "Each row is valid UTF-8.",
            zh "每行必须是有效的 UTF-8。";
        QUOTE = "manifest_file.quote", Error,
            "A quoted field ends with a quote before the next comma or the end of the line.",
            zh "带引号的字段必须在下一个逗号或行尾之前以引号结束。";
        KEY_EMPTY = "manifest_file.key_empty", Error,
            "Every row names an object key.",
            zh "每行都必须给出对象名。";
        BLANK_LINE = "manifest_file.blank_line", Warning,
            "A blank line is not an object; remove it.",
            zh "空行不是对象；请删除。";
        HEADER_ROW = "manifest_file.header_row", Warning,
            "The documented manifests have no header row; the first row looks like one.",
            zh "文档中的清单没有表头行；第一行看起来像表头。";
        DUPLICATE_ROW = "manifest_file.duplicate_row", Warning,
            "A row repeats an earlier row; the object would be processed twice.",
            zh "该行与前面的某行重复；同一对象会被处理两次。";
        OTHER_BUCKET = "manifest_file.other_bucket", Warning,
            "A row names a bucket other than the expected one.",
            zh "该行给出的存储空间不是预期的存储空间。";
        QUOTED_LINE_BREAK = "manifest_file.quoted_line_break", Warning,
            "A quoted field spans lines (RFC 4180 allows it); OSS documents no quoting rule for manifests.",
            zh "带引号的字段跨越多行（RFC 4180 允许）；OSS 未说明清单的引号规则。";
        CRLF = "manifest_file.crlf", Warning,
            "Lines end in CRLF; they are read as LF (the documents do not say which OSS expects).",
            zh "行以 CRLF 结尾；按 LF 读取（文档未说明 OSS 期望哪一种）。";
        BOM = "manifest_file.bom", Warning,
            "The file starts with a UTF-8 byte order mark, which would become part of the first bucket name.",
            zh "文件以 UTF-8 字节顺序标记（BOM）开头，它会成为第一个存储空间名称的一部分。";
        KEY_PERCENT = "manifest_file.key_percent", Warning,
            "A key contains %XX; keys are read as written (not URL-decoded), as the documents do not say otherwise.",
            zh "对象名中含有 %XX；对象名按原样读取（不做 URL 解码），因为文档没有其他说明。";
        DUPLICATES_UNCHECKED = "manifest_file.duplicates_unchecked", Info,
            "Duplicate rows are looked for in the first 1,000,000 rows only (memory stays bounded).",
            zh "只在前 1,000,000 行中查找重复行（内存保持有界）。";
        LINE_TOO_LONG = "manifest_file.line_too_long", Error,
            "A row is at most 64 KiB (a bucket, a key of at most 1023 bytes, a version id); longer lines are not read.",
            zh "一行最多 64 KiB（一个存储空间、最多 1023 字节的对象名、一个版本 ID）；更长的行不会被读取。";
        TRUNCATED = "manifest_file.truncated", Warning,
            "More than 1000 issues were found; only the first 1000 are listed.",
            zh "发现的问题超过 1000 个；只列出前 1000 个。";
    }
}

/// The rule with this code, in either catalogue.
pub fn find(code: &str) -> Option<&'static Rule> {
    ALL.iter()
        .chain(manifest::RULES)
        .find(|rule| rule.code == code)
}

/// Renders the catalogue as the Markdown table kept in `docs/rules.md`.
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# Validation rules\n\n\
         Generated from `crates/ossbatch-core/src/rules.rs` by `cargo run -p ossbatch-cli -- rules --markdown`; \
         do not edit by hand (a test fails when this file is stale).\n\n\
         Severity: **error** = OSS would reject it or it cannot mean what the user wants; **warning** = legal on \
         the wire but likely wrong; **info** = worth knowing. Codes are stable.\n\n\
         | code | severity | element | rule |\n|---|---|---|---|\n",
    );
    table_rows(&mut out, ALL);
    out.push_str(
        "\n## Manifest file check\n\n\
         `ossbatch manifest check` reads a CSV manifest row by row, streaming. \
         Besides the name rules above (`bucket.*`, `object_key.*`, `text.invalid_char`, at paths like \
         `Row[3].Bucket`), it reports:\n\n\
         | code | severity | element | rule |\n|---|---|---|---|\n",
    );
    table_rows(&mut out, manifest::RULES);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for rule in ALL {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(
                rule.code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
                "code {} is not lowercase dotted",
                rule.code
            );
            assert!(
                rule.summary.ends_with('.'),
                "summary of {} is not a sentence",
                rule.code
            );
        }
    }

    #[test]
    fn by_code_finds_every_rule() {
        for rule in ALL {
            assert_eq!(by_code(rule.code), Some(rule));
        }
        assert_eq!(by_code("no.such"), None);
    }
}

#[cfg(test)]
mod limits_in_summaries {
    use super::*;
    use crate::limits::*;

    /// Each rule that states a limit quotes the constant it is checked against (`crate::limits`), so
    /// changing a limit without its text fails here.
    #[test]
    fn each_rule_summary_quotes_its_constants() {
        let cases: Vec<(Rule, Vec<String>)> = vec![
            (
                PRIORITY_RANGE,
                vec![PRIORITY_MIN.to_string(), PRIORITY_MAX.to_string()],
            ),
            (
                TOKEN_LENGTH,
                vec![TOKEN_MIN.to_string(), TOKEN_MAX.to_string()],
            ),
            (DESCRIPTION_LENGTH, vec![DESCRIPTION_MAX.to_string()]),
            (TAGSET_TOO_MANY, vec![TAGS_MAX.to_string()]),
            (
                TAG_KEY_LENGTH,
                vec![TAG_KEY_MIN.to_string(), TAG_KEY_MAX.to_string()],
            ),
            (TAG_VALUE_LENGTH, vec![TAG_VALUE_MAX.to_string()]),
            (
                RESTORE_DAYS_RANGE,
                vec![RESTORE_DAYS_MIN.to_string(), RESTORE_DAYS_MAX.to_string()],
            ),
            (
                RESTORE_DAYS_ARCHIVE,
                vec![
                    RESTORE_DAYS_ARCHIVE_MAX.to_string(),
                    RESTORE_DAYS_MAX.to_string(),
                ],
            ),
            (
                BUCKET_LENGTH,
                vec![BUCKET_MIN.to_string(), BUCKET_MAX.to_string()],
            ),
            (OBJECT_KEY_LENGTH, vec![OBJECT_KEY_MAX_BYTES.to_string()]),
            (
                JOB_REASON_LENGTH,
                vec![REASON_MIN.to_string(), REASON_MAX.to_string()],
            ),
            (
                JOB_TARGET_PRIORITY,
                vec![PRIORITY_MIN.to_string(), PRIORITY_MAX.to_string()],
            ),
            (
                JOB_MAX_KEYS,
                vec![MAX_KEYS_MIN.to_string(), MAX_KEYS_MAX.to_string()],
            ),
            (
                JOB_CONTINUATION_TOKEN_LENGTH,
                vec![CONTINUATION_TOKEN_MAX.to_string()],
            ),
            (ISSUES_TRUNCATED, vec![VALIDATION_ISSUES_LISTED.to_string()]),
        ];
        for (rule, numbers) in cases {
            for number in numbers {
                let quoted = rule
                    .summary
                    .split(|c: char| !c.is_ascii_digit())
                    .any(|word| word == number);
                assert!(
                    quoted,
                    "{}: \"{}\" does not quote {number}",
                    rule.code, rule.summary
                );
            }
        }
    }
}

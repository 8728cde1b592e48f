//! What a plan can predict for one row: a stable code, whether the row is predicted to fail or only
//! warned about, the error OSS documents for it (only where a document names one), and a cause and a
//! fix in both languages. One table; the CLI, the npm package and the app read it.

use serde::Serialize;

use crate::lang::Localized;

/// How a prediction weighs on a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The task is predicted to succeed and to change something the user should know about.
    Warn,
    /// The task is predicted to fail.
    Fail,
}

/// One prediction a plan can make.
#[derive(Debug, PartialEq, Eq)]
pub struct PlanCode {
    pub code: &'static str,
    pub severity: Severity,
    /// The error code OSS documents for this failure, with the page that says so; `None` where no
    /// document names one (the plan then says "predicted to fail" with the reason, never a guess).
    pub oss_error_code: Option<&'static str>,
    pub source: &'static str,
    pub cause: Localized,
    pub fix: Localized,
}

macro_rules! codes {
    ($($name:ident = $code:literal, $severity:ident, $oss:expr, $source:literal,
       cause($cause_en:literal, $cause_zh:literal), fix($fix_en:literal, $fix_zh:literal);)*) => {
        $(pub const $name: &PlanCode = &PlanCode {
            code: $code,
            severity: Severity::$severity,
            oss_error_code: $oss,
            source: $source,
            cause: Localized { en: $cause_en, zh: $cause_zh },
            fix: Localized { en: $fix_en, zh: $fix_zh },
        };)*
        /// Every code, in the order the plan lists groups of equal size.
        pub const ALL: &[&PlanCode] = &[$($name),*];
    };
}

codes! {
    OBJECT_MISSING = "plan.object_missing", Fail, Some("NoSuchKey"),
        "HeadObject / GetObjectTagging API pages: 404 NoSuchKey for an object that does not exist",
        cause("The row names an object that does not exist.",
              "该行指向的对象不存在。"),
        fix("Remove the row (the fixed manifest leaves it out) or correct the key.",
            "删除该行（修正后的清单已去掉它）或更正对象键。");
    KEY_ENCODING = "plan.key_encoding", Fail, Some("NoSuchKey"),
        "HeadObject API page (404 NoSuchKey); ossbatch reads manifest keys as written (docs/decisions.md)",
        cause("The row's key does not exist as written, but the same key in the other URL encoding does: the manifest was written encoded for unencoded keys, or the reverse.",
              "该行的对象键按原样不存在，但其另一种 URL 编码形式存在：清单对未编码的键使用了编码写法，或者相反。"),
        fix("Write the manifest's keys the way the objects are named (decode or encode them), then plan again.",
            "按对象的实际名称改写清单中的键（解码或编码），然后重新规划。");
    VERSION_MISSING = "plan.version_missing", Fail, Some("NoSuchVersion"),
        "HeadObject API page: 404 NoSuchVersion for a versionId the object does not have",
        cause("The row names a version the object does not have.",
              "该行指定的版本在该对象上不存在。"),
        fix("Correct the version id, or leave the VersionId column out to act on the current version.",
            "更正版本 ID，或去掉 VersionId 列以作用于当前版本。");
    BUCKET_MISSING = "plan.bucket_missing", Fail, Some("NoSuchBucket"),
        "HeadObject API page: 404 NoSuchBucket",
        cause("The row names a bucket that does not exist in this region.",
              "该行指向的 Bucket 在此地域不存在。"),
        fix("Correct the bucket name; a job acts on buckets of its own region only.",
            "更正 Bucket 名称；作业只能作用于其所在地域的 Bucket。");
    RESTORE_NOT_ARCHIVED = "plan.restore_not_archived", Fail, None,
        "RestoreObject API page: it does not apply to Standard or IA objects (error page 0016-00000702); the error code it gets is not confirmed",
        cause("RestoreObject applies only to Archive, Cold Archive and Deep Cold Archive objects; this object is not archived.",
              "RestoreObject 只适用于归档、冷归档和深度冷归档对象；该对象未归档。"),
        fix("Leave the object out (the fixed manifest does): it can be read without a restore.",
            "去掉该对象（修正后的清单已去掉）：它无需解冻即可读取。");
    RESTORE_IN_PROGRESS = "plan.restore_in_progress", Fail, Some("RestoreAlreadyInProgress"),
        "RestoreObject API page: a restore requested while one is in progress gets 409 RestoreAlreadyInProgress",
        cause("A restore of this object is already in progress.",
              "该对象的解冻已在进行中。"),
        fix("Nothing to do for this object: wait for the running restore; leave it out of the job.",
            "该对象无需处理：等待正在进行的解冻完成；将其移出作业。");
    DUPLICATE_RESTORE = "plan.duplicate_restore", Fail, Some("RestoreAlreadyInProgress"),
        "RestoreObject API page: the second request meets the first one's restore in progress (409)",
        cause("The object is named more than once; the first row starts its restore and the later rows meet that restore in progress.",
              "该对象在清单中出现多次；第一行发起解冻后，后续行会遇到正在进行的解冻。"),
        fix("Keep one row per object (the fixed manifest does).",
            "每个对象只保留一行（修正后的清单已如此）。");
    TAG_LIMIT = "plan.tag_limit", Fail, None,
        "PutObjectTagging API page: at most 10 tags per object; no page names the error an 11th tag gets",
        cause("Adding the job's tags would give the object more than 10 tags, the most OSS allows.",
              "添加作业中的标签后，该对象的标签将超过 OSS 允许的上限 10 个。"),
        fix("Remove tags from these objects first, or use fewer tags (PutObjectTagging replaces the whole set).",
            "先删除这些对象上的部分标签，或减少标签数量（PutObjectTagging 会替换整个标签集合）。");
    DUPLICATE_ROW = "plan.duplicate_row", Warn, None,
        "CreateJob API page: several tasks on one object run in any order",
        cause("The object is named more than once: the job acts on it once per row, in no set order.",
              "该对象在清单中出现多次：作业会按行多次处理它，顺序不定。"),
        fix("Keep one row per object.",
            "每个对象只保留一行。");
    FOLDER_MARKER = "plan.folder_marker", Warn, None,
        "OSS keys ending in / are folder markers (the console creates them)",
        cause("The key ends in /: a folder marker, not a file.",
              "对象键以 / 结尾：这是目录占位对象，而不是文件。"),
        fix("Leave folder markers out unless the job means to change them.",
            "除非有意修改，否则去掉目录占位对象。");
    TAGS_REPLACED = "plan.tags_replaced", Warn, None,
        "CreateJob API page: PutObjectTagging replaces the tags an object has",
        cause("PutObjectTagging replaces every tag this object has; tags not in the job's set are lost.",
              "PutObjectTagging 会替换该对象的全部标签；不在作业标签集合中的标签将丢失。"),
        fix("If the existing tags must stay, use AddObjectTagging, or save a before-image first.",
            "如需保留现有标签，请改用 AddObjectTagging，或先保存修改前的快照。");
    ACL_CHANGED = "plan.acl_changed", Warn, None,
        "PutObjectAcl API page: the ACL is replaced",
        cause("The object's ACL differs from the job's and will be replaced.",
              "该对象的 ACL 与作业设置不同，将被替换。"),
        fix("Check that the new ACL is meant for these objects.",
            "确认新的 ACL 适用于这些对象。");
    STATE_UNREAD = "plan.state_unread", Warn, None,
        "ossbatch: the object's state could not be read with the plan's credentials",
        cause("The object's state could not be read (the plan's credentials were refused or OSS did not answer), so nothing is predicted for it.",
              "无法读取该对象的状态（规划所用凭证被拒绝或 OSS 未应答），因此未对其作出预测。"),
        fix("Plan with credentials that may read the objects (HeadObject, GetObjectTagging, GetObjectAcl).",
            "使用可读取这些对象的凭证（HeadObject、GetObjectTagging、GetObjectAcl）重新规划。");
}

/// The entry of a code string.
pub fn code(name: &str) -> Option<&'static PlanCode> {
    ALL.iter().copied().find(|c| c.code == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_every_text_is_in_both_languages() {
        for (i, a) in ALL.iter().enumerate() {
            assert!(ALL[i + 1..].iter().all(|b| b.code != a.code), "{}", a.code);
            for text in [&a.cause, &a.fix] {
                assert!(!text.en.is_empty() && !text.zh.is_empty(), "{}", a.code);
            }
            assert!(!a.source.is_empty());
            if a.severity == Severity::Warn {
                assert!(a.oss_error_code.is_none(), "a warning is not a failure");
            }
        }
    }
}

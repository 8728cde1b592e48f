//! A cause and a fix, in both languages, for the error codes a batch task can fail with. One table;
//! a code not in it is shown as OSS wrote it, never mapped to a guess.

use crate::lang::Localized;

/// What an error code means for a batch task and what to do about it.
#[derive(Debug, PartialEq, Eq)]
pub struct ErrorFix {
    pub code: &'static str,
    pub cause: Localized,
    pub fix: Localized,
    /// The fix is a permission for the job's RAM role: the app links the group to its Role panel,
    /// which writes the policy for the job's operation and buckets.
    pub role_policy: bool,
}

/// The codes with a known cause, from OSS's error code documentation for the calls a batch task makes
/// (PutObjectTagging, PutObjectAcl, RestoreObject, DeleteObjectTagging) and the job's role.
pub const FIXES: &[ErrorFix] = &[
    ErrorFix {
        code: "AccessDenied",
        role_policy: true,
        cause: Localized {
            en: "The job's RAM role lacks a permission this operation needs on these objects (or a bucket policy denies it).",
            zh: "作业的 RAM 角色缺少此操作对这些对象所需的权限（或 Bucket Policy 拒绝了它）。",
        },
        fix: Localized {
            en: "Grant the role the operation's actions on the target objects: the Role panel (ossbatch policy) writes the policy for this job's operation and buckets.",
            zh: "为角色授予对目标对象执行该操作的权限：角色面板（ossbatch policy）会按此作业的操作和 Bucket 生成策略。",
        },
    },
    ErrorFix {
        code: "NoSuchKey",
        role_policy: false,
        cause: Localized {
            en: "The manifest row names an object that does not exist (deleted, renamed, or a key written differently).",
            zh: "清单中的这一行指向一个不存在的对象（已删除、已重命名，或键的写法不同）。",
        },
        fix: Localized {
            en: "Check the keys (case, spaces, URL encoding); remove rows of objects that are gone before retrying.",
            zh: "检查对象键（大小写、空格、URL 编码）；重试前删除已不存在对象的行。",
        },
    },
    ErrorFix {
        code: "NoSuchVersion",
        role_policy: false,
        cause: Localized {
            en: "The manifest row names a version id the object does not have.",
            zh: "清单中的这一行指定的版本 ID 在该对象上不存在。",
        },
        fix: Localized {
            en: "Check the version ids, or leave the VersionId column out to act on the current version.",
            zh: "检查版本 ID，或去掉 VersionId 列以作用于当前版本。",
        },
    },
    ErrorFix {
        code: "NoSuchBucket",
        role_policy: false,
        cause: Localized {
            en: "The manifest row names a bucket that does not exist in this region.",
            zh: "清单中的这一行指向一个在此地域不存在的 Bucket。",
        },
        fix: Localized {
            en: "Check the bucket names in the manifest; a job acts on buckets of its own region only.",
            zh: "检查清单中的 Bucket 名称；作业只能作用于其所在地域的 Bucket。",
        },
    },
    ErrorFix {
        code: "InvalidObjectState",
        role_policy: false,
        cause: Localized {
            en: "The object is archived (Archive, Cold Archive or Deep Cold Archive) and not restored, so it cannot be changed.",
            zh: "对象处于归档状态（归档、冷归档或深度冷归档）且未解冻，无法修改。",
        },
        fix: Localized {
            en: "Restore the objects first (a RestoreObject job), wait until they are readable, then retry.",
            zh: "先解冻这些对象（RestoreObject 作业），等它们可读后再重试。",
        },
    },
    ErrorFix {
        code: "RestoreAlreadyInProgress",
        role_policy: false,
        cause: Localized {
            en: "A restore of this object was already requested and is still running.",
            zh: "该对象的解冻已在进行中。",
        },
        fix: Localized {
            en: "Nothing to retry: wait for the running restore to finish.",
            zh: "无需重试：等待正在进行的解冻完成。",
        },
    },
    ErrorFix {
        code: "OperationNotSupported",
        role_policy: false,
        cause: Localized {
            en: "The operation does not apply to this object (e.g. restoring an object that is not archived).",
            zh: "该操作不适用于此对象（例如解冻一个并未归档的对象）。",
        },
        fix: Localized {
            en: "Leave these objects out of the retry; check the storage class the operation expects.",
            zh: "重试时去掉这些对象；检查该操作要求的存储类型。",
        },
    },
    ErrorFix {
        code: "InvalidArgument",
        role_policy: false,
        cause: Localized {
            en: "OSS refused a value of the operation for this object (a tag, an ACL or a restore setting).",
            zh: "OSS 拒绝了此对象上该操作的某个取值（标签、ACL 或解冻设置）。",
        },
        fix: Localized {
            en: "Read the message column for the value; validate the job (ossbatch validate) and correct the operation.",
            zh: "查看消息列中的具体取值；校验作业（ossbatch validate）并修正操作设置。",
        },
    },
    ErrorFix {
        code: "InternalError",
        role_policy: false,
        cause: Localized {
            en: "A temporary error inside OSS.",
            zh: "OSS 内部的临时错误。",
        },
        fix: Localized {
            en: "Retry the failed objects: the retry manifest holds exactly them.",
            zh: "重试失败的对象：重试清单正好包含它们。",
        },
    },
    ErrorFix {
        code: "ServiceUnavailable",
        role_policy: false,
        cause: Localized {
            en: "OSS was busy or throttled the requests for a while.",
            zh: "OSS 一段时间内繁忙或对请求进行了限流。",
        },
        fix: Localized {
            en: "Retry the failed objects later, perhaps with a lower priority.",
            zh: "稍后重试失败的对象，可考虑降低优先级。",
        },
    },
];

/// The cause and fix for `code`, when it is one of [`FIXES`].
pub fn fix_for(code: &str) -> Option<&'static ErrorFix> {
    FIXES.iter().find(|fix| fix.code == code)
}

/// The note for a restore job: a restore task that "succeeded" was requested, not finished.
pub const RESTORE_SUCCEEDED_NOTE: Localized = Localized {
    en: "A RestoreObject task that succeeded has requested the restore; the object becomes readable later (HeadObject shows x-oss-restore).",
    zh: "RestoreObject 任务成功表示已提交解冻请求；对象稍后才可读（HeadObject 的 x-oss-restore 会显示）。",
};

//! The CLI's own sentences in both languages, in one place (the core's catalogues hold the rest: rule
//! summaries, issue messages, report causes and fixes). `{0}`, `{1}`, … are filled in by `Localized::fill`.

use ossbatch_core::Localized;

pub const MORE_DAMAGED: Localized = Localized {
    en: "… and {0} more damaged rows",
    zh: "……另有 {0} 行损坏",
};
pub const DAMAGED_NOT_COUNTED: Localized = Localized {
    en: "{0} rows could not be read and are not counted",
    zh: "{0} 行无法读取，未计入",
};
pub const TASKS: Localized = Localized {
    en: "{0} tasks: {1} succeeded, {2} failed ({3})",
    zh: "{0} 个任务：{1} 个成功，{2} 个失败（{3}）",
};
pub const FAILURES: Localized = Localized {
    en: "Failures:",
    zh: "失败原因：",
};
pub const CAUSE: Localized = Localized {
    en: "cause",
    zh: "原因",
};
pub const FIX: Localized = Localized {
    en: "fix",
    zh: "处理",
};
pub const EXAMPLE: Localized = Localized {
    en: "e.g.",
    zh: "例如",
};
pub const NOTE: Localized = Localized {
    en: "note: ",
    zh: "说明：",
};
pub const RETRY_EMPTY: Localized = Localized {
    en: "note: no task failed; the retry manifest is empty",
    zh: "说明：没有失败的任务；重试清单为空",
};
pub const RETRY_WRITTEN: Localized = Localized {
    en: "{0} rows ({1}), {2} bytes; upload it and use the ETag above as Manifest.Location.ETag",
    zh: "{0} 行（{1}），{2} 字节；上传后将上面的 ETag 填入 Manifest.Location.ETag",
};
pub const SAME_STRING_TO_SIGN: Localized = Localized {
    en: "\n  OSS computed the same string to sign as ossbatch: the AccessKey secret is what differs.",
    zh: "\n  OSS 计算出的待签名字符串与 ossbatch 相同：不同的是 AccessKey Secret。",
};

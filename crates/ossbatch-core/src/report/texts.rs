//! The report reader's sentences in both languages, in one place: why the columns were read as they
//! were (`Layout::reason`, in the reader's language) and what was assumed. `{0}`, `{1}` are filled in.

use crate::lang::{Lang, Localized};

pub const REASON_BY_CONTENT: Localized = Localized {
    en: "no header row; column {0} holds succeeded/failed words, so columns 1 and 2 are the bucket and the key{1}",
    zh: "没有表头行；第 {0} 列是 succeeded/failed，因此第 1、2 列是存储空间和对象键{1}",
};
pub const REASON_VERSION: Localized = Localized {
    en: " and column 3 the version id",
    zh: "，第 3 列是版本 ID",
};
pub const REASON_HTTP: Localized = Localized {
    en: "; column {0} holds three-digit HTTP statuses",
    zh: "；第 {0} 列是三位数的 HTTP 状态码",
};
pub const REASON_CODE: Localized = Localized {
    en: "; column {0} holds one-word error codes",
    zh: "；第 {0} 列是单个词的错误码",
};
pub const REASON_MESSAGE: Localized = Localized {
    en: "; column {0} is the message",
    zh: "；第 {0} 列是错误信息",
};
pub const REASON_HEADER: Localized = Localized {
    en: "the first row is a header: {0}",
    zh: "第一行是表头：{0}",
};
pub const REASON_GIVEN: Localized = Localized {
    en: "named by the caller (--columns)",
    zh: "由调用方指定（--columns）",
};
pub const REASON_NO_ROWS: Localized = Localized {
    en: "the report has no rows",
    zh: "报告没有数据行",
};
pub const JSON_SKIPPED: Localized = Localized {
    en: "{0}: skipped: a JSON document (a report manifest such as manifest.json), not report rows",
    zh: "{0}：已跳过：这是 JSON 文档（如 manifest.json 报告清单），不是报告行",
};
pub const ASSUMED_LAYOUT: Localized = Localized {
    en: "OSS does not document the completion report's layout; read as {0} ({1}: {2}). Keys are shown as the report wrote them.",
    zh: "OSS 未公开完成报告的格式；按 {0} 读取（{1}：{2}）。对象键按报告原样显示。",
};
pub const FROM_HEADER: Localized = Localized {
    en: "from the header row",
    zh: "依据表头行",
};
pub const BY_CONTENT: Localized = Localized {
    en: "by content",
    zh: "依据内容",
};
pub const AS_GIVEN: Localized = Localized {
    en: "as given",
    zh: "按指定列",
};

/// `text` in `lang` with `{0}`, `{1}`, … replaced by `values` ([`Localized::fill`]).
pub fn fill(text: Localized, lang: Lang, values: &[&dyn std::fmt::Display]) -> String {
    text.fill(lang, values)
}

//! The report reader's sentences in both languages, in one place: why the columns were read as they
//! were (`Layout::reason`, in the reader's language) and what was assumed. `{0}`, `{1}` are filled in by [`Localized::fill`].

use crate::lang::Localized;

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

pub const NO_STATUS_COLUMN: Localized = Localized {
    en: "no column holds succeeded/failed words",
    zh: "没有一列是 succeeded/failed",
};
pub const SEVERAL_STATUS_COLUMNS: Localized = Localized {
    en: "columns {0} all hold succeeded/failed words",
    zh: "第 {0} 列都是 succeeded/failed",
};
pub const STATUS_TOO_EARLY: Localized = Localized {
    en: "the status is column {0}, with no room for the bucket and key before it",
    zh: "状态在第 {0} 列，前面放不下存储空间和对象键",
};
pub const STATUS_TOO_LATE: Localized = Localized {
    en: "columns 3 to {0} stand between the key and the status",
    zh: "对象键和状态之间隔着第 3 到第 {0} 列",
};
pub const NOT_BUCKETS: Localized = Localized {
    en: "column 1 does not hold bucket names",
    zh: "第 1 列不是存储空间名称",
};
pub const SEVERAL_HTTP_COLUMNS: Localized = Localized {
    en: "columns {0} all hold HTTP statuses",
    zh: "第 {0} 列都是 HTTP 状态码",
};
pub const LAYOUT_ERROR: Localized = Localized {
    en: "{0}: cannot tell the report's columns: {1}; name them with --columns (bucket,key,versionId,status,httpStatus,errorCode,message,ignore)",
    zh: "{0}：无法判断报告的列：{1}；请用 --columns 指定（bucket,key,versionId,status,httpStatus,errorCode,message,ignore）",
};
pub const GZIP_ERROR: Localized = Localized {
    en: "{0}: not a readable gzip stream: {1}",
    zh: "{0}：不是可读的 gzip 数据流：{1}",
};
pub const DAMAGE_OPEN_QUOTE: Localized = Localized {
    en: "the file ends inside a quoted field",
    zh: "文件在带引号的字段中途结束",
};
pub const DAMAGE_NOT_UTF8: Localized = Localized {
    en: "not valid UTF-8",
    zh: "不是有效的 UTF-8",
};
pub const DAMAGE_COLUMNS: Localized = Localized {
    en: "{0} columns; the layout has {1}",
    zh: "{0} 列；布局有 {1} 列",
};
pub const DAMAGE_STATUS: Localized = Localized {
    en: "the status {0} is neither succeeded nor failed",
    zh: "状态 {0} 既不是 succeeded 也不是 failed",
};

//! Which column of a report holds what: from a header row, from the content of the first rows, or as
//! the caller names them. Never a silent guess: the result says how it was decided, and content that
//! does not tell is an error naming what is unclear.

use serde::{Deserialize, Serialize};

use super::texts::{
    ASSUMED_LAYOUT, AS_GIVEN, BY_CONTENT, FROM_HEADER, NOT_BUCKETS, NO_STATUS_COLUMN,
    REASON_BY_CONTENT, REASON_CODE, REASON_HTTP, REASON_MESSAGE, REASON_VERSION,
    SEVERAL_HTTP_COLUMNS, SEVERAL_STATUS_COLUMNS, STATUS_TOO_EARLY, STATUS_TOO_LATE,
};
use crate::lang::Lang;

/// What a report column holds (`--columns` names: `bucket,key,versionId,status,httpStatus,errorCode,
/// message,ignore`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Column {
    Bucket,
    Key,
    VersionId,
    /// The task's outcome: succeeded or failed.
    Status,
    HttpStatus,
    ErrorCode,
    Message,
    Ignore,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Bucket,
        Column::Key,
        Column::VersionId,
        Column::Status,
        Column::HttpStatus,
        Column::ErrorCode,
        Column::Message,
        Column::Ignore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Column::Bucket => "bucket",
            Column::Key => "key",
            Column::VersionId => "versionId",
            Column::Status => "status",
            Column::HttpStatus => "httpStatus",
            Column::ErrorCode => "errorCode",
            Column::Message => "message",
            Column::Ignore => "ignore",
        }
    }

    /// A `--columns` list: every name once at most (but `ignore`), `status` required.
    pub fn parse_list(list: &str) -> Result<Vec<Column>, String> {
        let mut columns = Vec::new();
        for name in list.split(',').map(str::trim) {
            let column = Column::ALL
                .into_iter()
                .find(|c| c.as_str().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    format!("unknown column {name:?}; use bucket, key, versionId, status, httpStatus, errorCode, message or ignore")
                })?;
            if column != Column::Ignore && columns.contains(&column) {
                return Err(format!("{name} is named twice"));
            }
            columns.push(column);
        }
        if !columns.contains(&Column::Status) {
            return Err("a status column is required (succeeded/failed)".into());
        }
        Ok(columns)
    }
}

/// How the layout was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LayoutSource {
    Header,
    Content,
    Given,
}

/// The report's columns, how they were decided and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub columns: Vec<Column>,
    pub source: LayoutSource,
    /// In words, for people: what in the file led to these columns.
    pub reason: String,
}

impl Layout {
    pub fn index_of(&self, column: Column) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }
}

/// A task status word: `Some(true)` succeeded, `Some(false)` failed.
pub fn status_word(value: &str) -> Option<bool> {
    const SUCCEEDED: [&str; 2] = ["succeeded", "success"];
    const FAILED: [&str; 2] = ["failed", "failure"];
    // Once per row: ASCII trimming and the exact words first (the app's size-optimized wasm pays
    // for every char-by-char step; docs/benchmarks.md).
    let value = value.trim_ascii();
    match value {
        "succeeded" => return Some(true),
        "failed" => return Some(false),
        _ => {}
    }
    if SUCCEEDED.iter().any(|w| w.eq_ignore_ascii_case(value)) {
        Some(true)
    } else if FAILED.iter().any(|w| w.eq_ignore_ascii_case(value)) {
        Some(false)
    } else {
        None
    }
}

/// A three-digit HTTP status.
pub fn http_status(value: &str) -> Option<u16> {
    match *value.trim_ascii().as_bytes() {
        [a @ b'1'..=b'5', b @ b'0'..=b'9', c @ b'0'..=b'9'] => {
            let digit = |d: u8| u16::from(d - b'0');
            Some(digit(a) * 100 + digit(b) * 10 + digit(c))
        }
        _ => None,
    }
}

/// The columns a header row names, when the first row is one: at least two known names, one of them
/// the status.
pub fn from_header(fields: &[String]) -> Option<Vec<Column>> {
    let columns: Vec<Column> = fields.iter().map(|f| header_name(f)).collect();
    let known = columns.iter().filter(|c| **c != Column::Ignore).count();
    (known >= 2
        && columns.contains(&Column::Status)
        && fields.iter().all(|f| status_word(f).is_none()))
    .then_some(columns)
}

fn header_name(field: &str) -> Column {
    let name: String = field
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    match name.as_str() {
        "bucket" | "bucketname" => Column::Bucket,
        "key" | "objectkey" | "object" => Column::Key,
        "versionid" | "version" => Column::VersionId,
        "taskstatus" | "status" => Column::Status,
        "httpstatuscode" | "httpstatus" | "httpcode" | "statuscode" => Column::HttpStatus,
        "errorcode" | "resultcode" | "code" => Column::ErrorCode,
        "resultmessage" | "message" | "errormessage" => Column::Message,
        _ => Column::Ignore,
    }
}

/// An error code as OSS and S3 write them: a word of letters and digits (`AccessDenied`,
/// `InvalidObjectState`, `400`), no spaces.
fn code_like(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-')
}

fn bucket_like(value: &str) -> bool {
    (3..=63).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// What `from_content` needs to know of one column, gathered in one pass over the rows: each field
/// is read once, so the work follows the rows' size, not their widest row times their number (a
/// 20,000-field row among 200 sampled rows took seconds when each column was read by scanning every
/// row; found by the fuzzer as hangs).
#[derive(Clone, Copy)]
struct ColumnFacts {
    /// Values that are not blank.
    non_blank: usize,
    /// Of those, succeeded/failed words.
    status_words: usize,
    /// Every non-blank value a bucket name / an HTTP status.
    all_buckets: bool,
    all_http: bool,
    /// Every value blank or one code-like word.
    all_codes: bool,
}

impl ColumnFacts {
    const NONE: ColumnFacts = ColumnFacts {
        non_blank: 0,
        status_words: 0,
        all_buckets: true,
        all_http: true,
        all_codes: true,
    };

    fn add(&mut self, value: &str) {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return;
        }
        self.non_blank += 1;
        self.status_words += usize::from(status_word(value).is_some());
        self.all_buckets &= bucket_like(value);
        self.all_http &= http_status(value).is_some();
        self.all_codes &= code_like(trimmed);
    }
}

/// The columns by the content of `rows` (the first rows of the report, no header).
pub fn from_content<R: AsRef<[String]>>(rows: &[R], lang: Lang) -> Result<Layout, String> {
    let width = rows.iter().map(|r| r.as_ref().len()).max().unwrap_or(0);
    let mut facts = vec![ColumnFacts::NONE; width];
    for row in rows {
        for (fact, value) in facts.iter_mut().zip(row.as_ref()) {
            fact.add(value);
        }
    }
    // The status column: most of its values are succeeded/failed words (a damaged row may hold
    // another word; it is reported, not counted).
    let statuses: Vec<usize> = (0..width)
        .filter(|&j| facts[j].status_words > 0 && facts[j].status_words * 2 > facts[j].non_blank)
        .collect();
    let status = match statuses.as_slice() {
        [one] => *one,
        [] => return Err(NO_STATUS_COLUMN.get(lang).to_string()),
        several => return Err(SEVERAL_STATUS_COLUMNS.fill(lang, &[&numbered(several)])),
    };
    if status < 2 {
        return Err(STATUS_TOO_EARLY.fill(lang, &[&(status + 1)]));
    }
    if status > 3 {
        return Err(STATUS_TOO_LATE.fill(lang, &[&status]));
    }
    if !(facts[0].all_buckets && facts[0].non_blank > 0) {
        return Err(NOT_BUCKETS.get(lang).to_string());
    }
    let mut columns = vec![Column::Ignore; width];
    columns[0] = Column::Bucket;
    columns[1] = Column::Key;
    if status == 3 {
        columns[2] = Column::VersionId;
    }
    columns[status] = Column::Status;
    let version = if status == 3 {
        REASON_VERSION.get(lang)
    } else {
        ""
    };
    let mut reason = REASON_BY_CONTENT.fill(lang, &[&(status + 1), &version]);
    let after: Vec<usize> = (status + 1..width).collect();
    let https: Vec<usize> = after
        .iter()
        .copied()
        .filter(|&j| facts[j].all_http && facts[j].non_blank > 0)
        .collect();
    if https.len() > 1 {
        return Err(SEVERAL_HTTP_COLUMNS.fill(lang, &[&numbered(&https)]));
    }
    if let Some(&http) = https.first() {
        columns[http] = Column::HttpStatus;
        reason.push_str(&REASON_HTTP.fill(lang, &[&(http + 1)]));
    }
    let rest: Vec<usize> = after.into_iter().filter(|j| !https.contains(j)).collect();
    // The error code comes before the message in both of S3's orders; a code is one word.
    let code = rest.iter().copied().find(|&j| facts[j].all_codes);
    if let Some(code) = code {
        columns[code] = Column::ErrorCode;
        reason.push_str(&REASON_CODE.fill(lang, &[&(code + 1)]));
    }
    if let Some(&message) = rest.iter().rev().find(|&&j| Some(j) != code) {
        if code.is_none_or(|code| message > code) {
            columns[message] = Column::Message;
            reason.push_str(&REASON_MESSAGE.fill(lang, &[&(message + 1)]));
        }
    }
    Ok(Layout {
        columns,
        source: super::LayoutSource::Content,
        reason,
    })
}

fn numbered(indices: &[usize]) -> String {
    let names: Vec<String> = indices.iter().map(|j| (j + 1).to_string()).collect();
    names.join(", ")
}

/// The first assumption: that OSS documents no layout, and which one was used.
pub fn assumption_of(layout: &Layout, lang: Lang) -> String {
    let columns: Vec<&str> = layout.columns.iter().map(|c| c.as_str()).collect();
    let source = match layout.source {
        LayoutSource::Header => FROM_HEADER,
        LayoutSource::Content => BY_CONTENT,
        LayoutSource::Given => AS_GIVEN,
    };
    ASSUMED_LAYOUT.fill(
        lang,
        &[&columns.join(","), &source.get(lang), &layout.reason],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split(',').map(String::from).collect())
            .collect()
    }

    #[test]
    fn s3_real_and_documented_orders_are_told_apart_by_content() {
        let real = rows(&[
            "bucket-a,photos/a.jpg,,succeeded,200,,Successful",
            "bucket-a,photos/b.jpg,,failed,403,AccessDenied,Access Denied",
        ]);
        let layout = from_content(&real, Lang::En).unwrap();
        use Column::*;
        assert_eq!(
            layout.columns,
            [Bucket, Key, VersionId, Status, HttpStatus, ErrorCode, Message]
        );
        let documented = rows(&[
            "bucket-a,photos/a.jpg,,succeeded,,200,Successful",
            "bucket-a,photos/b.jpg,,failed,AccessDenied,403,Access Denied",
        ]);
        assert_eq!(
            from_content(&documented, Lang::En).unwrap().columns,
            [Bucket, Key, VersionId, Status, ErrorCode, HttpStatus, Message]
        );
    }

    #[test]
    fn content_that_does_not_tell_is_an_error() {
        assert!(from_content(&rows(&["a,b,c"]), Lang::En)
            .unwrap_err()
            .contains("succeeded/failed"));
        let two = rows(&["bucket-a,k,succeeded,failed"]);
        assert!(from_content(&two, Lang::En)
            .unwrap_err()
            .contains("columns 3, 4"));
    }

    #[test]
    fn headers_and_given_lists() {
        let header: Vec<String> = [
            "Bucket",
            "Key",
            "VersionId",
            "TaskStatus",
            "HTTPStatusCode",
            "ErrorCode",
            "ResultMessage",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(from_header(&header).unwrap()[4], Column::HttpStatus);
        assert_eq!(from_header(&rows(&["b,k,,succeeded"])[0]), None);
        assert!(Column::parse_list("bucket,key,status,ignore,ignore").is_ok());
        assert!(Column::parse_list("bucket,key")
            .unwrap_err()
            .contains("status"));
        assert!(Column::parse_list("bucket,colour,status")
            .unwrap_err()
            .contains("colour"));
    }
}

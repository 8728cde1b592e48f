//! Decoding what OSS (or something in between) answers: a result document, an OSS `<Error>`, or
//! something else, which becomes a clear error keeping the status and a short excerpt. Never a panic.

use serde::Serialize;

use crate::lang::Localized;
use crate::model::{CreateJobResult, OssError};
use crate::xml::dom::{self, Element};

/// Characters of an unexpected body kept for the error message.
pub const EXCERPT_CHARS: usize = 200;

/// A response that is not the expected result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ResponseError {
    /// OSS answered with its `<Error>` document.
    #[error("OSS error {status} {}: {}{}", error.code, error.message, request_id_suffix(error))]
    Oss { status: u16, error: Box<OssError> },
    /// The ossbatch CORS proxy refused or could not forward the request (it marks such answers with
    /// the `x-ossbatch-proxy-error` header and a [`ProxyErrorBody`]); OSS never saw it.
    #[error("the ossbatch proxy answered HTTP {status}: {message}")]
    Proxy {
        status: u16,
        message: String,
        /// From `Retry-After`, when the proxy asks to wait (429 rate limit, 503 busy).
        #[serde(skip_serializing_if = "Option::is_none")]
        retry_after_seconds: Option<u64>,
    },
    /// Anything else: an HTML page from a gateway, an empty or truncated body, a foreign document.
    #[error(
        "unexpected response (HTTP {status}): {reason}{}",
        excerpt_suffix(excerpt)
    )]
    Unexpected {
        status: u16,
        reason: String,
        excerpt: String,
    },
}

fn request_id_suffix(error: &OssError) -> String {
    error
        .request_id
        .as_deref()
        .map(|id| format!(" (RequestId {id})"))
        .unwrap_or_default()
}

fn excerpt_suffix(excerpt: &str) -> String {
    if excerpt.is_empty() {
        String::new()
    } else {
        format!("; body starts: {excerpt}")
    }
}

/// The first characters of a body, on one line, for messages.
pub fn excerpt(body: &str) -> String {
    let flat: String = body
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut short: String = flat.chars().take(EXCERPT_CHARS).collect();
    if flat.chars().count() > EXCERPT_CHARS {
        short.push('…');
    }
    short
}

pub(crate) fn unexpected(status: u16, reason: impl Into<String>, body: &str) -> ResponseError {
    ResponseError::Unexpected {
        status,
        reason: reason.into(),
        excerpt: excerpt(body),
    }
}

fn text_of(element: &Element, name: &str) -> Option<String> {
    element
        .child(name)
        .map(|child| child.text.trim().to_string())
}

/// Keeps one child of `<Error>` under `name`, so that nothing OSS sent is lost: a nested element's
/// children under `Parent.Child` (an element with children and no text of its own keeps no entry
/// of its own), a repeated name as `Name[2]`, `Name[3]`, ….
fn keep_field(
    fields: &mut std::collections::BTreeMap<String, String>,
    name: String,
    element: &Element,
) {
    let mut unique = name.clone();
    let mut n = 1;
    while fields.contains_key(&unique) || fields.keys().any(|k| is_under(k, &unique)) {
        n += 1;
        unique = format!("{name}[{n}]");
    }
    if element.children.is_empty() || element.has_text() {
        fields.insert(unique.clone(), element.text.clone());
    }
    for child in &element.children {
        keep_field(fields, format!("{unique}.{}", child.name), child);
    }
}

fn is_under(key: &str, parent: &str) -> bool {
    key.len() > parent.len() && key.starts_with(parent) && key.as_bytes()[parent.len()] == b'.'
}

/// Reads an OSS `<Error>` document leniently: the known children into their fields, every other
/// one into [`OssError::other`].
pub fn parse_oss_error(root: &Element) -> Option<OssError> {
    if root.name != "Error" {
        return None;
    }
    const KNOWN: [&str; 6] = [
        "Code",
        "Message",
        "RequestId",
        "HostId",
        "EC",
        "RecommendDoc",
    ];
    let non_empty = |name: &str| text_of(root, name).filter(|text| !text.is_empty());
    // Every other child, its text as sent (a StringToSign's line ends matter).
    let mut other = std::collections::BTreeMap::new();
    for child in root.children.iter().filter(|c| !KNOWN.contains(&c.name)) {
        keep_field(&mut other, child.name.to_string(), child);
    }
    Some(OssError {
        code: text_of(root, "Code").unwrap_or_default(),
        message: text_of(root, "Message").unwrap_or_default(),
        request_id: non_empty("RequestId"),
        host_id: non_empty("HostId"),
        ec: non_empty("EC"),
        recommend_doc: non_empty("RecommendDoc"),
        other,
    })
}

/// What OSS says in headers about a failed answer. A HEAD answer has no body, so OSS sends its
/// `<Error>` document base64-encoded in `x-oss-err`, and every answer names its request in
/// `x-oss-request-id` and its error in `x-oss-ec` (the official Java v2 SDK's
/// `ClientImpl.OnServiceError` reads the document from `x-oss-err` when the body is empty, and
/// `ServiceException` falls back to the two headers; docs/spec/oss-facts.md).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorHeaders {
    /// `x-oss-err`: the base64 of the `<Error>` document.
    pub error_document: Option<String>,
    /// `x-oss-ec`.
    pub ec: Option<String>,
    /// `x-oss-request-id`.
    pub request_id: Option<String>,
}

impl ErrorHeaders {
    /// The header names, as OSS writes them (HTTP header names are case-insensitive).
    pub const ERROR_DOCUMENT: &'static str = "x-oss-err";
    pub const EC: &'static str = "x-oss-ec";
    pub const REQUEST_ID: &'static str = "x-oss-request-id";

    /// Reads the three headers with `header(name)` (a lookup that ignores case).
    pub fn from_lookup(header: impl Fn(&str) -> Option<String>) -> Self {
        let read = |name| {
            header(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        ErrorHeaders {
            error_document: read(Self::ERROR_DOCUMENT),
            ec: read(Self::EC),
            request_id: read(Self::REQUEST_ID),
        }
    }

    /// Reads the answer of a call with `parse`: [`ErrorHeaders::body_for`], then
    /// [`ErrorHeaders::complete`].
    pub fn read<T>(
        &self,
        status: u16,
        body: &str,
        parse: impl FnOnce(u16, &str) -> Result<T, ResponseError>,
    ) -> Result<T, ResponseError> {
        let body = self.body_for(status, body.as_bytes());
        parse(status, &String::from_utf8_lossy(&body)).map_err(|error| self.complete(error))
    }

    /// The body to read: `x-oss-err`'s document in place of the empty body of a failed answer.
    pub fn body_for<'a>(&self, status: u16, body: &'a [u8]) -> std::borrow::Cow<'a, [u8]> {
        use base64::Engine;
        let failed = !(200..300).contains(&status);
        let empty = body.iter().all(u8::is_ascii_whitespace);
        self.error_document
            .as_deref()
            .filter(|_| failed && empty)
            .and_then(|encoded| {
                base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .ok()
            })
            .map_or(std::borrow::Cow::Borrowed(body), std::borrow::Cow::Owned)
    }

    /// An OSS error's RequestId and EC from the headers when its document has none.
    pub fn complete(&self, error: ResponseError) -> ResponseError {
        match error {
            ResponseError::Oss { status, mut error } => {
                if error.request_id.is_none() {
                    error.request_id = self.request_id.clone();
                }
                if error.ec.is_none() {
                    error.ec = self.ec.clone();
                }
                ResponseError::Oss { status, error }
            }
            other => other,
        }
    }
}

/// The header on every response the proxy makes itself.
pub const PROXY_ERROR_HEADER: &str = "x-ossbatch-proxy-error";
/// The `source` of a [`ProxyErrorBody`].
pub const PROXY_ERROR_SOURCE: &str = "ossbatch-proxy";

/// The JSON body of a response the proxy makes itself:
/// `{"source": "ossbatch-proxy", "error": "too many requests; retry in 3 s", "retryAfterSeconds": 3}`.
/// Written here once; the proxy writes it and [`parse_result_document`] recognises it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyErrorBody {
    pub source: String,
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

impl ProxyErrorBody {
    pub fn new(error: impl Into<String>, retry_after_seconds: Option<u64>) -> Self {
        ProxyErrorBody {
            source: PROXY_ERROR_SOURCE.to_string(),
            error: error.into(),
            retry_after_seconds,
        }
    }

    /// Reads a proxy error body; `None` for anything else (OSS documents, gateway pages).
    pub fn parse(body: &str) -> Option<Self> {
        if !body.trim_start().starts_with('{') || !shallow(body, PROXY_ERROR_MAX_DEPTH) {
            return None;
        }
        // miniserde, not serde_json: this is the only JSON the signing entry reads, and serde_json's
        // reader was a sixth of that wasm (docs/benchmarks.md). Unknown fields are ignored by both.
        miniserde::json::from_str::<ProxyErrorFields>(body)
            .ok()
            .filter(|parsed| parsed.source == PROXY_ERROR_SOURCE)
            .map(|parsed| ProxyErrorBody {
                source: parsed.source,
                error: parsed.error,
                retry_after_seconds: parsed.retry_after_seconds,
            })
    }
}

/// The proxy's error body is a flat object; anything nested deeper is not one. miniserde keeps a
/// frame for each open `[`/`{` of a value it skips (about 100 bytes each, no depth limit), so without
/// this a body of N brackets cost 100 × N bytes (the fuzzer found it: 8 MiB of `[` would be 800 MB).
const PROXY_ERROR_MAX_DEPTH: usize = 8;

/// Whether `json`'s arrays and objects nest at most `max` deep (strings and escapes skipped).
fn shallow(json: &str, max: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for byte in json.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

/// [`ProxyErrorBody`] as miniserde reads it.
#[derive(miniserde::Deserialize)]
struct ProxyErrorFields {
    source: String,
    error: String,
    #[serde(rename = "retryAfterSeconds")]
    retry_after_seconds: Option<u64>,
}

/// Reads a response body as a result document named `root_name`, or turns it into a [`ResponseError`].
pub fn parse_result_document<'a>(
    status: u16,
    body: &'a str,
    root_name: &str,
) -> Result<Element<'a>, ResponseError> {
    let success = (200..300).contains(&status);
    if let Some(proxy) = ProxyErrorBody::parse(body).filter(|_| !success) {
        return Err(ResponseError::Proxy {
            status,
            message: proxy.error,
            retry_after_seconds: proxy.retry_after_seconds,
        });
    }
    if body.trim().is_empty() {
        let reason = if success {
            format!("the body is empty; expected <{root_name}>")
        } else {
            "the body is empty; expected an OSS <Error> document".to_string()
        };
        return Err(unexpected(status, reason, body));
    }
    let root = match dom::parse(body, true) {
        Ok(root) => root,
        Err(error) => {
            return Err(unexpected(
                status,
                format!("the body is not well-formed XML ({error})"),
                body,
            ));
        }
    };
    if let Some(error) = parse_oss_error(&root) {
        return Err(ResponseError::Oss {
            status,
            error: Box::new(error),
        });
    }
    if !success {
        return Err(unexpected(
            status,
            format!(
                "HTTP {status} with a <{}> document instead of an OSS <Error>",
                root.name
            ),
            body,
        ));
    }
    if root.name != root_name {
        return Err(unexpected(
            status,
            format!("expected <{root_name}>, found <{}>", root.name),
            body,
        ));
    }
    Ok(root)
}

/// Decodes the answer to CreateJob: the JobId, or why there is none.
pub fn parse_create_job_response(
    status: u16,
    body: &str,
) -> Result<CreateJobResult, ResponseError> {
    let root = parse_result_document(status, body, "CreateJobResult")?;
    match text_of(&root, "JobId").filter(|id| !id.is_empty()) {
        Some(job_id) => Ok(CreateJobResult { job_id }),
        None => Err(unexpected(status, "<CreateJobResult> has no JobId", body)),
    }
}

/// A short hint for an OSS error code, in English and Chinese, for codes OSS documents (its error-code
/// reference and the CreateJob page). Codes no OSS source documents get no hint, rather than a guess.
pub fn hint_for_code(code: &str) -> Option<Localized> {
    let (en, zh) = match code {
        // OSS error codes reference ("OSS error codes", 0002-… pages); the live SDK test sees
        // InvalidAccessKeyId with EC 0002-00000902.
        "AccessDenied" => (
            "The AccessKey or STS role lacks permission for this action, or the RoleArn cannot be passed: check the RAM policy (oss:CreateJob and ram:PassRole) and the bucket policy.",
            "AccessKey 或 STS 角色没有此操作的权限，或无法传递 RoleArn：请检查 RAM 策略（oss:CreateJob 和 ram:PassRole）以及存储空间策略。",
        ),
        "InvalidAccessKeyId" => (
            "The AccessKeyId does not exist or is disabled; check it, and that it belongs to this account.",
            "AccessKeyId 不存在或已被禁用；请检查它，并确认它属于此账号。",
        ),
        "SignatureDoesNotMatch" => (
            "The signature is wrong: usually a mistyped AccessKeySecret, or the region does not match the endpoint.",
            "签名不正确：通常是 AccessKeySecret 输入有误，或地域与访问域名不一致。",
        ),
        "RequestTimeTooSkewed" => (
            "Your computer's clock is more than 15 minutes off; correct the clock and submit again.",
            "您的计算机时钟偏差超过 15 分钟；请校正时钟后重新提交。",
        ),
        "InvalidDigest" => (
            "The body changed after it was signed (Content-MD5 does not match); sign and send it again unchanged.",
            "请求体在签名后被改动（Content-MD5 不匹配）；请重新签名并原样发送。",
        ),
        "InvalidArgument" | "MalformedXML" => (
            "OSS rejected a value of the request; compare it with the issues panel and the message above.",
            "OSS 拒绝了请求中的某个值；请对照问题面板和上面的消息检查。",
        ),
        "NoSuchBucket" => (
            "A bucket named in the job does not exist in this region.",
            "任务中指定的某个存储空间在此地域不存在。",
        ),
        _ => return None,
    };
    Some(Localized { en, zh })
}

/// A hint for an OSS EC (error detail code), for the ECs with their own help page.
pub fn hint_for_ec(ec: &str) -> Option<Localized> {
    let (en, zh) = match ec {
        // https://www.alibabacloud.com/help/en/oss/user-guide/0017-00001002
        "0017-00001002" => (
            "batchJobId is not the id of a job in this account and region; copy the JobId CreateJob returned.",
            "batchJobId 不是此账号和地域下某个任务的 ID；请复制 CreateJob 返回的 JobId。",
        ),
        // https://www.alibabacloud.com/help/en/oss/user-guide/0017-00001003
        "0017-00001003" => (
            "The account has too many batch jobs; wait for queued jobs to finish (or cancel some), then retry with the same ClientRequestToken.",
            "账号下的批量任务过多；请等待排队的任务完成（或取消一些），然后使用相同的 ClientRequestToken 重试。",
        ),
        // https://www.alibabacloud.com/help/en/oss/user-guide/0017-00001009
        "0017-00001009" => (
            "RoleArn is empty or OSS cannot assume the role: create the Batch Operations service role in the OSS console (it must trust oss.aliyuncs.com) and use its ARN.",
            "RoleArn 为空或 OSS 无法扮演该角色：请在 OSS 控制台创建批量处理服务角色（必须信任 oss.aliyuncs.com），并使用它的 ARN。",
        ),
        _ => return None,
    };
    Some(Localized { en, zh })
}

/// The best hint for an OSS error: its EC's, else its code's.
pub fn hint_for_error(error: &OssError) -> Option<Localized> {
    error
        .ec
        .as_deref()
        .and_then(hint_for_ec)
        .or_else(|| hint_for_code(&error.code))
}

#[cfg(test)]
mod tests;

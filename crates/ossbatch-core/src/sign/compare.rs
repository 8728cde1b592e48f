//! When OSS answers `SignatureDoesNotMatch` it sends the string to sign it computed from the request it
//! received (`<StringToSign>`). Compared line by line with the one ossbatch signed, the first line that
//! differs names the usual mistakes in one readable line: a proxy or edge that changed a header, a
//! clock, a wrong region, a path or query rewritten on the way.

use serde::Serialize;

use crate::lang::Localized;

/// The first line where OSS's string to sign differs from ours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StringToSignDifference {
    /// 1-based.
    pub line: usize,
    /// `None` when ours has fewer lines.
    pub ours: Option<String>,
    pub theirs: Option<String>,
    /// What the difference usually means.
    #[serde(skip)]
    pub hint: &'static Localized,
}

const HINT_DATE: Localized = Localized {
    en: "The signing time differs: a clock is wrong, or something on the way changed the date header.",
    zh: "签名时间不同：时钟有误，或中途有组件改动了日期头。",
};
const HINT_SCOPE: Localized = Localized {
    en: "The credential scope differs: the request was signed for another region (or date) than the endpoint's.",
    zh: "凭证范围不同：请求签名所用的地域（或日期）与访问的 Endpoint 不一致。",
};
const HINT_HEADER: Localized = Localized {
    en: "A signed header differs: a proxy, CDN or gateway on the way added, removed or changed it.",
    zh: "某个签名头不同：中途的代理、CDN 或网关添加、删除或修改了它。",
};
const HINT_RESOURCE: Localized = Localized {
    en: "The path or query differs: something on the way rewrote the URL (encoding, a prefix, a bucket in the host).",
    zh: "路径或查询参数不同：中途有组件改写了 URL（编码、前缀或 Host 中的 Bucket）。",
};
const HINT_OTHER: Localized = Localized {
    en: "The request OSS received is not the one that was signed (or the AccessKey secret is wrong).",
    zh: "OSS 收到的请求与签名时的请求不同（或 AccessKey Secret 有误）。",
};

/// The first differing line of two strings to sign, or `None` when they are the same (then the secret
/// is what differs).
pub fn compare_string_to_sign(ours: &str, theirs: &str) -> Option<StringToSignDifference> {
    // OSS may answer with the lines' ends as \r\n or escape nothing; compare lines, not bytes.
    let ours_lines: Vec<&str> = ours.lines().collect();
    let theirs_lines: Vec<&str> = theirs.lines().collect();
    let count = ours_lines.len().max(theirs_lines.len());
    let index = (0..count).find(|&i| ours_lines.get(i) != theirs_lines.get(i))?;
    let (a, b) = (
        ours_lines.get(index).copied(),
        theirs_lines.get(index).copied(),
    );
    let v4 = ours.starts_with("OSS4-HMAC-SHA256");
    let either = |test: &dyn Fn(&str) -> bool| a.is_some_and(test) || b.is_some_and(test);
    // V1: method, Content-MD5, Content-Type, Date, then x-oss-* headers and the resource. V4: the
    // algorithm, the time, the scope, the canonical request's hash.
    let v1_header = !v4 && (index == 1 || index == 2);
    let hint =
        if v4 && index == 1 || either(&|l| l.starts_with("x-oss-date:") || looks_like_date(l)) {
            &HINT_DATE
        } else if v4 && index == 2 {
            &HINT_SCOPE
        } else if v1_header {
            &HINT_HEADER
        } else if either(&|l| l.starts_with('/') || l.contains('?')) {
            &HINT_RESOURCE
        } else if either(&|l| l.contains(':')) {
            &HINT_HEADER
        } else {
            &HINT_OTHER
        };
    Some(StringToSignDifference {
        line: index + 1,
        ours: a.map(String::from),
        theirs: b.map(String::from),
        hint,
    })
}

/// An RFC 1123 date (V1's Date line) or V4's `YYYYMMDDTHHMMSSZ`.
fn looks_like_date(line: &str) -> bool {
    line.ends_with(" GMT")
        || (line.len() == 16 && line.as_bytes().get(8) == Some(&b'T') && line.ends_with('Z'))
}

/// The first difference between what OSS computed and what ossbatch signed: the canonical requests
/// when OSS sent its own (`<CanonicalRequest>`, V4: it shows the very header or path), else the strings
/// to sign. `None` when OSS sent neither, or both are the same.
pub fn explain_signature_mismatch(
    error: &crate::model::OssError,
    signed: &super::SigningInspector,
) -> Option<StringToSignDifference> {
    if let (Some(theirs), Some(ours)) = (
        error.other.get("CanonicalRequest"),
        &signed.canonical_request,
    ) {
        let mut difference = compare_string_to_sign(ours, theirs)?;
        // In a canonical request the lines are the method, the path, the query, then headers.
        difference.hint = match difference.line {
            2 | 3 => &HINT_RESOURCE,
            _ if difference
                .ours
                .as_deref()
                .or(difference.theirs.as_deref())
                .is_some_and(|l| l.starts_with("x-oss-date:")) =>
            {
                &HINT_DATE
            }
            _ => &HINT_HEADER,
        };
        return Some(difference);
    }
    compare_string_to_sign(&signed.string_to_sign, error.string_to_sign()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_differing_line_and_what_it_means() {
        let ours =
            "OSS4-HMAC-SHA256\n20260102T030405Z\n20260102/cn-hangzhou/oss/aliyun_v4_request\nabc";
        assert_eq!(compare_string_to_sign(ours, ours), None);
        let clock = compare_string_to_sign(ours, &ours.replace("030405", "031405")).unwrap();
        assert_eq!((clock.line, clock.hint), (2, &HINT_DATE));
        let region =
            compare_string_to_sign(ours, &ours.replace("cn-hangzhou", "cn-beijing")).unwrap();
        assert_eq!((region.line, region.hint), (3, &HINT_SCOPE));
        let v1 = "POST\nzK9f==\napplication/xml\nFri, 02 Jan 2026 03:04:05 GMT\nx-oss-date:Fri, 02 Jan 2026 03:04:05 GMT\n/?batchJob";
        let header =
            compare_string_to_sign(v1, &v1.replace("application/xml", "text/plain")).unwrap();
        assert_eq!((header.line, header.hint), (3, &HINT_HEADER));
        let path =
            compare_string_to_sign(v1, &v1.replace("/?batchJob", "/bucket/?batchJob")).unwrap();
        assert_eq!((path.line, path.hint), (6, &HINT_RESOURCE));
        let shorter = compare_string_to_sign("a\nb", "a").unwrap();
        assert_eq!((shorter.line, shorter.theirs), (2, None));
    }
}

//! Checks of names and formatted strings shared by several elements: bucket names, object keys, tags,
//! the RAM role ARN, ETags and regions (rules from oss-facts.md).

use crate::issue::Issue;
use crate::rules;

pub use crate::limits::{BUCKET_MAX, BUCKET_MIN, OBJECT_KEY_MAX_BYTES, TAG_KEY_MAX, TAG_VALUE_MAX};

/// True when `test` holds for every byte of `text`. A plain loop: in the size-optimized wasm the
/// iterator adapters (`bytes().all(..)`) stay calls per byte, several times slower (issue #12).
#[inline(always)]
pub fn all_bytes(text: &str, test: impl Fn(u8) -> bool) -> bool {
    for &byte in text.as_bytes() {
        if !test(byte) {
            return false;
        }
    }
    true
}

/// A byte a bucket name may hold: a lowercase letter, a digit or `-`.
fn is_bucket_byte(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-'
}

/// A bucket name that passes every rule of [`check_bucket`], decided on bytes without allocating
/// (callers check many names and call `check_bucket` only for the others).
pub fn is_plain_bucket(name: &str) -> bool {
    (BUCKET_MIN..=BUCKET_MAX).contains(&name.len())
        && all_bytes(name, is_bucket_byte)
        && !name.starts_with('-')
        && !name.ends_with('-')
}

/// An object key that passes [`check_object_key`] and [`check_text`], decided without allocating.
pub fn is_plain_object_key(key: &str) -> bool {
    (1..=OBJECT_KEY_MAX_BYTES).contains(&key.len())
        && !key.starts_with(['/', '\\'])
        && all_xml_chars(key)
}

/// Bucket name: 3–63 characters, lowercase letters, digits and `-`, starting and ending with a letter or
/// digit. Whitespace around the name is named explicitly, since it is easy to paste and hard to see.
pub fn check_bucket(out: &mut Vec<Issue>, path: &str, name: &str) {
    let length = name.chars().count();
    if !(BUCKET_MIN..=BUCKET_MAX).contains(&length) {
        out.push(
            Issue::new(
                &rules::BUCKET_LENGTH,
                path,
                format!(
                    "{path} must be {BUCKET_MIN} to {BUCKET_MAX} characters long; \"{name}\" has {length}."
                ),
            )
            .with_range(BUCKET_MIN, BUCKET_MAX, length)
            .with("value", name),
        );
    }
    // Byte test first: a valid name is ASCII, and per-char iteration is slow in the size-optimized wasm.
    let all_bucket_bytes = all_bytes(name, is_bucket_byte);
    let bad: Vec<char> = if all_bucket_bytes {
        Vec::new()
    } else {
        unique_chars(name.chars().filter(|c| !is_bucket_char(*c)))
    };
    if !bad.is_empty() {
        let hint = if name.trim() != name {
            " (it has leading or trailing whitespace)"
        } else if name.chars().any(|c| c.is_ascii_uppercase()) {
            " (bucket names are lowercase)"
        } else {
            ""
        };
        out.push(
            Issue::new(
                &rules::BUCKET_CHARS,
                path,
                format!(
                    "{path} may contain only lowercase letters, digits and hyphens; found {}{hint}.",
                    describe_chars(&bad)
                ),
            )
            .with("value", name)
            .with("invalid", bad.iter().collect::<String>()),
        );
    }
    if name.starts_with('-') || name.ends_with('-') {
        out.push(
            Issue::new(
                &rules::BUCKET_EDGE,
                path,
                format!(
                    "{path} must start and end with a lowercase letter or a digit, not a hyphen."
                ),
            )
            .with("value", name),
        );
    }
}

fn is_bucket_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

/// Object key: 1–1023 bytes of UTF-8, not starting with `/` or `\`.
pub fn check_object_key(out: &mut Vec<Issue>, path: &str, key: &str) {
    let bytes = key.len();
    if bytes == 0 || bytes > OBJECT_KEY_MAX_BYTES {
        out.push(
            Issue::new(
                &rules::OBJECT_KEY_LENGTH,
                path,
                format!(
                    "{path} must be 1 to {OBJECT_KEY_MAX_BYTES} bytes of UTF-8; it has {bytes}."
                ),
            )
            .with_range(1, OBJECT_KEY_MAX_BYTES, bytes),
        );
    }
    if key.starts_with('/') || key.starts_with('\\') {
        out.push(
            Issue::new(
                &rules::OBJECT_KEY_LEADING_SLASH,
                path,
                format!(
                    "{path} must not start with / or \\; write \"{}\".",
                    key.trim_start_matches(['/', '\\'])
                ),
            )
            .with("value", key),
        );
    }
}

/// A prefix that starts with `/` or `\` can never match or produce a valid object key.
pub fn check_prefix_start(out: &mut Vec<Issue>, path: &str, prefix: &str) {
    if prefix.starts_with('/') || prefix.starts_with('\\') {
        out.push(
            Issue::new(
                &rules::PREFIX_LEADING_SLASH,
                path,
                format!(
                    "{path} starts with / or \\, but object keys never do; write \"{}\".",
                    prefix.trim_start_matches(['/', '\\'])
                ),
            )
            .with("value", prefix),
        );
    }
}

/// Characters allowed in tag keys and values: letters (any script), digits, space and `+ - = . _ : /`.
pub fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == ' ' || "+-=._:/".contains(c)
}

pub fn invalid_tag_chars(text: &str) -> Vec<char> {
    // Byte test first (the common ASCII case); only other text is walked by character.
    if all_bytes(text, |b| {
        b.is_ascii_alphanumeric()
            || matches!(b, b' ' | b'+' | b'-' | b'=' | b'.' | b'_' | b':' | b'/')
    }) {
        return Vec::new();
    }
    unique_chars(text.chars().filter(|c| !is_tag_char(*c)))
}

/// `char::is_whitespace` over a text, deciding ASCII text on bytes (U+0009–U+000D and space).
fn has_whitespace(text: &str) -> bool {
    if text.is_ascii() {
        !all_bytes(text, |b| !matches!(b, b'\t'..=b'\r' | b' '))
    } else {
        text.chars().any(char::is_whitespace)
    }
}

/// The parts of a RAM role ARN: `(arn:)?acs:ram::<account>:role/<name>`.
#[derive(Debug, PartialEq, Eq)]
pub struct RoleArnParts<'a> {
    pub account: &'a str,
    pub role_name: &'a str,
}

pub fn parse_role_arn(arn: &str) -> Option<RoleArnParts<'_>> {
    let rest = arn.strip_prefix("arn:").unwrap_or(arn);
    let rest = rest.strip_prefix("acs:ram::")?;
    let (account, role) = rest.split_once(':')?;
    let role_name = role.strip_prefix("role/")?;
    let account_ok = !account.is_empty() && !has_whitespace(account);
    let name_ok = !role_name.is_empty() && !has_whitespace(role_name) && !role_name.contains(':');
    (account_ok && name_ok).then_some(RoleArnParts { account, role_name })
}

/// An OSS ETag: 32 hex digits, or hex digits and `-N` for a multipart upload; surrounding quotes allowed.
pub fn is_plausible_etag(etag: &str) -> bool {
    let inner = etag
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(etag);
    // On bytes: an ASCII digit is one byte, and no byte of a multi-byte character is one.
    let is_hex = |s: &str| !s.is_empty() && all_bytes(s, |b| b.is_ascii_hexdigit());
    match inner.split_once('-') {
        None => inner.len() == 32 && is_hex(inner),
        Some((hex, parts)) => {
            is_hex(hex) && !parts.is_empty() && all_bytes(parts, |b| b.is_ascii_digit())
        }
    }
}

/// A region id as it goes into `oss-<region>.aliyuncs.com` and the V4 scope.
pub fn check_region(out: &mut Vec<Issue>, region: &str) {
    const PATH: &str = "region";
    let well_formed = !region.is_empty()
        && region.len() <= 63
        && region.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if !well_formed {
        out.push(
            Issue::new(
                &rules::REGION_FORMAT,
                PATH,
                format!("The region \"{region}\" is not a region id; write it like cn-hangzhou."),
            )
            .with("value", region),
        );
        return;
    }
    if let Some(bare) = region.strip_prefix("oss-") {
        out.push(
            Issue::new(
                &rules::REGION_FORMAT,
                PATH,
                format!("Write the region without the oss- prefix: \"{bare}\"."),
            )
            .with("value", region),
        );
        return;
    }
    if crate::regions::batch_operations_region(region).is_none() {
        out.push(
            Issue::new(
                &rules::REGION_UNSUPPORTED,
                PATH,
                format!(
                    "Batch Operations is not known to be offered in {region}; known regions: {}.",
                    crate::regions::batch_operations_region_ids()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .with("value", region),
        );
    }
}

/// A required text field: the `missing` issue when it is absent, else its text (checked for
/// characters XML cannot carry).
pub fn required_text<'a>(
    out: &mut Vec<Issue>,
    value: Option<&'a str>,
    missing: &'static crate::rules::Rule,
    path: &str,
    message: &str,
) -> Option<&'a str> {
    let Some(value) = value else {
        out.push(Issue::new(missing, path, message));
        return None;
    };
    check_text(out, path, value);
    Some(value)
}

#[cfg(test)]
mod xml_char_tests {
    use super::*;

    #[test]
    fn the_fast_check_agrees_with_the_character_rule() {
        for text in [
            "",
            "plain",
            "tab\tnew\nline\rcr",
            "标签 🏷️",
            "nul\0",
            "bell\u{7}",
            "\u{FFFE}",
            "a\u{FFFF}b",
            "\u{FFFD}",
            "\u{1F}",
            "\u{7F}",
            "\u{EFFFF}",
        ] {
            assert_eq!(
                all_xml_chars(text),
                text.chars().all(is_xml_char),
                "{text:?}"
            );
        }
    }
}

/// XML 1.0 cannot carry most C0 control characters, even escaped.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// True when every character is one XML 1.0 can carry. The common case (no control characters, and
/// ASCII or at least no U+FFFE / U+FFFF) is decided on bytes, which is most of validation's time saved.
pub fn all_xml_chars(text: &str) -> bool {
    // `b < 0x20` over all bytes compiles to a vector loop; tabs and line breaks are rare enough to
    // take the slower check.
    let no_controls = all_bytes(text, |b| b >= 0x20)
        || all_bytes(text, |b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r'));
    no_controls && (text.is_ascii() || !text.chars().any(|c| matches!(c, '\u{FFFE}' | '\u{FFFF}')))
}

pub fn check_text(out: &mut Vec<Issue>, path: &str, text: &str) {
    if all_xml_chars(text) {
        return;
    }
    let bad = unique_chars(text.chars().filter(|c| !is_xml_char(*c)));
    if !bad.is_empty() {
        out.push(
            Issue::new(
                &rules::TEXT_INVALID_CHAR,
                path,
                format!(
                    "{path} contains {} which XML cannot carry.",
                    describe_chars(&bad)
                ),
            )
            .with("invalid", bad.iter().collect::<String>()),
        );
    }
}

fn unique_chars(chars: impl Iterator<Item = char>) -> Vec<char> {
    let mut seen = Vec::new();
    for c in chars {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen
}

/// `"#", "@" and U+0007` — printable characters quoted, others by code point.
pub fn describe_chars(chars: &[char]) -> String {
    let shown: Vec<String> = chars
        .iter()
        .take(5)
        .map(|c| {
            if c.is_control() || c.is_whitespace() {
                format!("U+{:04X}", *c as u32)
            } else {
                format!("\"{c}\"")
            }
        })
        .collect();
    let mut text = shown.join(", ");
    if chars.len() > 5 {
        text.push_str(&format!(" and {} more", chars.len() - 5));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(f: impl FnOnce(&mut Vec<Issue>)) -> Vec<String> {
        let mut out = Vec::new();
        f(&mut out);
        out.into_iter().map(|i| i.code).collect()
    }

    #[test]
    fn bucket_names() {
        assert!(codes(|o| check_bucket(o, "B", "report-bucket")).is_empty());
        assert!(codes(|o| check_bucket(o, "B", "abc")).is_empty());
        assert!(codes(|o| check_bucket(o, "B", &"a".repeat(63))).is_empty());
        assert_eq!(codes(|o| check_bucket(o, "B", "ab")), ["bucket.length"]);
        assert_eq!(
            codes(|o| check_bucket(o, "B", &"a".repeat(64))),
            ["bucket.length"]
        );
        assert_eq!(
            codes(|o| check_bucket(o, "B", "My-Bucket")),
            ["bucket.chars"]
        );
        assert_eq!(
            codes(|o| check_bucket(o, "B", "my_bucket")),
            ["bucket.chars"]
        );
        assert_eq!(codes(|o| check_bucket(o, "B", " bucket")), ["bucket.chars"]);
        assert_eq!(codes(|o| check_bucket(o, "B", "-bucket")), ["bucket.edge"]);
        assert_eq!(codes(|o| check_bucket(o, "B", "bucket-")), ["bucket.edge"]);
        assert_eq!(codes(|o| check_bucket(o, "B", "")), ["bucket.length"]);
    }

    #[test]
    fn bucket_whitespace_is_named() {
        let mut out = Vec::new();
        check_bucket(&mut out, "Report.Bucket", "bucket ");
        assert!(out[0].message.contains("whitespace"), "{}", out[0].message);
        assert!(out[0].message.starts_with("Report.Bucket"));
    }

    #[test]
    fn object_keys() {
        assert!(codes(|o| check_object_key(o, "K", "manifest.csv")).is_empty());
        assert!(codes(|o| check_object_key(o, "K", &"é".repeat(511))).is_empty()); // 1022 bytes
        assert_eq!(
            codes(|o| check_object_key(o, "K", &"é".repeat(512))),
            ["object_key.length"]
        );
        assert_eq!(
            codes(|o| check_object_key(o, "K", "")),
            ["object_key.length"]
        );
        assert_eq!(
            codes(|o| check_object_key(o, "K", "/a.csv")),
            ["object_key.leading_slash"]
        );
        assert_eq!(
            codes(|o| check_object_key(o, "K", "\\a.csv")),
            ["object_key.leading_slash"]
        );
    }

    #[test]
    fn tag_characters() {
        for ok in ["Environment", "a b+c-d=e.f_g:h/i", "标签", "Ümlaut", "42"] {
            assert!(invalid_tag_chars(ok).is_empty(), "{ok}");
        }
        assert_eq!(invalid_tag_chars("a#b@c#"), vec!['#', '@']);
        assert_eq!(invalid_tag_chars("x<y>&"), vec!['<', '>', '&']);
    }

    #[test]
    fn role_arns() {
        let parts = parse_role_arn("acs:ram::1234567890:role/BatchRole").unwrap();
        assert_eq!(parts.account, "1234567890");
        assert_eq!(parts.role_name, "BatchRole");
        assert!(parse_role_arn("arn:acs:ram::uid:role/BatchOperationRole").is_some());
        for bad in [
            "",
            "acs:ram::123:user/x",
            "acs:ram:123:role/x",
            "acs:ram:::role/x",
            "acs:ram::123:role/",
            "arn:aws:iam::123:role/x",
            "acs:ram::12 3:role/x",
        ] {
            assert!(parse_role_arn(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn etags() {
        for ok in [
            "d41d8cd98f00b204e9800998ecf8427e",
            "\"D41D8CD98F00B204E9800998ECF8427E\"",
            "3858F62230AC3C915F300C664312C11F-2",
        ] {
            assert!(is_plausible_etag(ok), "{ok}");
        }
        for bad in [
            "",
            "xyz",
            "d41d8cd98f00b204e9800998ecf8427",
            "abc-",
            "-3",
            "\"d41d8cd98f00b204e9800998ecf8427e",
        ] {
            assert!(!is_plausible_etag(bad), "{bad}");
        }
    }

    #[test]
    fn regions() {
        assert!(codes(|o| check_region(o, "cn-hangzhou")).is_empty());
        assert!(codes(|o| check_region(o, "ap-southeast-1")).is_empty());
        assert_eq!(
            codes(|o| check_region(o, "us-west-1")),
            ["region.unsupported"]
        );
        assert_eq!(
            codes(|o| check_region(o, "oss-cn-hangzhou")),
            ["region.format"]
        );
        for bad in [
            "",
            "cn-hangzhou.evil.com",
            "CN-HANGZHOU",
            "cn--x",
            "-cn",
            "a/b",
            "127.0.0.1",
        ] {
            assert_eq!(codes(|o| check_region(o, bad)), ["region.format"], "{bad}");
        }
    }

    #[test]
    fn xml_chars() {
        assert!(codes(|o| check_text(o, "T", "tab\tnewline\n emoji 🎉")).is_empty());
        assert_eq!(
            codes(|o| check_text(o, "T", "bell\u{7}")),
            ["text.invalid_char"]
        );
        assert_eq!(
            codes(|o| check_text(o, "T", "\u{FFFF}")),
            ["text.invalid_char"]
        );
    }
}

#[cfg(test)]
mod plain_tests {
    use super::*;

    /// The allocation-free checks say "plain" exactly when the full checks find nothing.
    #[test]
    fn plain_checks_agree_with_the_full_ones() {
        for name in [
            "abc",
            "my-bucket-1",
            "ab",
            "a".repeat(63).as_str(),
            "a".repeat(64).as_str(),
            "-ab",
            "ab-",
            "Ab1",
            "a_b",
            "bücket",
            " abc",
            "a.b",
        ] {
            let mut out = Vec::new();
            check_bucket(&mut out, "b", name);
            assert_eq!(is_plain_bucket(name), out.is_empty(), "{name:?}");
        }
        for key in [
            "a",
            "photos/1.jpg",
            "/abs",
            "\\win",
            "k\u{1}",
            "标签 🏷️",
            "x".repeat(1023).as_str(),
            "x".repeat(1024).as_str(),
        ] {
            let mut out = Vec::new();
            check_object_key(&mut out, "k", key);
            check_text(&mut out, "k", key);
            assert_eq!(is_plain_object_key(key), out.is_empty(), "{key:?}");
        }
    }
}

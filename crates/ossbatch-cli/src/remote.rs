//! Talking to OSS from the command line (issue #23): credentials and the endpoint from the
//! environment as the official SDKs read them, every call signed by the core, sent with a blocking
//! rustls client, retried only where it is safe, and OSS's answers shown with every field it sent.
//! Secrets are never printed, logged or put in a URL.

use std::io::IsTerminal;
use std::time::Duration;

use ossbatch_core::api::response::{hint_for_error, ErrorHeaders, ResponseError};
use ossbatch_core::api::SigningParams;
use ossbatch_core::sign::compare::explain_signature_mismatch;
use ossbatch_core::{Credentials, Lang, SignError, SignatureVersion, SignedRequest, SigningTime};

use crate::exit::ExitStatus;

/// Where and how to reach OSS: the global flags, read once.
#[derive(Clone, Debug, Default)]
pub struct Target {
    pub region: Option<String>,
    pub endpoint: Option<String>,
    pub version: SignatureVersion,
    pub verbose: bool,
    pub json: bool,
    pub lang: Lang,
}

/// A failed command: what to print, and the exit code.
pub struct Failed {
    pub code: ExitStatus,
    pub text: String,
    pub json: Option<serde_json::Value>,
}

impl Failed {
    pub fn input(text: impl Into<String>) -> Failed {
        Failed {
            code: ExitStatus::Unreadable,
            text: text.into(),
            json: None,
        }
    }

    /// Prints it (JSON on standard output with --json, text on standard error) and gives the code.
    pub fn report(self, json: bool) -> ExitStatus {
        if json {
            let value = self.json.unwrap_or_else(
                || serde_json::json!({ "error": { "Code": "BadInput", "Message": self.text } }),
            );
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
        }
        eprintln!("{}", self.text);
        self.code
    }
}

/// The signing context, from the environment (`OSS_ACCESS_KEY_ID`, `OSS_ACCESS_KEY_SECRET`,
/// optional `OSS_SESSION_TOKEN`) and the flags (`--region`/`OSS_REGION`, `--endpoint`/`OSS_ENDPOINT`).
pub struct Client {
    target: Target,
    region: String,
    credentials: Credentials,
    http: reqwest::blocking::Client,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Client {
    pub fn from_env(target: &Target) -> Result<Client, Failed> {
        let missing = |name: &str| {
            Failed::input(format!(
                "{name} is not set: export it (the OSS SDKs read the same variables)"
            ))
        };
        let id = env("OSS_ACCESS_KEY_ID").ok_or_else(|| missing("OSS_ACCESS_KEY_ID"))?;
        let secret =
            env("OSS_ACCESS_KEY_SECRET").ok_or_else(|| missing("OSS_ACCESS_KEY_SECRET"))?;
        let region = target
            .region
            .clone()
            .or_else(|| env("OSS_REGION"))
            .ok_or_else(|| {
                Failed::input("no region: pass --region (e.g. cn-hangzhou) or set OSS_REGION")
            })?;
        let mut credentials = Credentials::new(id.trim(), secret);
        if let Some(token) = env("OSS_SESSION_TOKEN") {
            credentials = credentials.with_security_token(token.trim());
        }
        let mut target = target.clone();
        target.endpoint = target.endpoint.clone().or_else(|| env("OSS_ENDPOINT"));
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .connect_timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("ossbatch-cli/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| Failed::input(format!("cannot build the HTTPS client: {error}")))?;
        Ok(Client {
            target,
            region: region.trim().to_string(),
            credentials,
            http,
        })
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    /// Signs with `build` (at the current time, again on each attempt), sends, and reads the answer with
    /// `parse`. 5xx, 429 and connection failures are retried up to three times with a back-off that
    /// honours Retry-After; every call here is safe to repeat (a CreateJob carries its
    /// ClientRequestToken, so OSS answers a repeat with the same JobId).
    pub fn call<T>(
        &self,
        build: impl Fn(&SigningParams<'_>) -> Result<SignedRequest, SignError>,
        parse: impl Fn(u16, &str) -> Result<T, ResponseError>,
    ) -> Result<T, Failed> {
        self.call_bytes(build, |status, bytes| {
            parse(status, &String::from_utf8_lossy(bytes))
        })
    }

    /// The answer as it came (status, headers, body), for calls whose failures are data (a plan's
    /// HeadObject of a missing object). Retried as [`Client::call`]; only a network failure is
    /// an error.
    pub fn exchange(
        &self,
        build: impl Fn(&SigningParams<'_>) -> Result<SignedRequest, SignError>,
    ) -> Result<Exchange, Failed> {
        let (answer, _) = self.send_with_retries(&build)?;
        Ok(Exchange {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
        })
    }

    /// [`Client::call`] for answers read as bytes (an object's, which may be gzip).
    pub fn call_bytes<T>(
        &self,
        build: impl Fn(&SigningParams<'_>) -> Result<SignedRequest, SignError>,
        parse: impl Fn(u16, &[u8]) -> Result<T, ResponseError>,
    ) -> Result<T, Failed> {
        let (answer, signed) = self.send_with_retries(&build)?;
        let status = answer.status;
        let headers = answer.error_headers;
        let body = headers.body_for(status, &answer.body);
        parse(status, &body).map_err(|error| self.failure(headers.complete(error), &signed))
    }

    /// Signs and sends until an answer that is not retried (or the last attempt's): 5xx, 429 and
    /// connection failures are tried up to four times in all. The answer and the request that got it.
    fn send_with_retries(
        &self,
        build: &impl Fn(&SigningParams<'_>) -> Result<SignedRequest, SignError>,
    ) -> Result<(Answer, SignedRequest), Failed> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let signed = self.sign(build)?;
            match self.send(&signed) {
                Ok(answer) => {
                    if (should_retry(answer.status) || answer.status == 429) && attempt < 4 {
                        self.wait_before_retry(attempt, answer.retry_after, answer.status);
                        continue;
                    }
                    return Ok((answer, signed));
                }
                Err(error) if attempt < 4 => {
                    if self.target.verbose {
                        eprintln!("retrying after: {error}");
                    }
                    std::thread::sleep(Duration::from_millis(500 * attempt as u64));
                }
                Err(error) => {
                    return Err(Failed {
                        code: ExitStatus::Failure,
                        text: format!("cannot reach OSS at {}: {error}", host_of(&signed.url)),
                        json: Some(
                            serde_json::json!({ "error": { "Code": "NetworkError", "Message": error.to_string() } }),
                        ),
                    })
                }
            }
        }
    }

    fn sign(
        &self,
        build: &impl Fn(&SigningParams<'_>) -> Result<SignedRequest, SignError>,
    ) -> Result<SignedRequest, Failed> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let signed_at =
            SigningTime::from_unix_seconds(now).map_err(|e| Failed::input(e.to_string()))?;
        let params = SigningParams {
            region: &self.region,
            endpoint: self.target.endpoint.as_deref(),
            credentials: &self.credentials,
            signed_at,
            version: self.target.version,
        };
        let signed = build(&params).map_err(|error| Failed::input(error.to_string()))?;
        if self.target.verbose {
            eprintln!("{}", redacted(&signed));
        }
        Ok(signed)
    }

    fn send(&self, signed: &SignedRequest) -> Result<Answer, reqwest::Error> {
        let method =
            reqwest::Method::from_bytes(signed.method.as_bytes()).unwrap_or(reqwest::Method::GET);
        let mut request = self.http.request(method, &signed.url);
        for (name, value) in &signed.headers {
            request = request.header(name, value);
        }
        if !signed.body.is_empty() {
            request = request.body(signed.body.clone());
        }
        let response = request.send()?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let error_headers = ErrorHeaders::from_lookup(|name| {
            let value = response.headers().get(name)?;
            value.to_str().ok().map(str::to_string)
        });
        let headers = response
            .headers()
            .iter()
            .filter_map(|(name, value)| {
                Some((name.as_str().to_string(), value.to_str().ok()?.to_string()))
            })
            .collect();
        let body = response.bytes()?.to_vec();
        if self.target.verbose {
            eprintln!("< {status} ({} bytes)", body.len());
        }
        Ok(Answer {
            status,
            headers,
            body,
            retry_after,
            error_headers,
        })
    }

    fn wait_before_retry(&self, attempt: u32, retry_after: Option<u64>, status: u16) {
        let seconds = retry_after.unwrap_or(1 << (attempt - 1)).min(30);
        if self.target.verbose || !std::io::stderr().is_terminal() {
            eprintln!("OSS answered {status}; retrying in {seconds} s");
        }
        std::thread::sleep(Duration::from_secs(seconds));
    }

    /// An answer that is not the call's result, with everything OSS said.
    fn failure(&self, error: ResponseError, signed: &SignedRequest) -> Failed {
        let lang = self.target.lang;
        match error {
            ResponseError::Oss { status, error } => {
                let hint = hint_for_error(&error).map(|hint| hint.get(lang).to_string());
                let difference = explain_signature_mismatch(&error, &signed.inspector);
                let mut text = format!("OSS answered {status} {}: {}", error.code, error.message);
                for (name, value) in [
                    ("RequestId", &error.request_id),
                    ("EC", &error.ec),
                    ("HostId", &error.host_id),
                    ("RecommendDoc", &error.recommend_doc),
                ] {
                    if let Some(value) = value {
                        text.push_str(&format!("\n  {name}: {value}"));
                    }
                }
                for (name, value) in &error.other {
                    text.push_str(&format!("\n  {name}: {}", value.replace('\n', "\\n")));
                }
                if let Some(difference) = &difference {
                    text.push_str(&format!(
                        "\n  first difference, line {}: ossbatch signed {:?}, OSS computed {:?} — {}",
                        difference.line,
                        difference.ours.as_deref().unwrap_or(""),
                        difference.theirs.as_deref().unwrap_or(""),
                        difference.hint.get(lang)
                    ));
                }
                if difference.is_none() && error.string_to_sign().is_some() {
                    text.push_str(crate::texts::SAME_STRING_TO_SIGN.get(lang));
                }
                if let Some(hint) = &hint {
                    text.push_str(&format!("\n  hint: {hint}"));
                }
                let mut fields = serde_json::to_value(&*error).unwrap_or_default();
                if let Some(object) = fields.as_object_mut() {
                    // Every child OSS sent, at the top level beside the known ones.
                    if let Some(serde_json::Value::Object(other)) = object.remove("Other") {
                        object.extend(other);
                    }
                    if let Some(hint) = hint {
                        object.insert("Hint".into(), hint.into());
                    }
                    if let Some(difference) = difference {
                        let mut value = serde_json::to_value(&difference).unwrap_or_default();
                        value["hint"] = difference.hint.get(lang).into();
                        object.insert("StringToSignDifference".into(), value);
                    }
                }
                Failed {
                    code: ExitStatus::Failure,
                    text,
                    json: Some(serde_json::json!({ "error": fields, "status": status })),
                }
            }
            ResponseError::Proxy {
                status, message, ..
            } => Failed {
                code: ExitStatus::Failure,
                text: format!("a proxy answered {status}: {message}"),
                json: Some(
                    serde_json::json!({ "error": { "Code": "ProxyError", "Message": message }, "status": status }),
                ),
            },
            unexpected @ ResponseError::Unexpected { status, .. } => Failed {
                code: ExitStatus::Failure,
                text: unexpected.to_string(),
                json: Some(
                    serde_json::json!({ "error": { "Code": "UnexpectedResponse", "Message": unexpected.to_string() }, "status": status }),
                ),
            },
        }
    }
}

/// An answer as it came, for [`Client::exchange`].
pub struct Exchange {
    pub status: u16,
    /// Names in lower case (as the HTTP client gives them).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Exchange {
    /// A header's value, the name compared ignoring case.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    }
}

/// One HTTP answer, as [`Client::call_bytes`] reads it.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    retry_after: Option<u64>,
    /// HEAD answers carry OSS's `<Error>` in `x-oss-err`; every answer its RequestId and EC.
    error_headers: ErrorHeaders,
}

fn should_retry(status: u16) -> bool {
    (500..600).contains(&status)
}

fn host_of(url: &str) -> &str {
    url.split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or(url)
}

/// The signed request for `--verbose`, with the signature and the STS token left out.
pub fn redacted(signed: &SignedRequest) -> String {
    let mut out = format!("> {} {}", signed.method, signed.url);
    for (name, value) in &signed.headers {
        let shown = if name.eq_ignore_ascii_case("authorization") {
            match value.split_once("Signature=") {
                Some((before, _)) => format!("{before}Signature=<redacted>"),
                None => match value.rsplit_once(':') {
                    Some((before, _)) => format!("{before}:<redacted>"),
                    None => "<redacted>".into(),
                },
            }
        } else if name.eq_ignore_ascii_case("x-oss-security-token") {
            "<redacted>".into()
        } else {
            value.clone()
        };
        out.push_str(&format!("\n> {name}: {shown}"));
    }
    out
}

/// `90s`, `15m`, `2h`, or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => (&text[..at], &text[at..]),
        None => (text, "s"),
    };
    let value: u64 = number.parse().map_err(|_| {
        format!("{text:?} is not a duration like 90s, 15m, 2h or a number of seconds")
    })?;
    Ok(match unit {
        "ms" => Duration::from_millis(value),
        "s" => Duration::from_secs(value),
        "m" => Duration::from_secs(value * 60),
        "h" => Duration::from_secs(value * 3600),
        _ => return Err(format!("{text:?}: the unit must be ms, s, m or h")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("15m").unwrap(), Duration::from_secs(900));
        assert_eq!(parse_duration("2h").unwrap(), Duration::from_secs(7200));
        assert_eq!(parse_duration("45").unwrap(), Duration::from_secs(45));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert!(parse_duration("1d").is_err());
        assert!(parse_duration("soon").is_err());
    }
}

//! Job-management signatures equal the official SDK signer's on random inputs.
//!
//! 400 requests (the four job calls × V4 and V1, with and without STS, random regions, times, ids,
//! filters, tokens and reasons with non-ASCII and reserved characters) are built and signed by the core,
//! then signed again by `alibabacloud-oss-v2`'s own signers (`scripts/signing-vectors/sign_requests.py`,
//! installed by `scripts/setup.sh`). URL, string to sign and Authorization must be equal byte for byte.
//! The generator is seeded, so a failure names a case that reproduces.

use std::io::Write;
use std::process::{Command, Stdio};

use ossbatch_core::api::jobs::*;
use ossbatch_core::api::SigningParams;
use ossbatch_core::regions::BATCH_OPERATIONS_REGIONS;
use ossbatch_core::*;
use serde_json::{json, Value};

/// xorshift64*: small, seeded, good enough to spread test inputs.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self) -> bool {
        self.below(2) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    fn text(&mut self, alphabet: &[&str], min: u64, max: u64) -> String {
        let length = min + self.below(max - min + 1);
        (0..length).map(|_| *self.pick(alphabet)).collect()
    }
}

const ID_CHARS: &[&str] = &[
    "A", "Z", "a", "z", "0", "9", "M", "z", "Q", "+", "/", "=", "x", "Y", "3",
];
const TEXT_CHARS: &[&str] = &[
    "a", "Z", "0", " ", "&", "=", "+", "%", "/", "?", "#", "~", "-", "_", ".", "确", "认", "é",
    "🏷", "'", "\"", ":",
];

fn main_case(random: &mut Random, case: usize) -> (SignedRequest, Value) {
    let region = random.pick(&BATCH_OPERATIONS_REGIONS).id;
    let version = if random.chance() {
        SignatureVersion::V4
    } else {
        SignatureVersion::V1
    };
    let mut credentials = Credentials::new(
        format!("LTAI5t{}", random.text(&["A", "b", "7"], 8, 16)),
        random.text(TEXT_CHARS, 20, 40),
    );
    if random.chance() {
        credentials = credentials.with_security_token(random.text(ID_CHARS, 40, 120));
    }
    // 1970 to 2100.
    let signed_at = random.below(4_102_444_800) as i64;
    let params = SigningParams {
        region,
        endpoint: None,
        credentials: &credentials,
        signed_at: SigningTime::from_unix_seconds(signed_at).unwrap(),
        version,
    };
    let job_id = random.text(ID_CHARS, 1, 60);
    let signed = match case % 4 {
        0 => build_describe_job(&job_id, &params),
        1 => {
            let statuses: Vec<JobStatus> = JobStatus::known()
                .filter(|_| random.below(4) == 0)
                .collect();
            let input = ListJobsInput {
                statuses,
                max_keys: random.chance().then(|| 1 + random.below(1000) as u32),
                continuation_token: random.chance().then(|| random.text(TEXT_CHARS, 1, 80)),
            };
            build_list_jobs(&input, &params)
        }
        2 => {
            let requested = random.pick(&JobStatus::REQUESTABLE).clone();
            let reason = random.chance().then(|| random.text(TEXT_CHARS, 1, 256));
            build_update_job_status(&job_id, &requested, reason.as_deref(), &params)
        }
        _ => build_update_job_priority(&job_id, random.below(2_147_483_648) as i64, &params),
    }
    .unwrap();
    let input = sdk_input(&signed, version, region, &credentials, signed_at);
    (signed, input)
}

/// What the SDK is given: the decoded query pairs and the headers we send, minus Authorization.
fn sdk_input(
    signed: &SignedRequest,
    version: SignatureVersion,
    region: &str,
    credentials: &Credentials,
    signed_at: i64,
) -> Value {
    let query = signed.url.split_once('?').map_or("", |(_, q)| q);
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8()
                    .unwrap()
                    .into_owned()
            };
            (decode(key), decode(value))
        })
        .collect();
    let headers: Vec<(&String, &String)> = signed
        .headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("authorization"))
        .collect();
    json!({
        "version": if version == SignatureVersion::V4 { "v4" } else { "v1" },
        "method": signed.method,
        "region": region,
        "query": pairs,
        "headers": headers,
        "signed_at": signed_at,
        "access_key_id": credentials.access_key_id,
        "access_key_secret": credentials.access_key_secret,
        "security_token": if version == SignatureVersion::V4 { credentials.security_token.clone() } else { None },
    })
}

#[test]
fn job_call_signatures_equal_the_official_sdk_signer_on_random_inputs() {
    const CASES: usize = 400;
    let mut random = Random(0x5eed_0b55_ba7c_4000);
    let cases: Vec<(SignedRequest, Value)> = (0..CASES)
        .map(|case| main_case(&mut random, case))
        .collect();
    assert_equal_to_the_sdk(&cases);
    let v1 = cases
        .iter()
        .filter(|(_, item)| item["version"] == "v1")
        .count();
    // Both versions and all four calls were exercised.
    assert!(
        v1 > CASES / 4 && v1 < CASES * 3 / 4,
        "{v1} of {CASES} were V1"
    );
}

/// The object calls after a job (issue #22): ListObjectsV2, GetObject (Range), HeadObject,
/// GetObjectTagging, GetObjectAcl and PutObject, on random buckets, keys, versions and tokens, signed
/// by the core and by the SDK's signers with the bucket and key in the signing context.
fn object_case(random: &mut Random, case: usize) -> (SignedRequest, Value) {
    use ossbatch_core::api::objects::*;
    let region = random.pick(&BATCH_OPERATIONS_REGIONS).id;
    let version = if random.chance() {
        SignatureVersion::V4
    } else {
        SignatureVersion::V1
    };
    let mut credentials = Credentials::new("LTAI5tObject", random.text(TEXT_CHARS, 20, 40));
    if random.chance() {
        credentials = credentials.with_security_token(random.text(ID_CHARS, 40, 120));
    }
    let signed_at = random.below(4_102_444_800) as i64;
    let params = SigningParams {
        region,
        endpoint: None,
        credentials: &credentials,
        signed_at: SigningTime::from_unix_seconds(signed_at).unwrap(),
        version,
    };
    let bucket = format!("b{}", random.text(&["a", "7", "-", "z"], 2, 20))
        .trim_end_matches('-')
        .to_string()
        + "x";
    let key = random.text(TEXT_CHARS, 1, 60);
    let version_id = random.chance().then(|| random.text(ID_CHARS, 10, 40));
    let (signed, key) = match case % 6 {
        0 => {
            let prefix = random.chance().then(|| random.text(TEXT_CHARS, 1, 30));
            let token = random.chance().then(|| random.text(TEXT_CHARS, 1, 40));
            let max_keys = random.chance().then(|| 1 + random.below(1000) as u32);
            (
                build_list_objects_v2(
                    &bucket,
                    prefix.as_deref(),
                    token.as_deref(),
                    max_keys,
                    &params,
                ),
                None,
            )
        }
        1 => {
            let first = random.below(1000);
            let range = random.chance().then(|| (first, first + random.below(1000)));
            (build_get_object(&bucket, &key, range, &params), Some(key))
        }
        2 => (
            build_head_object(&bucket, &key, version_id.as_deref(), &params),
            Some(key),
        ),
        3 => (
            build_get_object_tagging(&bucket, &key, version_id.as_deref(), &params),
            Some(key),
        ),
        4 => (
            build_get_object_acl(&bucket, &key, version_id.as_deref(), &params),
            Some(key),
        ),
        _ => {
            let body = random.text(TEXT_CHARS, 0, 200);
            (
                build_put_object(&bucket, &key, body, "text/csv", &params),
                Some(key),
            )
        }
    };
    let signed = signed.unwrap();
    let mut input = sdk_input(&signed, version, region, &credentials, signed_at);
    input["bucket"] = bucket.into();
    input["key"] = key.into();
    (signed, input)
}

#[test]
fn object_call_signatures_equal_the_official_sdk_signer_on_random_inputs() {
    const CASES: usize = 300;
    let mut random = Random(0x0b1e_c7ca_11ed_2200);
    let cases: Vec<(SignedRequest, Value)> = (0..CASES)
        .map(|case| object_case(&mut random, case))
        .collect();
    assert_equal_to_the_sdk(&cases);
}

/// URL, string to sign and Authorization of every case equal the SDK's, byte for byte.
fn assert_equal_to_the_sdk(cases: &[(SignedRequest, Value)]) {
    let answers = sdk_signatures(cases);
    for (index, ((signed, item), sdk)) in cases.iter().zip(&answers).enumerate() {
        let context = format!("case {index}: {item}");
        assert_eq!(signed.url, sdk["url"].as_str().unwrap(), "{context}");
        assert_eq!(
            signed.inspector.string_to_sign,
            sdk["string_to_sign"].as_str().unwrap(),
            "{context}"
        );
        assert_eq!(
            signed.headers["Authorization"],
            sdk["authorization"].as_str().unwrap(),
            "{context}"
        );
    }
}

/// The SDK's answers for `cases`, one per case.
fn sdk_signatures(cases: &[(SignedRequest, Value)]) -> Vec<Value> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scripts/signing-vectors/sign_requests.py"
    );
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("python3 runs (scripts/setup.sh installs alibabacloud-oss-v2)");
    let mut input = String::new();
    for (_, item) in cases {
        input.push_str(&item.to_string());
        input.push('\n');
    }
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success(), "the SDK signer failed");
    let answers: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(answers.len(), cases.len());
    answers
}

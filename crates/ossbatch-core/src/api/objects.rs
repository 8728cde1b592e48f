//! The object calls that come after a job (issue #22): listing the report bucket (ListObjectsV2),
//! reading report objects (GetObject, with Range), checking an object's state for the effect check
//! (HeadObject, GetObjectTagging, GetObjectAcl) and uploading the retry manifest (PutObject).
//!
//! Addressing: on an `*.aliyuncs.com` endpoint a bucket's requests go to `<bucket>.<endpoint>` (OSS's
//! virtual-hosted style, the only one its public endpoints take); on any other endpoint (a private
//! gateway, a test stand-in on `127.0.0.1:PORT`) to `<endpoint>/<bucket>/<key>`. The signature is
//! the same either way: OSS signs the resource `/<bucket>/<key>` (V1 and V4).
//! Sources: the OSS API pages ListObjectsV2 (GetBucketV2), GetObject, HeadObject, GetObjectTagging,
//! GetObjectAcl, PutObject (help.aliyun.com/en/oss/developer-reference/…).

use serde::Serialize;

use super::response::{parse_result_document, ResponseError};
use super::{content_md5, Endpoint, SignedRequest, SigningParams};
use crate::sign::{self, RequestToSign, SignError};
use crate::xml::dom::Element;

/// One bucket-level call: what differs between them.
#[derive(Default)]
pub(super) struct ObjectCall<'a> {
    pub method: &'static str,
    pub bucket: &'a str,
    pub key: Option<&'a str>,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl<'a> ObjectCall<'a> {
    /// `method` on the bucket itself, nothing else set yet.
    pub fn bucket(method: &'static str, bucket: &'a str) -> Self {
        Self {
            method,
            bucket,
            ..Self::default()
        }
    }

    /// `method` on `/<key>` in the bucket, nothing else set yet.
    pub fn object(method: &'static str, bucket: &'a str, key: &'a str) -> Self {
        Self {
            key: Some(key),
            ..Self::bucket(method, bucket)
        }
    }
}

/// A bucket-level request signed and addressed (see the module's note).
pub(super) fn sign_bucket_request(
    call: ObjectCall<'_>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let ObjectCall {
        method,
        bucket,
        key,
        query,
        headers,
        body,
    } = call;
    let mut issues = Vec::new();
    crate::validate::names::check_bucket(&mut issues, "bucket", bucket);
    if issues.iter().any(crate::issue::Issue::is_error) {
        return Err(SignError::InvalidBucket(bucket.to_string()));
    }
    let endpoint = Endpoint::resolve(params.region, params.endpoint)?;
    let request = RequestToSign {
        method: method.to_string(),
        bucket: Some(bucket.to_string()),
        key: key.map(String::from),
        query,
        sub_resources: Vec::new(),
        headers,
        additional_headers: Vec::new(),
    };
    let url = if endpoint.authority.ends_with(".aliyuncs.com") {
        let object_path = format!("/{}", key.unwrap_or(""));
        format!(
            "{}://{bucket}.{}{}",
            endpoint.scheme,
            endpoint.authority,
            sign::encode(&object_path)
        )
    } else {
        format!(
            "{}://{}{}",
            endpoint.scheme,
            endpoint.authority,
            sign::encode(&request.resource_path())
        )
    };
    super::signed_request(request, url, body, params)
}

pub(super) fn version_query(version_id: Option<&str>) -> Vec<(String, String)> {
    version_id
        .filter(|v| !v.is_empty())
        .map(|v| vec![("versionId".to_string(), v.to_string())])
        .unwrap_or_default()
}

/// `GET /?list-type=2&prefix=…&continuation-token=…&max-keys=…` on the bucket.
pub fn build_list_objects_v2(
    bucket: &str,
    prefix: Option<&str>,
    continuation_token: Option<&str>,
    max_keys: Option<u32>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let mut query = vec![("list-type".to_string(), "2".to_string())];
    if let Some(token) = continuation_token.filter(|t| !t.is_empty()) {
        query.push(("continuation-token".into(), token.into()));
    }
    if let Some(max_keys) = max_keys {
        query.push(("max-keys".into(), max_keys.to_string()));
    }
    if let Some(prefix) = prefix.filter(|p| !p.is_empty()) {
        query.push(("prefix".into(), prefix.into()));
    }
    sign_bucket_request(
        ObjectCall {
            query,
            ..ObjectCall::bucket("GET", bucket)
        },
        params,
    )
}

/// `GET /<key>`, optionally bytes `first..=last` (`Range: bytes=first-last`).
pub fn build_get_object(
    bucket: &str,
    key: &str,
    range: Option<(u64, u64)>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let headers = range
        .map(|(first, last)| vec![("Range".to_string(), format!("bytes={first}-{last}"))])
        .unwrap_or_default();
    sign_bucket_request(
        ObjectCall {
            headers,
            ..ObjectCall::object("GET", bucket, key)
        },
        params,
    )
}

/// `HEAD /<key>[?versionId=…]`: the object's headers (`x-oss-restore` for the effect check).
pub fn build_head_object(
    bucket: &str,
    key: &str,
    version_id: Option<&str>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let query = version_query(version_id);
    sign_bucket_request(
        ObjectCall {
            query,
            ..ObjectCall::object("HEAD", bucket, key)
        },
        params,
    )
}

/// `GET /<key>?tagging[&versionId=…]`.
pub fn build_get_object_tagging(
    bucket: &str,
    key: &str,
    version_id: Option<&str>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    build_sub_resource("GET", "tagging", bucket, key, version_id, params)
}

/// `GET /<key>?acl[&versionId=…]`.
pub fn build_get_object_acl(
    bucket: &str,
    key: &str,
    version_id: Option<&str>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    build_sub_resource("GET", "acl", bucket, key, version_id, params)
}

/// `<method> /<key>?<sub_resource>[&versionId=…]` with no headers or body of its own: the GETs here
/// and DeleteObjectTagging (`object_writes`).
pub(super) fn build_sub_resource(
    method: &'static str,
    sub_resource: &str,
    bucket: &str,
    key: &str,
    version_id: Option<&str>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let call = ObjectCall::object(method, bucket, key);
    sign_sub_resource(sub_resource, version_id, call, params)
}

/// `call` (an object's method, headers and body) on `/<key>?<sub_resource>[&versionId=…]`: the
/// object reads here and the rollback's writes (`object_writes`).
pub(super) fn sign_sub_resource(
    sub_resource: &str,
    version_id: Option<&str>,
    call: ObjectCall<'_>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let mut query = vec![(sub_resource.to_string(), String::new())];
    query.extend(version_query(version_id));
    sign_bucket_request(ObjectCall { query, ..call }, params)
}

/// `GET /?lifecycle` on the bucket: its lifecycle rules (read by `plan::lifecycle`).
pub fn build_get_bucket_lifecycle(
    bucket: &str,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    sign_bucket_request(
        ObjectCall {
            query: vec![("lifecycle".to_string(), String::new())],
            ..ObjectCall::bucket("GET", bucket)
        },
        params,
    )
}

/// `PUT /<key>` with `body` (the retry manifest), its Content-MD5 and type.
pub fn build_put_object(
    bucket: &str,
    key: &str,
    body: String,
    content_type: &str,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let headers = vec![
        ("Content-Type".to_string(), content_type.to_string()),
        ("Content-MD5".to_string(), content_md5(body.as_bytes())),
    ];
    sign_bucket_request(
        ObjectCall {
            headers,
            body,
            ..ObjectCall::object("PUT", bucket, key)
        },
        params,
    )
}

/// One `<Contents>` entry of ListObjectsV2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectSummary {
    pub key: String,
    /// As OSS writes it (ISO 8601, `2026-11-30T10:00:00.000Z`).
    pub last_modified: Option<String>,
    /// Without the quotes OSS puts around it.
    pub etag: Option<String>,
    pub size: Option<u64>,
    /// `Standard`, `IA`, `Archive`, … (crate::storage_class).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<String>,
}

/// One page of ListObjectsV2.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectList {
    pub objects: Vec<ObjectSummary>,
    /// The token for the next page, when the listing is truncated.
    pub next_continuation_token: Option<String>,
}

fn text_of(element: &Element<'_>, name: &str) -> Option<String> {
    element
        .child(name)
        .map(|child| child.text.trim().to_string())
        .filter(|text| !text.is_empty())
}

/// `<ListBucketResult>`: its `<Contents>` and `<NextContinuationToken>` (when `<IsTruncated>` is
/// true).
pub fn parse_list_objects_v2_response(
    status: u16,
    body: &str,
) -> Result<ObjectList, ResponseError> {
    let root = parse_result_document(status, body, "ListBucketResult")?;
    let objects = root
        .children
        .iter()
        .filter(|child| child.name == "Contents")
        .filter_map(|contents| {
            Some(ObjectSummary {
                key: contents.child("Key")?.text.clone(),
                last_modified: text_of(contents, "LastModified"),
                etag: text_of(contents, "ETag").map(|etag| etag.trim_matches('"').to_string()),
                size: text_of(contents, "Size").and_then(|size| size.parse().ok()),
                storage_class: text_of(contents, "StorageClass"),
            })
        })
        .collect();
    let truncated = text_of(&root, "IsTruncated").is_some_and(|t| t == "true");
    Ok(ObjectList {
        objects,
        next_continuation_token: text_of(&root, "NextContinuationToken").filter(|_| truncated),
    })
}

/// `<Tagging><TagSet><Tag><Key/><Value/></Tag>…`: the object's tags in order.
pub fn parse_get_object_tagging_response(
    status: u16,
    body: &str,
) -> Result<Vec<(String, String)>, ResponseError> {
    let root = parse_result_document(status, body, "Tagging")?;
    let tags = root
        .child("TagSet")
        .map(|set| {
            set.children
                .iter()
                .filter(|tag| tag.name == "Tag")
                .map(|tag| {
                    let field = |name| tag.child(name).map(|e| e.text.clone()).unwrap_or_default();
                    (field("Key"), field("Value"))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(tags)
}

/// `<AccessControlPolicy><AccessControlList><Grant>`: the object's ACL (`default`, `private`, …).
pub fn parse_get_object_acl_response(status: u16, body: &str) -> Result<String, ResponseError> {
    let root = parse_result_document(status, body, "AccessControlPolicy")?;
    Ok(root
        .child("AccessControlList")
        .and_then(|list| text_of(list, "Grant"))
        .unwrap_or_default())
}

/// What HeadObject's `x-oss-restore` header says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum RestoreState {
    /// No header: no restore was requested (or the object is not archived).
    None,
    /// `ongoing-request="true"`.
    Ongoing,
    /// `ongoing-request="false", expiry-date="…"`: restored until the date.
    Restored { expiry_date: Option<String> },
}

impl RestoreState {
    /// Reads the header's value (`None` when the header is absent).
    pub fn from_header(value: Option<&str>) -> RestoreState {
        let Some(value) = value else {
            return RestoreState::None;
        };
        // `name="value"` pairs; a date holds commas, so values are read to their closing quote.
        let field = |name: &str| {
            let start = value.find(&format!("{name}=\""))? + name.len() + 2;
            let rest = &value[start..];
            Some(rest[..rest.find('"')?].to_string())
        };
        match field("ongoing-request").as_deref() {
            Some("true") => RestoreState::Ongoing,
            _ => RestoreState::Restored {
                expiry_date: field("expiry-date"),
            },
        }
    }
}

/// The report's objects among `listed` (the Report bucket under Report.Prefix): keys that name the job
/// (S3 writes `<prefix>/job-<id>/…`; a prefix ending in `/` gives `//`; any key holding the JobId
/// counts), newest first; a `manifest.json` first of all when there is one.
pub fn report_objects<'a>(listed: &'a [ObjectSummary], job_id: &str) -> Vec<&'a ObjectSummary> {
    let mut found: Vec<&ObjectSummary> = listed
        .iter()
        .filter(|object| !job_id.is_empty() && object.key.contains(job_id))
        .filter(|object| !object.key.ends_with('/'))
        .collect();
    found.sort_by(|a, b| {
        let manifest = |o: &ObjectSummary| !o.key.ends_with("manifest.json");
        manifest(a)
            .cmp(&manifest(b))
            .then_with(|| b.last_modified.cmp(&a.last_modified))
            .then_with(|| a.key.cmp(&b.key))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Credentials, SignatureVersion, SigningTime};

    fn params<'a>(credentials: &'a Credentials, endpoint: Option<&'a str>) -> SigningParams<'a> {
        SigningParams {
            region: "cn-hangzhou",
            endpoint,
            credentials,
            signed_at: SigningTime::from_unix_seconds(1_767_225_600).unwrap(),
            version: SignatureVersion::V4,
        }
    }

    #[test]
    fn bucket_requests_are_virtual_hosted_on_aliyun_and_path_style_elsewhere() {
        let credentials = Credentials::new("id", "secret");
        let hosted = build_get_object_tagging(
            "report-bucket",
            "a b/c.csv",
            Some("v1"),
            &params(&credentials, None),
        )
        .unwrap();
        assert_eq!(
            hosted.url,
            "https://report-bucket.oss-cn-hangzhou.aliyuncs.com/a%20b/c.csv?tagging&versionId=v1"
        );
        let local = build_list_objects_v2(
            "report-bucket",
            Some("reports/"),
            None,
            Some(100),
            &params(&credentials, Some("http://127.0.0.1:9000")),
        )
        .unwrap();
        assert_eq!(
            local.url,
            "http://127.0.0.1:9000/report-bucket/?list-type=2&max-keys=100&prefix=reports/"
        );
        // The same resource is signed either way.
        let a = build_get_object("b-1", "k", None, &params(&credentials, None)).unwrap();
        let b =
            build_get_object("b-1", "k", None, &params(&credentials, Some("127.0.0.1:1"))).unwrap();
        assert_eq!(a.inspector.signature, b.inspector.signature);
        assert!(matches!(
            build_get_object("Bad_Bucket", "k", None, &params(&credentials, None)),
            Err(SignError::InvalidBucket(_))
        ));
        let put = build_put_object(
            "b-1",
            "retry.csv",
            "b-1,k\n".into(),
            "text/csv",
            &params(&credentials, None),
        )
        .unwrap();
        assert_eq!(put.headers["Content-MD5"], content_md5(b"b-1,k\n"));
    }

    #[test]
    fn listings_tags_acls_and_restore_headers_are_read() {
        let list = parse_list_objects_v2_response(200, "<ListBucketResult><Name>r</Name><IsTruncated>true</IsTruncated><NextContinuationToken>t2</NextContinuationToken><Contents><Key>reports/job-1/results/a.csv</Key><LastModified>2026-11-30T10:00:00.000Z</LastModified><ETag>\"5B3C\"</ETag><Size>12</Size></Contents></ListBucketResult>").unwrap();
        assert_eq!(list.objects[0].etag.as_deref(), Some("5B3C"));
        assert_eq!(list.objects[0].size, Some(12));
        assert_eq!(list.next_continuation_token.as_deref(), Some("t2"));
        let tags = parse_get_object_tagging_response(
            200,
            "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>",
        )
        .unwrap();
        assert_eq!(tags, [("a".to_string(), "1".to_string())]);
        let acl = parse_get_object_acl_response(200, "<AccessControlPolicy><Owner><ID>1</ID></Owner><AccessControlList><Grant>public-read</Grant></AccessControlList></AccessControlPolicy>").unwrap();
        assert_eq!(acl, "public-read");
        assert_eq!(
            RestoreState::from_header(Some("ongoing-request=\"true\"")),
            RestoreState::Ongoing
        );
        assert_eq!(
            RestoreState::from_header(Some(
                "ongoing-request=\"false\", expiry-date=\"Sun, 16 Apr 2017 08:12:33 GMT\""
            )),
            RestoreState::Restored {
                expiry_date: Some("Sun, 16 Apr 2017 08:12:33 GMT".into())
            }
        );
        assert_eq!(RestoreState::from_header(None), RestoreState::None);
    }

    #[test]
    fn the_report_objects_of_a_job_manifest_first_then_newest() {
        let object = |key: &str, modified: &str| ObjectSummary {
            key: key.into(),
            last_modified: Some(modified.into()),
            etag: None,
            size: Some(1),
            storage_class: None,
        };
        let listed = vec![
            object("reports//job-abc/results/1.csv", "2026-11-30T10:00:00.000Z"),
            object(
                "reports/job-other/results/1.csv",
                "2026-11-30T11:00:00.000Z",
            ),
            object("reports//job-abc/results/2.csv", "2026-11-30T10:05:00.000Z"),
            object("reports//job-abc/manifest.json", "2026-11-30T10:06:00.000Z"),
        ];
        let keys: Vec<&str> = report_objects(&listed, "abc")
            .iter()
            .map(|o| o.key.as_str())
            .collect();
        assert_eq!(
            keys,
            [
                "reports//job-abc/manifest.json",
                "reports//job-abc/results/2.csv",
                "reports//job-abc/results/1.csv"
            ]
        );
    }
}

//! The object calls a rollback's direct plan makes (issue #31): each puts one object's before-image
//! back exactly — PutObjectTagging with the whole tag set (it replaces every tag), DeleteObjectTagging
//! for an object that had none, PutObjectAcl with its ACL.
//!
//! Shapes, from the OSS API pages (PutObjectTagging, DeleteObjectTagging, PutObjectACL) and the
//! official Node SDK ali-oss (`lib/common/object/deleteObjectTagging.js`: DELETE, success 204):
//! - PutObjectTagging: `PUT /<key>?tagging[&versionId=…]`, body
//!   `<Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>`, answers 200 with no body.
//! - DeleteObjectTagging: `DELETE /<key>?tagging[&versionId=…]`, answers 204.
//! - PutObjectAcl: `PUT /<key>?acl[&versionId=…]` with `x-oss-object-acl: <acl>`, answers 200.
//!
//! Errors come as OSS's `<Error>` document, as for every other call.

use super::content_md5;
use super::objects::{build_sub_resource, sign_sub_resource, ObjectCall};
use super::response::{parse_result_document, ResponseError};
use super::{SignedRequest, SigningParams};
use crate::sign::SignError;
use crate::xml::writer::escape_text;

/// The `<Tagging>` body of PutObjectTagging, tags in the given order.
pub fn tagging_body(tags: &[(String, String)]) -> String {
    let mut body = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tagging><TagSet>");
    for (key, value) in tags {
        body.push_str("<Tag><Key>");
        body.push_str(&escape_text(key));
        body.push_str("</Key><Value>");
        body.push_str(&escape_text(value));
        body.push_str("</Value></Tag>");
    }
    body.push_str("</TagSet></Tagging>");
    body
}

/// `PUT /<key>?tagging[&versionId=…]`: the object's tags become exactly `tags`.
pub fn build_put_object_tagging(
    bucket: &str,
    key: &str,
    version_id: Option<&str>,
    tags: &[(String, String)],
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let body = tagging_body(tags);
    let headers = vec![
        ("Content-Type".to_string(), "application/xml".to_string()),
        ("Content-MD5".to_string(), content_md5(body.as_bytes())),
    ];
    let call = ObjectCall {
        headers,
        body,
        ..ObjectCall::object("PUT", bucket, key)
    };
    sign_sub_resource("tagging", version_id, call, params)
}

/// `DELETE /<key>?tagging[&versionId=…]`: the object keeps no tags.
pub fn build_delete_object_tagging(
    bucket: &str,
    key: &str,
    version_id: Option<&str>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    build_sub_resource("DELETE", "tagging", bucket, key, version_id, params)
}

/// `PUT /<key>?acl[&versionId=…]` with `x-oss-object-acl`. `acl` is one of
/// [`crate::model::known::OBJECT_ACLS`]; anything else is refused before signing.
pub fn build_put_object_acl(
    bucket: &str,
    key: &str,
    version_id: Option<&str>,
    acl: &str,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    if !crate::model::known::OBJECT_ACLS.contains(&acl) {
        return Err(SignError::InvalidObjectAcl(acl.to_string()));
    }
    let call = ObjectCall {
        headers: vec![("x-oss-object-acl".to_string(), acl.to_string())],
        ..ObjectCall::object("PUT", bucket, key)
    };
    sign_sub_resource("acl", version_id, call, params)
}

/// The answer to any of these calls: done on 2xx (the body, if any, is not read), else OSS's error.
pub fn parse_object_write_response(status: u16, body: &str) -> Result<(), ResponseError> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    parse_result_document(status, body, "Error").map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::{Credentials, SignatureVersion, SigningTime};

    fn params(credentials: &Credentials) -> SigningParams<'_> {
        SigningParams {
            region: "cn-hangzhou",
            endpoint: Some("http://127.0.0.1:9000"),
            credentials,
            signed_at: SigningTime::from_unix_seconds(1_700_000_000).unwrap(),
            version: SignatureVersion::V4,
        }
    }

    #[test]
    fn each_call_has_its_documented_method_query_and_headers() {
        let credentials = Credentials::new("AKID", "SECRET");
        let p = params(&credentials);
        let tags = vec![
            ("a b".to_string(), "x<&>".to_string()),
            ("k".into(), String::new()),
        ];
        let put = build_put_object_tagging("bkt", "d/ü k", Some("v1"), &tags, &p).unwrap();
        assert_eq!(put.method, "PUT");
        assert!(
            put.url.ends_with("/bkt/d/%C3%BC%20k?tagging&versionId=v1"),
            "{}",
            put.url
        );
        assert!(put.body.ends_with(
            "<Tagging><TagSet><Tag><Key>a b</Key><Value>x&lt;&amp;&gt;</Value></Tag>\
             <Tag><Key>k</Key><Value></Value></Tag></TagSet></Tagging>"
        ));
        let delete = build_delete_object_tagging("bkt", "k", None, &p).unwrap();
        assert_eq!(
            (delete.method.as_str(), delete.body.as_str()),
            ("DELETE", "")
        );
        assert!(delete.url.ends_with("/bkt/k?tagging"), "{}", delete.url);
        let acl = build_put_object_acl("bkt", "k", None, "public-read", &p).unwrap();
        assert_eq!(
            acl.headers.get("x-oss-object-acl").map(String::as_str),
            Some("public-read")
        );
        assert!(acl.url.ends_with("/bkt/k?acl"), "{}", acl.url);
        assert!(build_put_object_acl("bkt", "k", None, "public", &p).is_err());
    }

    #[test]
    fn answers_are_read_as_done_or_oss_error() {
        assert!(parse_object_write_response(204, "").is_ok());
        let error = "<Error><Code>NoSuchKey</Code><Message>m</Message></Error>";
        match parse_object_write_response(404, error) {
            Err(ResponseError::Oss { status: 404, error }) => assert_eq!(error.code, "NoSuchKey"),
            other => panic!("{other:?}"),
        }
        assert!(parse_object_write_response(502, "<html>").is_err());
    }
}

//! `POST /?batchJob`: the CreateJob request.

use super::{content_md5, sign_service_request_with_body, SignedRequest, SigningParams};
use crate::model::CreateJobRequest;
use crate::sign::SignError;
use crate::xml::{to_xml, XmlStyle};

pub const CONTENT_TYPE: &str = "application/xml";
/// The V1 sub-resource (and only query key) of CreateJob.
pub const CREATE_JOB_OPERATION_KEY: &str = "batchJob";

/// Builds and signs a CreateJob request: the compact XML body, `Content-Type`, `Content-MD5`, the
/// signer's `x-oss-*` headers and `Authorization`. It signs exactly what the draft holds; validate first.
pub fn build_create_job(
    request: &CreateJobRequest,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let body = to_xml(request, XmlStyle::Compact);
    let headers = vec![
        ("Content-Type".to_string(), CONTENT_TYPE.to_string()),
        ("Content-MD5".to_string(), content_md5(body.as_bytes())),
    ];
    sign_service_request_with_body(
        "POST",
        CREATE_JOB_OPERATION_KEY,
        Vec::new(),
        headers,
        body,
        params,
    )
}

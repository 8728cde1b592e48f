//! The draft model of a `CreateJobRequest` and the response documents.
//!
//! A *draft* holds whatever a half-filled form or a foreign job file holds: every element is optional,
//! enumerated values are plain strings, numbers are wide enough for out-of-range input, and both manifest
//! sources or several operations can coexist. [`crate::validate`] turns a draft into issues; the XML and
//! JSON codecs write exactly what the draft holds. Field names on the wire (XML and JSON) are the API's own
//! PascalCase names, lists are arrays (`TagSet: [{Key, Value}]`), as in AWS SDK JS v3.

use serde::{Deserialize, Serialize};

/// `<CreateJobRequest>`: the body of `POST /?batchJob`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct CreateJobRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_request_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest: Option<Manifest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_prefix_manifest_generator: Option<KeyPrefixManifestGenerator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Wider than the API's 0–2147483647 so that a draft can hold (and validation can name) a bad value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
}

/// `<Operation>`: exactly one child is valid; a draft may hold none or several.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Operation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub put_object_tagging: Option<TaggingOperation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_object_tagging: Option<TaggingOperation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_object_tagging: Option<DeleteObjectTagging>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub put_object_acl: Option<PutObjectAcl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_object: Option<RestoreObject>,
}

/// The five operations, in the order the API document lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OperationKind {
    PutObjectTagging,
    AddObjectTagging,
    DeleteObjectTagging,
    PutObjectAcl,
    RestoreObject,
}

impl OperationKind {
    pub const ALL: [OperationKind; 5] = [
        OperationKind::PutObjectTagging,
        OperationKind::AddObjectTagging,
        OperationKind::DeleteObjectTagging,
        OperationKind::PutObjectAcl,
        OperationKind::RestoreObject,
    ];

    /// The XML element name, which is also the JSON key.
    pub fn element_name(self) -> &'static str {
        match self {
            OperationKind::PutObjectTagging => "PutObjectTagging",
            OperationKind::AddObjectTagging => "AddObjectTagging",
            OperationKind::DeleteObjectTagging => "DeleteObjectTagging",
            OperationKind::PutObjectAcl => "PutObjectAcl",
            OperationKind::RestoreObject => "RestoreObject",
        }
    }
}

impl Operation {
    /// The operations this draft holds, in document order.
    pub fn kinds(&self) -> Vec<OperationKind> {
        let mut kinds = Vec::new();
        if self.put_object_tagging.is_some() {
            kinds.push(OperationKind::PutObjectTagging);
        }
        if self.add_object_tagging.is_some() {
            kinds.push(OperationKind::AddObjectTagging);
        }
        if self.delete_object_tagging.is_some() {
            kinds.push(OperationKind::DeleteObjectTagging);
        }
        if self.put_object_acl.is_some() {
            kinds.push(OperationKind::PutObjectAcl);
        }
        if self.restore_object.is_some() {
            kinds.push(OperationKind::RestoreObject);
        }
        kinds
    }
}

/// `<PutObjectTagging>` and `<AddObjectTagging>` share this shape (decisions.md #1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct TaggingOperation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_set: Option<Vec<Tag>>,
}

/// `<Tag>` inside `<TagSet>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Tag {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl Tag {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Tag {
            key: Some(key.into()),
            value: Some(value.into()),
        }
    }

    /// A draft's tag set as (key, value) pairs, a missing key or value read as empty.
    pub fn pairs(tags: &Option<Vec<Tag>>) -> Vec<(String, String)> {
        tags.iter()
            .flatten()
            .map(|t| {
                (
                    t.key.clone().unwrap_or_default(),
                    t.value.clone().unwrap_or_default(),
                )
            })
            .collect()
    }
}

/// `<DeleteObjectTagging>`: an empty element.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct DeleteObjectTagging {}

/// `<PutObjectAcl>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct PutObjectAcl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_acl: Option<String>,
}

/// `<RestoreObject>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct RestoreObject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
}

/// `<Report>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Report {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_scope: Option<String>,
}

/// `<Manifest>`: a manifest file already in OSS.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Manifest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<ManifestLocation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<ManifestSpec>,
}

/// A CSV manifest already uploaded to OSS: where it is, its ETag and its columns. The retry job and
/// the rollback jobs are both given their source this way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadedManifest<'a> {
    pub bucket: &'a str,
    pub key: &'a str,
    /// The ETag OSS answered the upload with (upper-case hex in quotes) or the MD5 computed while
    /// writing; either is written as the API's examples write it, lower-case hex without quotes.
    pub etag: &'a str,
    pub fields: &'a str,
}

impl Manifest {
    /// `<Manifest>` for an [`UploadedManifest`], format CSV.
    pub fn uploaded_csv(manifest: &UploadedManifest<'_>) -> Self {
        Manifest {
            location: Some(ManifestLocation {
                etag: Some(manifest.etag.trim_matches('"').to_ascii_lowercase()),
                bucket: Some(manifest.bucket.to_string()),
                object: Some(manifest.key.to_string()),
                version_id: None,
            }),
            spec: Some(ManifestSpec {
                fields: Some(manifest.fields.to_string()),
                format: Some(known::MANIFEST_FORMATS[0].to_string()),
            }),
        }
    }
}

/// `<Manifest><Location>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ManifestLocation {
    #[serde(rename = "ETag", default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
}

/// `<Manifest><Spec>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ManifestSpec {
    /// Comma-separated column names, e.g. `Bucket,Key,VersionId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

/// `<KeyPrefixManifestGenerator>`: let OSS list the objects under a prefix instead of reading a manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct KeyPrefixManifestGenerator {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_bucket: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

/// `<CreateJobResult>`: the success response of CreateJob.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateJobResult {
    pub job_id: String,
}

/// OSS's `<Error>` response document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OssError {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_id: Option<String>,
    #[serde(rename = "EC", default, skip_serializing_if = "Option::is_none")]
    pub ec: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommend_doc: Option<String>,
    /// Every other child OSS sent, as it sent it (`OSSAccessKeyId`, `StringToSign`,
    /// `SignatureProvided`, `BucketName`, …): shown to the user, never logged.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub other: std::collections::BTreeMap<String, String>,
}

impl OssError {
    /// What OSS computed as the string to sign from the request it received
    /// (`SignatureDoesNotMatch` answers carry it).
    pub fn string_to_sign(&self) -> Option<&str> {
        self.other.get("StringToSign").map(String::as_str)
    }
}

/// The values the API document and decisions.md name for enumerated fields.
pub mod known {
    pub const OBJECT_ACLS: [&str; 4] = ["default", "private", "public-read", "public-read-write"];
    pub const REPORT_SCOPES: [&str; 2] = ["AllTasks", "FailedTasksOnly"];
    pub const RESTORE_TIERS: [&str; 2] = ["Standard", "Bulk"];
    pub const MANIFEST_FORMATS: [&str; 2] = [
        "OSS_BatchOperations_CSV_20250611",
        "OSS_InventoryReport_CSV_20250611",
    ];
    pub const MANIFEST_FIELDS: [&str; 3] = ["Bucket", "Key", "VersionId"];
}

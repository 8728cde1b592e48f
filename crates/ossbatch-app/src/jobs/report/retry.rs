//! Retrying only the failures: the retry manifest uploaded (PutObject through the one client, so a
//! refusal reaches the host's `onError`), OSS's ETag checked against ours, and the retry job made from
//! the job's own DescribeJob answer, pointed at the manifest.

use ossbatch_core::api::describe_job::{clone_described_job, ClonedJob};
use ossbatch_core::report::{retry_job, UploadedManifest};

use super::{failure_text, Read};
use crate::credentials::Connection;
use crate::i18n::Bilingual;

/// What one upload needs.
pub(super) struct Upload<'a> {
    pub read: &'a Read,
    pub bucket: &'a str,
    pub key: &'a str,
    pub job_id: &'a str,
    /// The DescribeJob answer the retry job is cloned from.
    pub described: &'a str,
}

/// Uploads the retry manifest and returns the retry job, or why not (in both languages).
pub(super) async fn upload(
    connection: &Connection,
    upload: Upload<'_>,
) -> Result<ClonedJob, Bilingual> {
    let Upload {
        read,
        bucket,
        key,
        job_id,
        described,
    } = upload;
    let body = String::from_utf8_lossy(&read.retry).into_owned();
    let theirs = connection
        .put_manifest(bucket.to_string(), key.to_string(), body)
        .await
        .map_err(|failure| failure_text(&failure))?;
    if theirs != read.etag {
        return Err(Bilingual::fill(
            |t| t.retry_etag_mismatch,
            &[&theirs, &read.etag],
        ));
    }
    let cloned = clone_described_job(200, described, &crate::sections::job::new_token())
        .map_err(|error| Bilingual::same(error.to_string()))?;
    let manifest = UploadedManifest {
        bucket,
        key,
        etag: &theirs,
        fields: &read.fields,
    };
    let request = retry_job(cloned.request, job_id, read.summary.failed, &manifest);
    Ok(ClonedJob {
        request,
        left_out: cloned.left_out,
    })
}

//! Reading a job's report for the panel, in one `async fn`: dropped files through the report reader
//! worker (the reader built for speed, off the page), the page's own reader where no worker can start,
//! or the report objects found in OSS. Progress goes out as [`Action`]s; the outcome is one.

use std::cell::Cell;
use std::rc::Rc;

use ossbatch_core::api::describe_job::JobDescription;
use ossbatch_core::api::objects::{
    build_get_object, build_list_objects_v2, parse_list_objects_v2_response, report_objects,
    ObjectSummary,
};
use ossbatch_core::report::{FinishedRead, ReportSummary, RetryManifest};
use ossbatch_core::Lang;

use super::page_reader::PageReader;
use super::state::Action;
use super::{Read, EFFECT_SAMPLE};
use crate::credentials::Connection;
use crate::file_slices::{now_ms, read_report_in_worker, stream_file, Progress, WorkerRead};
use crate::i18n::Bilingual;
use crate::transport::Failure;

/// Report objects are read in pieces of this size (Range GETs; under the proxy's answer limit).
const PIECE: u64 = 4 * 1024 * 1024;
/// Dropped report files are read in slices of this size by the file worker (`file_slices`; large
/// slices read fastest) and handed to the reader in steps of FILE_STEP, with the page getting the
/// thread back between steps; docs/benchmarks.md has the rate and the page's longest pause.
const FILE_SLICE: f64 = 16.0 * 1024.0 * 1024.0;
const FILE_STEP: usize = 1024 * 1024;
/// Slices being read while one is handled.
const READ_AHEAD: usize = 2;
/// Listing pages followed at most (1,000 keys each).
const LIST_PAGES: usize = 50;

/// What one read is asked to do.
pub(super) struct ReadRequest {
    /// Dropped files, or `None` for the job's report in OSS.
    pub chosen: Option<Vec<web_sys::File>>,
    pub columns: String,
    pub seed: u64,
    pub lang: Lang,
    pub restore_job: bool,
    /// The report's location, for "not found".
    pub where_: String,
}

/// Reads what `request` names; `tell` hears progress; the returned action is the outcome.
pub(super) async fn read(
    request: ReadRequest,
    connection: &Connection,
    job: &JobDescription,
    stop: Rc<Cell<bool>>,
    tell: Rc<dyn Fn(Action)>,
) -> Action {
    let ReadRequest {
        chosen,
        columns,
        seed,
        lang,
        restore_job,
        where_,
    } = request;
    let started = now_ms();
    let mut retry = Vec::new();
    // The page's own reader, loaded when it is needed (OSS reads; files where no worker starts).
    let start = || {
        PageReader::start(
            &columns,
            EFFECT_SAMPLE as u32,
            seed,
            lang.as_str(),
            restore_job,
        )
    };
    let outcome = if let Some(chosen) = chosen {
        let shown = Cell::new(0.0);
        let progress: Progress = {
            let tell = tell.clone();
            Rc::new(move |name: &str, done: f64, total: f64| {
                // A re-render per percent, not per slice of a small file.
                if done >= total || done - shown.get() >= total / 100.0 {
                    shown.set(done);
                    let note = Bilingual::fill(|t| t.reading_report, &[&name]);
                    tell(Action::Progress(note, Some((done, total))));
                }
            })
        };
        // The reader worker first (the reader built for speed, off the page); the
        // page's own reader where no worker can start.
        let sample = (EFFECT_SAMPLE as u32, seed);
        let lang_tag = lang.as_str();
        let stop_flag = stop.clone();
        match read_report_in_worker(
            &chosen,
            &columns,
            sample,
            lang_tag,
            restore_job,
            stop_flag,
            progress.clone(),
        )
        .await
        {
            WorkerRead::Done(json, bytes) => {
                return match from_worker(&json, bytes, started) {
                    Ok(read) => Action::Finished(read),
                    Err(message) => Action::Unreadable(message),
                };
            }
            WorkerRead::Cancelled => return Action::Cancelled,
            WorkerRead::Failed(message) => return Action::Unreadable(message),
            WorkerRead::Unavailable => {}
        }
        let reader = match start().await {
            Ok(reader) => reader,
            Err(message) => return Action::Unreadable(message),
        };
        read_files(&chosen, &reader, &mut retry, &stop, &*progress)
            .await
            .map(|read_to_the_end| read_to_the_end.then_some(true).map(|done| (done, reader)))
            .map_err(Action::Unreadable)
    } else {
        let progress = {
            let tell = tell.clone();
            move |note: Bilingual| tell(Action::Progress(note, None))
        };
        let reader = match start().await {
            Ok(reader) => reader,
            Err(message) => return Action::Unreadable(message),
        };
        read_from_oss(connection, job, &reader, &mut retry, &progress, &stop)
            .await
            .map(|read| read.map(|done| (done, reader)))
            .map_err(|failure| Action::Failed(Rc::new(failure)))
    };
    // Ok(None): cancelled; Ok(Some(false)): no report object names the job.
    match outcome {
        Ok(None) => Action::Cancelled,
        Ok(Some((false, _))) => Action::NotFound(where_),
        Ok(Some((true, reader))) => match finish(&reader, retry, started) {
            Ok(read) => Action::Finished(read),
            Err(message) => Action::Unreadable(message),
        },
        Err(action) => action,
    }
}

/// Finishes a read: the summary, the retry manifest and its ETag.
fn finish(reader: &PageReader, mut retry: Vec<u8>, started: f64) -> Result<Read, String> {
    retry.extend(reader.take_retry());
    let json = reader.finish()?;
    retry.extend(reader.take_retry());
    from_worker(&json, retry, started)
}

/// What the panel keeps of a finished read.
fn read_of(
    summary: ReportSummary,
    manifest: Option<RetryManifest>,
    retry: Vec<u8>,
    started: f64,
) -> Read {
    let (etag, fields) = manifest.map(|m| (m.etag, m.fields)).unwrap_or_default();
    Read {
        summary: Rc::new(summary),
        retry: Rc::new(retry),
        etag,
        fields,
        elapsed_ms: now_ms() - started,
    }
}

/// A read finished by the reader worker: its summary and retry manifest.
fn from_worker(json: &str, retry: Vec<u8>, started: f64) -> Result<Read, String> {
    let finished = FinishedRead::from_json(json)?;
    Ok(read_of(finished.summary, finished.retry, retry, started))
}

/// Lists the report bucket under the prefix and reads every object that names the job.
async fn read_from_oss(
    connection: &Connection,
    job: &JobDescription,
    reader: &PageReader,
    retry: &mut Vec<u8>,
    progress: &dyn Fn(Bilingual),
    cancelled: &Cell<bool>,
) -> Result<Option<bool>, Failure> {
    let report = job.report.clone().unwrap_or_default();
    let bucket = report.bucket.unwrap_or_default();
    let prefix = report.prefix.unwrap_or_default();
    let mut listed: Vec<ObjectSummary> = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..LIST_PAGES {
        let (bucket, prefix, next) = (bucket.clone(), prefix.clone(), token.clone());
        let (page, _) = connection
            .call(
                move |params| {
                    build_list_objects_v2(
                        &bucket,
                        Some(&prefix),
                        next.as_deref(),
                        Some(1000),
                        params,
                    )
                },
                parse_list_objects_v2_response,
                |_| {},
            )
            .await?;
        listed.extend(page.objects);
        token = page.next_continuation_token;
        if token.is_none() {
            break;
        }
    }
    let found: Vec<ObjectSummary> = report_objects(&listed, &job.job_id)
        .into_iter()
        .filter(|object| !object.key.ends_with("manifest.json"))
        .cloned()
        .collect();
    if found.is_empty() {
        return Ok(Some(false));
    }
    for object in found {
        reader.begin_file(&object.key);
        let size = object.size.unwrap_or(0);
        let mut offset = 0;
        while offset < size.max(1) {
            let last = (offset + PIECE).min(size.max(1)) - 1;
            progress(Bilingual::fill(|t| t.reading_report, &[&object.key]));
            let (bucket, key) = (bucket.clone(), object.key.clone());
            let answer = connection
                .object_call(move |params| {
                    build_get_object(&bucket, &key, (size > 0).then_some((offset, last)), params)
                })
                .await?;
            if cancelled.get() {
                return Ok(None);
            }
            reader.update(&answer.bytes);
            retry.extend(reader.take_retry());
            offset = last + 1;
        }
    }
    Ok(Some(true))
}

/// Reads files the user chose, slice by slice through the file worker, with progress over all of
/// them. `Ok(false)` when cancelled.
async fn read_files(
    files: &[web_sys::File],
    reader: &PageReader,
    retry: &mut Vec<u8>,
    cancelled: &Cell<bool>,
    progress: &dyn Fn(&str, f64, f64),
) -> Result<bool, String> {
    let total: f64 = files.iter().map(|file| file.size()).sum();
    let mut before = 0.0;
    for file in files {
        let name = file.name();
        reader.begin_file(&name);
        let read = stream_file(
            file,
            FILE_SLICE,
            READ_AHEAD,
            FILE_STEP,
            cancelled,
            |slice, offset| {
                reader.update(slice);
                retry.extend(reader.take_retry());
                progress(&name, before + offset, total);
            },
        )
        .await
        .map_err(|_| format!("{name}: cannot be read"))?;
        match read {
            Some(bytes) => before += bytes,
            None => return Ok(false),
        }
    }
    Ok(true)
}

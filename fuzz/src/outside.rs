//! Targets for the bytes that arrive after a job (issue #28): completion reports (plain and gzip,
//! with and without given columns, in any chunking), the object calls' answers (ListObjectsV2,
//! GetObjectTagging, GetObjectAcl), OSS error documents and error headers, and `x-oss-restore`.

use ossbatch_core::api::objects::{
    parse_get_object_acl_response, parse_get_object_tagging_response,
    parse_list_objects_v2_response, RestoreState,
};
use ossbatch_core::api::response::{ErrorHeaders, ResponseError};
use ossbatch_core::report::{Column, ReportError, ReportOptions, ReportReader};
use ossbatch_core::Lang;

use crate::{check_response, heap_bound, status_and_body, within_bound, within_heap_bound};

/// Reads `file` as one report file cut into pieces of `piece` bytes; the summary and retry manifest
/// as JSON-ish text (compared across readings), or the error's text.
fn read_report(options: &ReportOptions, file: &[u8], piece: usize, fast: bool) -> String {
    let mut reader = ReportReader::new(options.clone());
    if !fast {
        reader = reader.without_fast_lines();
    }
    reader.begin_file("report.csv");
    let mut retry = Vec::new();
    for chunk in file.chunks(piece.max(1)) {
        reader.update(chunk);
        retry.extend(reader.take_retry());
    }
    match reader.finish() {
        Ok(mut outcome) => {
            retry.append(&mut outcome.retry_tail);
            let summary = &outcome.summary;
            assert!(summary.succeeded + summary.failed <= summary.tasks);
            format!(
                "{:?}\n{:?}\n{}",
                summary,
                outcome.retry,
                String::from_utf8_lossy(&retry)
            )
        }
        // A damaged gzip stream is told apart by chunking alike; the decoder's reason is not: flate2
        // notices the same damage as a checksum or as an incomplete stream depending on how the
        // bytes arrived (docs/decisions.md, issue #30).
        Err(ReportError::Gzip { file, .. }) => {
            format!("error: {file} is not a readable gzip stream")
        }
        Err(error) => format!("error: {error}"),
    }
}

/// `text` as a gzip member of stored (uncompressed) deflate blocks (RFC 1951 §3.2.4, RFC 1952): the
/// reader's gzip path over the fuzzer's own text, without a compressor's cost on every run (a
/// deflate compressor's state dominated the target's time). Real compressed streams come from the
/// `.gz` seed and raw inputs that start with the gzip magic.
fn stored_gzip(text: &[u8]) -> Vec<u8> {
    let mut gzip = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let mut blocks = text.chunks(u16::MAX as usize).peekable();
    if blocks.peek().is_none() {
        gzip.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        gzip.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        gzip.extend_from_slice(&len.to_le_bytes());
        gzip.extend_from_slice(&(!len).to_le_bytes());
        gzip.extend_from_slice(block);
    }
    let mut crc = flate2::Crc::new();
    crc.update(text);
    gzip.extend_from_slice(&crc.sum().to_le_bytes());
    gzip.extend_from_slice(&(text.len() as u32).to_le_bytes());
    gzip
}

/// The report reader on any bytes. The first byte picks the options (columns given or told by the
/// file, a RestoreObject job, a retry manifest, gzip of the rest), the second the chunk size. Any
/// chunking reads as the whole; the line fast path reads as csv-core alone; memory stays bounded.
pub fn report_reader(data: &[u8]) {
    let [choice, cut, rest @ ..] = data else {
        return;
    };
    let columns = match choice & 3 {
        0 => None,
        // S3's order, every column but `ignore`.
        1 => Some(Column::ALL[..7].to_vec()),
        2 => Some(vec![Column::Bucket, Column::Key, Column::Status]),
        _ => Column::parse_list("bucket,key,status,httpstatus,errorcode").ok(),
    };
    let options = ReportOptions {
        columns,
        retry_fields: (choice & 4 != 0).then(Vec::new),
        restore_job: choice & 8 != 0,
        lang: if choice & 16 != 0 { Lang::Zh } else { Lang::En },
        sample: (choice & 32 != 0).then_some((3, u64::from(*cut))),
    };
    let file: Vec<u8> = if choice & 64 != 0 {
        stored_gzip(rest)
    } else {
        rest.to_vec()
    };
    // The gzip decoder's window and tables are a fixed cost (~80 KB); past that, memory follows the
    // text, which for a gzip stream is its decompressed length (what the reader holds is rows).
    let text_len = if choice & 64 != 0 {
        rest.len()
    } else if file.starts_with(&[0x1f, 0x8b]) {
        decompressed_before_error(&file)
    } else {
        file.len()
    };
    let bound = heap_bound(file.len().max(text_len)) + 256 * 1024;
    let whole = within_bound("ReportReader", file.len(), bound, || {
        read_report(&options, &file, file.len(), true)
    });
    let piece = usize::from(*cut).max(1);
    let chunked = read_report(&options, &file, piece, true);
    if std::env::var_os("OSSBATCH_FUZZ_DEBUG").is_some() && chunked != whole {
        eprintln!("whole:\n{whole}\nchunks of {piece}:\n{chunked}");
    }
    assert_eq!(chunked, whole, "chunks of {piece}");
    assert_eq!(
        read_report(&options, &file, piece, false),
        whole,
        "csv-core alone"
    );
}

response_target!(
    /// `parse_list_objects_v2_response` on any status and body.
    list_objects_v2_response,
    parse_list_objects_v2_response
);
response_target!(
    /// `parse_get_object_tagging_response` on any status and body.
    get_object_tagging_response,
    parse_get_object_tagging_response
);
response_target!(
    /// `parse_get_object_acl_response` on any status and body.
    get_object_acl_response,
    parse_get_object_acl_response
);

/// A failed answer as OSS sends it: status, then `x-oss-err`, `x-oss-ec`, `x-oss-request-id` and the
/// body, separated by NUL. The error document (from the body or the header) reads with each object
/// reader without a panic; an OSS error keeps the headers' RequestId/EC where its document has none.
pub fn error_headers(data: &[u8]) {
    let Some((status, text)) = status_and_body(data) else {
        return;
    };
    let mut parts = text.splitn(4, '\0');
    let (err, ec, request_id, body) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let headers = ErrorHeaders::from_lookup(|name| match name {
        ErrorHeaders::ERROR_DOCUMENT => Some(err.to_string()),
        ErrorHeaders::EC => Some(ec.to_string()),
        ErrorHeaders::REQUEST_ID => Some(request_id.to_string()),
        _ => None,
    });
    let decoded = headers.body_for(status, body.as_bytes());
    let bound = within_heap_bound("ErrorHeaders", text.len(), || decoded.len());
    assert!(bound <= text.len().max(body.len()) + 3, "x-oss-err grew");
    // What the readers read: the body, or for an empty failed answer the document in x-oss-err, and
    // the RequestId and EC headers they fill in; a message is bounded by those (a HEAD's error is all
    // in its headers).
    let read = format!("{}{ec}{request_id}", String::from_utf8_lossy(&decoded));
    let checked = |result: Result<String, ResponseError>| {
        if let Err(ResponseError::Oss { error, .. }) = &result {
            if !request_id.trim().is_empty() {
                assert!(
                    error.request_id.is_some(),
                    "the header's RequestId was lost"
                );
            }
        }
        check_response(&read, result);
    };
    checked(headers.read(status, body, parse_get_object_acl_response));
    checked(
        headers
            .read(status, body, parse_get_object_tagging_response)
            .map(|tags| format!("{tags:?}")),
    );
    checked(
        headers
            .read(status, body, parse_list_objects_v2_response)
            .map(|list| format!("{list:?}")),
    );
}

/// `x-oss-restore` on any value: a state, never a panic; `ongoing-request="true"` anywhere in a
/// well-formed pair means ongoing.
pub fn restore_header(data: &[u8]) {
    let value = String::from_utf8_lossy(data);
    let state = RestoreState::from_header(Some(&value));
    if value.starts_with("ongoing-request=\"true\"") {
        assert_eq!(state, RestoreState::Ongoing);
    }
    assert_eq!(RestoreState::from_header(None), RestoreState::None);
}

/// Seeds for these targets, from the repository's report fixtures (tests/fixtures/reports, whose
/// README names each layout's source) and the object answers' documented shapes.
pub fn seeds(target: &str, fixtures: &std::path::Path) -> Vec<Vec<u8>> {
    let response = crate::response_seed;
    let error = std::fs::read_to_string(fixtures.join("responses/error-access-denied.xml"))
        .expect("an error fixture");
    match target {
        "report_reader" => {
            let mut seeds = Vec::new();
            let dir = fixtures.join("reports");
            let mut names: Vec<_> = std::fs::read_dir(&dir)
                .expect("the report fixtures")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "csv" || e == "gz"))
                .collect();
            names.sort();
            for (index, path) in names.iter().enumerate() {
                let bytes = std::fs::read(path).expect("a report fixture");
                let choice = [0u8, 4, 1 | 4, 8 | 16, 32 | 4, 64 | 4][index % 6];
                seeds.push([vec![choice, 7], bytes].concat());
            }
            // Non-ASCII keys and BOMs in odd places: the byte-level variants of real layouts.
            seeds.push(
                "\u{feff}b-1,\u{4e2d}\u{6587}/\u{e9}.csv,,failed,404,NoSuchKey,The specified key does not exist.\n\u{feff}b-1,k,,succeeded,200,,\n"
                    .bytes()
                    .fold(vec![4u8, 3], |mut v, b| {
                        v.push(b);
                        v
                    }),
            );
            seeds
        }
        "list_objects_v2_response" => vec![
            response(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult><Name>b-1</Name><Prefix>reports/</Prefix><MaxKeys>100</MaxKeys><Delimiter></Delimiter><IsTruncated>true</IsTruncated><NextContinuationToken>CgJiYw--</NextContinuationToken><Contents><Key>reports/job-1/results/a.csv</Key><LastModified>2025-11-25T05:30:00.000Z</LastModified><ETag>\"5B3C1A2E053D763E1B002CC607C5A0FE\"</ETag><Size>344606</Size><StorageClass>Standard</StorageClass></Contents><KeyCount>1</KeyCount></ListBucketResult>"),
            response(403, &error),
        ],
        "get_object_tagging_response" => vec![
            response(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>\u{4e2d}</Key><Value></Value></Tag></TagSet></Tagging>"),
            response(404, &error),
        ],
        "get_object_acl_response" => vec![
            response(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessControlPolicy><Owner><ID>0022012</ID><DisplayName>0022012</DisplayName></Owner><AccessControlList><Grant>public-read</Grant></AccessControlList></AccessControlPolicy>"),
            response(403, &error),
        ],
        "error_headers" => {
            let headers = std::fs::read_to_string(fixtures.join("responses/head-error-in-header.headers"))
                .expect("the header fixture");
            let value = |name: &str| {
                headers
                    .lines()
                    .find_map(|l| l.strip_prefix(&format!("{name}: ")))
                    .unwrap_or("")
                    .to_string()
            };
            vec![
                response(
                    403,
                    &format!("{}\0{}\0{}\0", value("x-oss-err"), value("x-oss-ec"), value("x-oss-request-id")),
                ),
                response(404, &format!("\0\0id\0{error}")),
            ]
        }
        "restore_header" => vec![
            b"ongoing-request=\"true\"".to_vec(),
            b"ongoing-request=\"false\", expiry-date=\"Sun, 16 Apr 2017 08:12:33 GMT\"".to_vec(),
        ],
        _ => Vec::new(),
    }
}

/// Bytes a gzip stream yields before it ends or turns out damaged: the reader has held (and may
/// still hold, as an unfinished row) everything decompressed before the error, so the bound counts
/// it too (`io::copy` would drop it with the error).
fn decompressed_before_error(file: &[u8]) -> usize {
    use std::io::Read;
    let mut decoder = flate2::read::MultiGzDecoder::new(file);
    let mut buffer = [0u8; 16 * 1024];
    let mut total = 0;
    loop {
        match decoder.read(&mut buffer) {
            Ok(0) | Err(_) => return total,
            Ok(read) => total += read,
        }
    }
}

//! What the Plan step reads before it predicts, through the one client (so a refusal reaches the
//! host's `onError`): the manifest (its ETag checked against the job's) or the prefix listing, each
//! distinct object's state (HeadObject, and GetObjectTagging or GetObjectAcl when the operation
//! changes them; eight at a time), the target buckets' lifecycle rules for tag jobs, and the running
//! jobs. Missing objects are data here: a 404 says which of key, version or bucket is missing.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use ossbatch_core::api::describe_job::{build_describe_job, parse_describe_job_response};
use ossbatch_core::api::jobs::{
    build_list_jobs, parse_list_jobs_response, JobStatus, ListJobsInput,
};
use ossbatch_core::api::objects::{
    build_get_bucket_lifecycle, build_get_object, build_get_object_acl, build_get_object_tagging,
    build_head_object, build_list_objects_v2, parse_get_object_acl_response,
    parse_get_object_tagging_response, parse_list_objects_v2_response, RestoreState,
};
use ossbatch_core::plan::{other_encoding, JobOperation};
use ossbatch_core::{to_xml, CreateJobRequest, XmlStyle};

use super::module::PlanModule;
use crate::credentials::Connection;
use crate::i18n::Bilingual;
use crate::transport::Failure;

/// Objects read at once.
const IN_FLIGHT: usize = 8;

/// What the plan module is given.
pub struct Gathered {
    pub module: PlanModule,
    pub job_xml: String,
    pub input: serde_json::Value,
}

/// A failed call in one line (status and code, or the message).
pub fn text_of(failure: &Failure) -> String {
    match failure {
        Failure::Oss { status, error, .. } => format!("{status} {}", error.code),
        Failure::Proxy {
            status, message, ..
        } => format!("{status}: {message}"),
        Failure::Host(message) | Failure::Other(message) => message.en.clone(),
    }
}

/// One object's state in the npm `plan` input's shape.
async fn read_state(
    connection: &Connection,
    target: &(String, String, String),
    known: Option<serde_json::Value>,
    operation: &JobOperation,
) -> serde_json::Value {
    let (bucket, key, version) = target.clone();
    let version = Some(version).filter(|v| !v.is_empty());
    let head = |key: String| {
        let (b, v) = (bucket.clone(), version.clone());
        async move {
            connection
                .object_call(move |params| build_head_object(&b, &key, v.as_deref(), params))
                .await
        }
    };
    let needs = operation.needs();
    let mut state = match (known, needs.restore) {
        (Some(known), false) => known,
        _ => match head(key.clone()).await {
            Ok(answer) => serde_json::json!({
                "storageClass": answer.storage_class.clone().unwrap_or_else(|| "Standard".into()),
                "restore": match RestoreState::from_header(answer.restore.as_deref()) {
                    RestoreState::None => "none",
                    RestoreState::Ongoing => "ongoing",
                    RestoreState::Restored { .. } => "restored",
                },
            }),
            Err(Failure::Oss {
                status: 404, error, ..
            }) => {
                let missing = match error.code.as_str() {
                    "NoSuchVersion" => "version",
                    "NoSuchBucket" => "bucket",
                    _ => "key",
                };
                let mut other = false;
                if missing == "key" {
                    if let Some(spelling) = other_encoding(&key) {
                        other = head(spelling).await.is_ok();
                    }
                }
                return serde_json::json!({ "missing": missing, "otherEncodingExists": other });
            }
            Err(failure) => return serde_json::json!({ "unread": text_of(&failure) }),
        },
    };
    let (b, k, v) = (bucket.clone(), key.clone(), version.clone());
    if needs.tags {
        let answer = connection
            .object_call(move |params| build_get_object_tagging(&b, &k, v.as_deref(), params))
            .await;
        match answer
            .map(|a| parse_get_object_tagging_response(200, &String::from_utf8_lossy(&a.bytes)))
        {
            Ok(Ok(tags)) => state["tags"] = serde_json::json!(tags),
            Ok(Err(error)) => return serde_json::json!({ "unread": error.to_string() }),
            Err(failure) => return serde_json::json!({ "unread": text_of(&failure) }),
        }
    } else if needs.acl {
        let answer = connection
            .object_call(move |params| build_get_object_acl(&b, &k, v.as_deref(), params))
            .await;
        match answer.map(|a| parse_get_object_acl_response(200, &String::from_utf8_lossy(&a.bytes)))
        {
            Ok(Ok(acl)) => state["acl"] = serde_json::json!(acl),
            Ok(Err(error)) => return serde_json::json!({ "unread": error.to_string() }),
            Err(failure) => return serde_json::json!({ "unread": text_of(&failure) }),
        }
    }
    state
}

/// The manifest's text and targets, or the prefix listing's targets with what it says of each.
async fn targets(
    connection: &Connection,
    module: &PlanModule,
    request: &CreateJobRequest,
    job_xml: &str,
) -> Result<
    (
        Option<(String, String)>,
        Vec<(String, String, String)>,
        Vec<Option<serde_json::Value>>,
    ),
    Bilingual,
> {
    if let Some(location) = request.manifest.as_ref().and_then(|m| m.location.as_ref()) {
        let bucket = location.bucket.clone().unwrap_or_default();
        let object = location.object.clone().unwrap_or_default();
        let answer = connection
            .object_call(move |params| build_get_object(&bucket, &object, None, params))
            .await
            .map_err(|failure| {
                super::texts::bilingual(|t| t.manifest_unreadable, &[&text_of(&failure)])
            })?;
        let etag = answer.etag.clone().unwrap_or_default().to_ascii_lowercase();
        let expected = location
            .etag
            .clone()
            .unwrap_or_default()
            .trim()
            .trim_matches('"')
            .to_ascii_lowercase();
        if !expected.is_empty() && expected != etag {
            return Err(super::texts::bilingual(
                |t| t.manifest_changed,
                &[&etag, &expected],
            ));
        }
        let text = String::from_utf8_lossy(&answer.bytes).into_owned();
        let targets = module
            .targets(job_xml, &text)
            .map_err(|error| super::texts::bilingual(|t| t.manifest_unreadable, &[&error]))?;
        let known = vec![None; targets.len()];
        return Ok((Some((text, etag)), targets, known));
    }
    let generator = request
        .key_prefix_manifest_generator
        .clone()
        .unwrap_or_default();
    let bucket = generator.source_bucket.unwrap_or_default();
    let prefix = generator.prefix.unwrap_or_default();
    let (mut found, mut known, mut token) = (Vec::new(), Vec::new(), None::<String>);
    loop {
        let (b, p, t) = (bucket.clone(), prefix.clone(), token.clone());
        let answer = connection
            .object_call(move |params| {
                build_list_objects_v2(&b, Some(&p), t.as_deref(), Some(1000), params)
            })
            .await
            .map_err(|failure| {
                super::texts::bilingual(|t| t.manifest_unreadable, &[&text_of(&failure)])
            })?;
        let page = parse_list_objects_v2_response(200, &String::from_utf8_lossy(&answer.bytes))
            .map_err(|error| Bilingual::same(error.to_string()))?;
        for object in page.objects {
            known.push(Some(serde_json::json!({
                "storageClass": object.storage_class, "size": object.size,
            })));
            found.push((bucket.clone(), object.key, String::new()));
        }
        match page.next_continuation_token {
            Some(next) => token = Some(next),
            None => break,
        }
    }
    Ok((None, found, known))
}

/// Reads everything the plan needs; `progress(done, total)` as objects are read; stops early (and
/// says so) once `cancelled` is set.
pub async fn gather(
    connection: &Connection,
    request: &CreateJobRequest,
    progress: impl Fn(usize, usize),
    cancelled: Rc<Cell<bool>>,
) -> Result<Gathered, Bilingual> {
    let operation = JobOperation::of_request(request)
        .ok_or_else(|| super::texts::bilingual(|t| t.no_operation, &[]))?;
    let module = PlanModule::load()
        .await
        .map_err(|error| super::texts::bilingual(|t| t.module_unavailable, &[&error]))?;
    let job_xml = to_xml(request, XmlStyle::Compact);
    let read_at = js_sys::Date::new_0().to_iso_string().as_string();
    let (manifest, targets, known) = targets(connection, &module, request, &job_xml).await?;
    // Each distinct object once, eight at a time.
    let mut distinct: HashMap<&(String, String, String), usize> = HashMap::new();
    let mut order = Vec::new();
    for (i, target) in targets.iter().enumerate() {
        distinct.entry(target).or_insert_with(|| {
            order.push(i);
            order.len() - 1
        });
    }
    let mut states = Vec::with_capacity(order.len());
    for chunk in order.chunks(IN_FLIGHT) {
        if cancelled.get() {
            return Err(super::texts::bilingual(|t| t.cancelled, &[]));
        }
        let reads = chunk
            .iter()
            .map(|&i| read_state(connection, &targets[i], known[i].clone(), &operation));
        states.extend(futures::future::join_all(reads).await);
        progress(states.len(), order.len());
    }
    let mut lifecycle = BTreeMap::new();
    if operation.needs().tags {
        let buckets: BTreeSet<&String> = targets.iter().map(|t| &t.0).collect();
        for bucket in buckets {
            let b = bucket.clone();
            if let Ok(answer) = connection
                .object_call(move |params| build_get_bucket_lifecycle(&b, params))
                .await
            {
                lifecycle.insert(
                    bucket.clone(),
                    String::from_utf8_lossy(&answer.bytes).into_owned(),
                );
            }
        }
    }
    let running = running_jobs(connection).await;
    let per_row: Vec<&serde_json::Value> = targets.iter().map(|t| &states[distinct[t]]).collect();
    let mut input = serde_json::json!({
        "states": per_row,
        "region": connection.region,
        "lifecycle": lifecycle,
        "runningJobs": running,
        "stateReadAt": read_at,
    });
    match manifest {
        Some((text, etag)) => {
            input["manifest"] = text.into();
            input["manifestETag"] = etag.into();
        }
        None => {
            input["targets"] = targets
                .iter()
                .map(|(bucket, key, _)| serde_json::json!({ "bucket": bucket, "key": key }))
                .collect::<Vec<_>>()
                .into();
        }
    }
    Ok(Gathered {
        module,
        job_xml,
        input,
    })
}

/// The jobs not in a final status, as the plan's input wants them; none when they cannot be read.
async fn running_jobs(connection: &Connection) -> Vec<serde_json::Value> {
    let input = ListJobsInput {
        statuses: JobStatus::known().filter(|s| !s.is_final()).collect(),
        max_keys: Some(100),
        continuation_token: None,
    };
    let Ok((list, _)) = connection
        .call(
            |params| build_list_jobs(&input, params),
            parse_list_jobs_response,
            |_| {},
        )
        .await
    else {
        return Vec::new();
    };
    let mut running = Vec::new();
    for entry in list.jobs {
        let id = entry.job_id.clone();
        let Ok((job, _)) = connection
            .call(
                |params| build_describe_job(&id, params),
                parse_describe_job_response,
                |_| {},
            )
            .await
        else {
            continue;
        };
        let mut value = serde_json::json!({
            "jobId": job.job_id,
            "status": job.status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default(),
        });
        if let Some(location) = job.manifest.as_ref().and_then(|m| m.location.as_ref()) {
            value["manifest"] = serde_json::json!({
                "bucket": location.bucket.clone().unwrap_or_default(),
                "object": location.object.clone().unwrap_or_default(),
            });
        }
        if let Some(generator) = &job.key_prefix_manifest_generator {
            value["prefix"] = serde_json::json!({
                "bucket": generator.source_bucket.clone().unwrap_or_default(),
                "prefix": generator.prefix.clone().unwrap_or_default(),
            });
        }
        running.push(value);
    }
    running
}

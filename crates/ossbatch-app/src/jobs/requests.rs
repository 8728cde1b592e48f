//! The Jobs view's four requests: signed in the browser, sent through the proxy, answered into the
//! reducer. Each returns at once and dispatches its answer later.

use std::rc::Rc;

use ossbatch_core::api::jobs::{
    build_describe_job, build_list_jobs, build_update_job_priority, build_update_job_status,
    parse_describe_job_response, parse_list_jobs_response, parse_update_job_priority_response,
    parse_update_job_status_response, JobStatus, ListJobsInput,
};
use ossbatch_core::api::response::ResponseError;
use ossbatch_core::api::SigningParams;
use ossbatch_core::{SignError, SignedRequest};
use yew::prelude::*;

use super::state::{JobsAction, JobsState};
use crate::credentials::Connection;
use crate::transport::Failure;

/// Signs with `build`, sends, reads the answer with `parse`, tells the host what it learnt
/// (`learnt`: a job id and status), and dispatches `answer(result)`.
fn call<T: 'static>(
    connection: Connection,
    build: impl FnOnce(&SigningParams<'_>) -> Result<SignedRequest, SignError> + 'static,
    parse: impl FnOnce(u16, &str) -> Result<T, ResponseError> + 'static,
    learnt: impl FnOnce(&T) -> Option<(String, String)> + 'static,
    answer: impl FnOnce(Result<T, Failure>) -> JobsAction + 'static,
    dispatch: UseReducerDispatcher<JobsState>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = connection
            .call(build, parse, |_| {})
            .await
            .map(|(value, _)| value);
        if let Some((job_id, status)) = result.as_ref().ok().and_then(learnt) {
            crate::journal::seen(&job_id, &status);
            connection.host.job_status(&job_id, &status);
        }
        dispatch.dispatch(answer(result));
    });
}

pub fn list_jobs(
    connection: Connection,
    input: ListJobsInput,
    nonce: u64,
    dispatch: UseReducerDispatcher<JobsState>,
) {
    call(
        connection,
        move |params| build_list_jobs(&input, params),
        parse_list_jobs_response,
        |_| None,
        move |result| JobsAction::ListLoaded(nonce, result),
        dispatch,
    );
}

pub fn describe_job(
    connection: Connection,
    job_id: String,
    nonce: u64,
    dispatch: UseReducerDispatcher<JobsState>,
) {
    call(
        connection,
        move |params| build_describe_job(&job_id, params),
        |status, body| {
            parse_describe_job_response(status, body)
                .map(|description| Box::new((description, Rc::<str>::from(body))))
        },
        |described| {
            let (description, _) = &**described;
            let status = description.status.as_ref()?;
            Some((description.job_id.clone(), status.as_str().to_string()))
        },
        move |result| JobsAction::JobLoaded(nonce, result),
        dispatch,
    );
}

pub fn update_job_status(
    connection: Connection,
    job_id: String,
    requested: JobStatus,
    reason: Option<String>,
    dispatch: UseReducerDispatcher<JobsState>,
) {
    dispatch.dispatch(JobsAction::UpdateStarted);
    call(
        connection,
        move |params| build_update_job_status(&job_id, &requested, reason.as_deref(), params),
        parse_update_job_status_response,
        |updated| {
            Some((
                updated.job_id.clone(),
                updated.status.as_ref()?.as_str().to_string(),
            ))
        },
        JobsAction::StatusUpdated,
        dispatch,
    );
}

pub fn update_job_priority(
    connection: Connection,
    job_id: String,
    priority: i64,
    dispatch: UseReducerDispatcher<JobsState>,
) {
    dispatch.dispatch(JobsAction::UpdateStarted);
    call(
        connection,
        move |params| build_update_job_priority(&job_id, priority, params),
        parse_update_job_priority_response,
        |_| None,
        JobsAction::PriorityUpdated,
        dispatch,
    );
}

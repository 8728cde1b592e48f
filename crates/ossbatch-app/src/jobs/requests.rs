//! The Jobs view's four requests: signed in the browser, sent through the proxy, answered into the
//! reducer. Each returns at once and dispatches its answer later.

use crate::i18n::Bilingual;
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
use crate::transport::{self, Failure};

/// Signs with `build`, sends, reads the answer with `parse`, and dispatches `answer(result)`.
fn call<T: 'static>(
    connection: Connection,
    build: impl FnOnce(&SigningParams<'_>) -> Result<SignedRequest, SignError> + 'static,
    parse: impl FnOnce(u16, &str) -> Result<T, ResponseError> + 'static,
    answer: impl FnOnce(Result<T, Failure>) -> JobsAction + 'static,
    dispatch: UseReducerDispatcher<JobsState>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = async {
            if let Some(missing) = connection.missing() {
                return Err(Failure::Other(Bilingual::fill(missing, &[])));
            }
            let signed = connection.sign(build).map_err(Failure::Other)?;
            let reply = transport::send(&signed, &connection.proxy_address(&signed)).await?;
            transport::read(reply, parse)
        }
        .await;
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
        JobsAction::PriorityUpdated,
        dispatch,
    );
}

//! "Roll back" on a job's page (issue #31): from a single-file before-image (the Plan step's
//! download, or `ossbatch snapshot`), the jobs that put every changed object back — computed by the
//! Plan step's module (loaded when used), the failed tasks the report panel read left out — their
//! manifests uploaded through the one client with OSS's ETag checked, then each opened as a draft.
//! Groups beyond the jobs go to a direct plan the CLI carries out (`ossbatch rollback apply`).

use std::rc::Rc;

use ossbatch_core::api::describe_job::ClonedJob;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::SavedRollback;
use crate::credentials::Connection;
use crate::i18n::{fill, use_lang, Bilingual};
use crate::plan::module::{Js, PlanModule};
use crate::plan::texts::{bilingual, plan_texts as texts};

/// Jobs at most (the CLI's default `--max-jobs`); the rest goes to the direct plan.
const MAX_JOBS: u32 = 20;

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Prepared {
        rollback: Rc<Js>,
        /// Manifests uploaded so far (all of them: the drafts can be opened).
        uploaded: usize,
        uploading: bool,
    },
    Failed(Bilingual),
}

#[derive(Properties, PartialEq)]
pub struct RollbackPanelProps {
    pub connection: Connection,
    pub job_id: String,
    /// The failed tasks' retry manifest (`Bucket,Key[,VersionId]` lines), once the report is read.
    pub failed: Option<Rc<Vec<u8>>>,
    pub on_clone: Callback<(String, ClonedJob)>,
    /// The rollback kept for this page (it outlives the view while drafts are opened).
    pub saved: Option<SavedRollback>,
    pub on_keep: Callback<Option<SavedRollback>>,
}

#[function_component(RollbackPanel)]
pub fn rollback_panel(props: &RollbackPanelProps) -> Html {
    let lang = use_lang();
    let t = texts(lang);
    let stage = use_state(|| match &props.saved {
        Some(saved) if saved.job_id == props.job_id => Stage::Prepared {
            uploaded: if saved.uploaded {
                saved.rollback.get("jobs").items().len()
            } else {
                0
            },
            rollback: saved.rollback.clone(),
            uploading: false,
        },
        _ => Stage::Idle,
    });
    let failed_text = props
        .failed
        .as_ref()
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default();
    let failed_count = failed_text.lines().filter(|l| !l.trim().is_empty()).count();

    let on_file = {
        let (stage, job_id, keep) = (stage.clone(), props.job_id.clone(), props.on_keep.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let (stage, job_id, failed, keep) = (
                stage.clone(),
                job_id.clone(),
                failed_text.clone(),
                keep.clone(),
            );
            let promise = file.text();
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let Some(text) = text else {
                    stage.set(Stage::Failed(bilingual(|t| t.rollback_cannot_read, &[])));
                    return;
                };
                let prepared = match PlanModule::load().await {
                    Ok(module) => module.rollback(&text, &failed, &job_id, MAX_JOBS),
                    Err(error) => Err(error),
                };
                stage.set(match prepared {
                    Ok(rollback) => {
                        let rollback = Rc::new(rollback);
                        keep.emit(Some(SavedRollback {
                            job_id: job_id.clone(),
                            rollback: rollback.clone(),
                            uploaded: false,
                        }));
                        Stage::Prepared {
                            rollback,
                            uploaded: 0,
                            uploading: false,
                        }
                    }
                    Err(error) => Stage::Failed(bilingual(|t| t.rollback_failed, &[&error])),
                });
            });
            input.set_value("");
        })
    };

    let body = match &*stage {
        Stage::Idle => html! {},
        Stage::Failed(why) => {
            html! { <p id="rollback-error" class="error" role="alert">{ why.get(lang) }</p> }
        }
        Stage::Prepared {
            rollback,
            uploaded,
            uploading,
        } => prepared_view(props, &stage, rollback, *uploaded, *uploading, lang),
    };
    html! {
        <section id="job-rollback-panel" class="report-panel" aria-labelledby="job-rollback-heading">
            <h3 id="job-rollback-heading">{ t.rollback_heading }</h3>
            <p class="help">{ t.rollback_why }</p>
            if failed_count > 0 {
                <p id="rollback-failed-known" class="help">{ fill(t.rollback_failed_known, &[&failed_count]) }</p>
            }
            <label for="rollback-snapshot" class="file-label">{ t.rollback_file }</label>
            <input type="file" id="rollback-snapshot" accept=".jsonl,application/x-ndjson" onchange={on_file} />
            { body }
        </section>
    }
}

fn prepared_view(
    props: &RollbackPanelProps,
    stage: &UseStateHandle<Stage>,
    rollback: &Rc<Js>,
    uploaded: usize,
    uploading: bool,
    lang: ossbatch_core::Lang,
) -> Html {
    let t = texts(lang);
    let jobs = rollback.get("jobs").items();
    let objects: u64 = jobs.iter().map(|j| j.get("objects").number()).sum();
    let direct = rollback.get("directObjects").number();
    let skipped = rollback.get("skipped").items().len();
    let on_upload = upload_callback(props, stage, rollback);
    let all_uploaded = uploaded == jobs.len();
    let drafts = jobs.iter().enumerate().map(|(i, job)| {
        let on_open = {
            let (on_clone, job_id, xml) =
                (props.on_clone.clone(), props.job_id.clone(), job.get("jobXml").text());
            Callback::from(move |_| {
                if let Ok(mut request) = ossbatch_core::from_xml(&xml) {
                    request.client_request_token = Some(crate::sections::job::new_token());
                    on_clone.emit((
                        job_id.clone(),
                        ClonedJob {
                            request,
                            left_out: Vec::new(),
                        },
                    ));
                }
            })
        };
        html! {
            <li class="rollback-job" data-operation={job.get("operation").text()} data-objects={job.get("objects").number().to_string()}>
                <code translate="no">{ format!("{} ({})", job.get("key").text(), job.get("operation").text()) }</code>
                <button type="button" id={format!("rollback-open-{}", i + 1)} onclick={on_open}
                    disabled={!all_uploaded}>{ fill(t.rollback_open, &[&(i + 1)]) }</button>
            </li>
        }
    });
    html! {
        <div id="rollback-result">
            <p id="rollback-summary">{ fill(t.rollback_jobs, &[&jobs.len(), &objects]) }</p>
            if direct > 0 {
                <p id="rollback-direct" class="notice-inline">{ fill(t.rollback_direct, &[&direct]) }</p>
            }
            if skipped > 0 {
                <p id="rollback-skipped" class="help">{ fill(t.rollback_skipped, &[&skipped]) }</p>
            }
            <ul id="rollback-jobs">{ for drafts }</ul>
            if !jobs.is_empty() && !all_uploaded {
                <button type="button" id="rollback-upload" onclick={on_upload} disabled={uploading}>{ t.rollback_upload }</button>
            }
            if uploading {
                <p id="rollback-progress" class="help" role="status">{ fill(t.rollback_uploading, &[&(uploaded + 1), &jobs.len()]) }</p>
            }
            if all_uploaded && !jobs.is_empty() {
                <p id="rollback-uploaded" class="ok" role="status">{ t.rollback_uploaded }</p>
            }
        </div>
    }
}

/// Uploads each manifest in turn, OSS's ETag checked against the one the job names.
fn upload_callback(
    props: &RollbackPanelProps,
    stage: &UseStateHandle<Stage>,
    rollback: &Rc<Js>,
) -> Callback<MouseEvent> {
    let (connection, stage, rollback) = (props.connection.clone(), stage.clone(), rollback.clone());
    let (keep, job_id) = (props.on_keep.clone(), props.job_id.clone());
    Callback::from(move |_| {
        let (connection, stage, rollback) = (connection.clone(), stage.clone(), rollback.clone());
        let (keep, job_id) = (keep.clone(), job_id.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let jobs = rollback.get("jobs").items();
            for (i, job) in jobs.iter().enumerate() {
                stage.set(Stage::Prepared {
                    rollback: rollback.clone(),
                    uploaded: i,
                    uploading: true,
                });
                let (bucket, key, body) = (
                    job.get("bucket").text(),
                    job.get("key").text(),
                    job.get("manifestText").text(),
                );
                let ours = job.get("etag").text();
                let theirs = match connection.put_manifest(bucket, key, body).await {
                    Ok(theirs) => theirs,
                    Err(failure) => {
                        let why = crate::plan::failure_text(&failure);
                        stage.set(Stage::Failed(bilingual(|t| t.rollback_failed, &[&why])));
                        return;
                    }
                };
                if theirs != ours {
                    stage.set(Stage::Failed(bilingual(
                        |t| t.rollback_etag_mismatch,
                        &[&theirs, &ours],
                    )));
                    return;
                }
            }
            keep.emit(Some(SavedRollback {
                job_id,
                rollback: rollback.clone(),
                uploaded: true,
            }));
            stage.set(Stage::Prepared {
                rollback,
                uploaded: jobs.len(),
                uploading: false,
            });
        });
    })
}

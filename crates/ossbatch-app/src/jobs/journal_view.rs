//! "Submitted from this browser" in the Jobs tab (issue #31): the journal's jobs (`crate::journal`),
//! listed even after OSS stops listing them — each with its last status and when it was first seen,
//! the job to open, and its draft to open in the builder.

use ossbatch_core::api::describe_job::ClonedJob;
use ossbatch_core::api::jobs::{JobListDescriptor, JobStatus};
use yew::prelude::*;

use super::state::JobsState;
use crate::i18n::{fill, texts, use_lang};
use crate::journal::Entry;
use crate::plan::texts::plan_texts;

#[derive(Properties, PartialEq)]
pub struct JournalListProps {
    pub state: UseReducerHandle<JobsState>,
    pub on_clone: Callback<(String, ClonedJob)>,
}

#[function_component(JournalList)]
pub fn journal_list(props: &JournalListProps) -> Html {
    let lang = use_lang();
    let t = texts(lang);
    let w = plan_texts(lang);
    let entries = use_state(Vec::<Entry>::new);
    {
        // Read again whenever the list is (re)loaded: a job just submitted or described shows.
        let entries = entries.clone();
        use_effect_with(props.state.list_nonce, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                entries.set(crate::journal::all().await);
            });
        });
    }
    if entries.is_empty() {
        return html! {};
    }
    let dispatch = props.state.dispatcher();
    let rows = entries.iter().map(|entry| {
        let on_draft = {
            let (on_clone, draft, label) = (
                props.on_clone.clone(),
                entry.draft.clone(),
                entry.job_id.clone().unwrap_or_else(|| entry.token.clone()),
            );
            Callback::from(move |_| {
                if let Ok(mut request) = ossbatch_core::from_json(&draft) {
                    request.client_request_token = Some(crate::sections::job::new_token());
                    on_clone.emit((label.clone(), ClonedJob { request, left_out: Vec::new() }));
                }
            })
        };
        let last = entry.statuses.last();
        // The status as last seen, and when this browser first saw it.
        let job = JobListDescriptor {
            job_id: entry.job_id.clone().unwrap_or_default(),
            status: last.map(|(s, _)| JobStatus::from(s.as_str())),
            operation: last.map(|(_, at)| at.clone()),
            description: entry.description.clone(),
            ..JobListDescriptor::default()
        };
        let extra = html! { <td><button type="button" class="journal-draft" onclick={on_draft}>{ w.journal_open_draft }</button></td> };
        super::list::row(&job, &dispatch, lang, extra)
    });
    html! {
        <section class="section journal" aria-labelledby="journal-heading">
            <h2 id="journal-heading">{ w.journal_heading }</h2>
            <p class="help">{ fill(w.journal_help, &[&entries.len()]) }</p>
            <table id="journal-list">
                <thead><tr><th>{ t.job_id }</th><th>{ t.status }</th><th>{ w.journal_seen }</th><th></th><th></th><th></th><th>{ t.description }</th><th></th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

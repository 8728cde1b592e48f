//! The builder's journal (issue #31): the jobs submitted from this browser, kept in IndexedDB
//! (database `ossbatch`, store `jobs`, one entry per ClientRequestToken) so the Jobs tab lists them
//! with their drafts after OSS stops listing them. Recorded before CreateJob is sent and again with
//! the JobId; every status the page sees is added with the time it was first seen. Never a secret:
//! the draft is the CreateJob request (no credentials, no signature). Best effort: where IndexedDB
//! is unavailable (a private window, a sandboxed frame) nothing is kept and nothing fails.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::plan::module::Js;

#[wasm_bindgen(inline_js = r#"
let opening = null;
function db() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open('ossbatch', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('jobs', { keyPath: 'token' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => { opening = null; reject(request.error); };
  });
  return opening;
}
function inStore(mode, work) {
  return db().then((database) => new Promise((resolve, reject) => {
    const tx = database.transaction('jobs', mode);
    let out;
    work(tx.objectStore('jobs'), (value) => { out = value; });
    tx.oncomplete = () => resolve(out);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  }));
}
export function journalMerge(token, region, description, draft, jobId) {
  return inStore('readwrite', (store) => {
    const got = store.get(token);
    got.onsuccess = () => {
      const entry = got.result || { token, statuses: [], submittedAt: new Date().toISOString() };
      if (region) entry.region = region;
      if (description) entry.description = description;
      if (draft) entry.draft = draft;
      if (jobId) entry.jobId = jobId;
      store.put(entry);
    };
  });
}
export function journalStatus(jobId, status, at) {
  return inStore('readwrite', (store) => {
    const cursor = store.openCursor();
    cursor.onsuccess = () => {
      const at_ = cursor.result;
      if (!at_) return;
      const entry = at_.value;
      if (entry.jobId === jobId) {
        const last = entry.statuses[entry.statuses.length - 1];
        if (!last || last.status !== status) {
          entry.statuses.push({ status, firstSeen: at });
          at_.update(entry);
        }
      }
      at_.continue();
    };
  });
}
export function journalAll() {
  return inStore('readonly', (store, done) => {
    const all = store.getAll();
    // Newest first.
    all.onsuccess = () => done((all.result || []).sort((a, b) => (b.submittedAt > a.submittedAt) - (b.submittedAt < a.submittedAt)));
  });
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = journalMerge)]
    fn journal_merge(
        token: &str,
        region: &str,
        description: &str,
        draft: &str,
        job_id: &str,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = journalStatus)]
    fn journal_status(job_id: &str, status: &str, at: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = journalAll)]
    fn journal_all() -> js_sys::Promise;
}

fn now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Waits for a journal write; a failure is only logged (the journal is best effort).
async fn settle(promise: js_sys::Promise) {
    if let Err(error) = JsFuture::from(promise).await {
        web_sys::console::warn_2(&"ossbatch: the journal could not be written".into(), &error);
    }
}

/// Before CreateJob is sent: the token, the region, the draft (JSON) and its description.
pub async fn submitting(token: &str, region: &str, request: &ossbatch_core::CreateJobRequest) {
    let draft = ossbatch_core::to_json(request, false);
    let description = request.description.as_deref().unwrap_or_default();
    settle(journal_merge(token, region, description, &draft, "")).await;
}

/// CreateJob answered with this JobId.
pub async fn created(token: &str, job_id: &str) {
    settle(journal_merge(token, "", "", "", job_id)).await;
}

/// A status the page saw for a journaled job (added when it differs from the last one).
pub fn seen(job_id: &str, status: &str) {
    let promise = journal_status(job_id, status, &now());
    wasm_bindgen_futures::spawn_local(settle(promise));
}

/// One journaled job.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub token: String,
    pub job_id: Option<String>,
    pub region: String,
    pub submitted_at: String,
    pub description: Option<String>,
    /// The draft as JSON (`ossbatch_core::from_json` reads it).
    pub draft: String,
    /// (status, first seen), in order.
    pub statuses: Vec<(String, String)>,
}

impl Entry {
    /// When the job was first seen Suspended in its latest run of Suspended statuses.
    pub fn suspended_since(&self) -> Option<&str> {
        let seen = self
            .statuses
            .iter()
            .map(|(s, at)| (s.as_str(), at.as_str()));
        ossbatch_core::api::jobs::JobStatus::suspended_since(seen)
    }
}

/// Every journaled job, newest first (empty where IndexedDB is unavailable). Read field by field
/// from the stored objects: the page's wasm carries no JSON parser.
pub async fn all() -> Vec<Entry> {
    let Ok(value) = JsFuture::from(journal_all()).await else {
        return Vec::new();
    };
    let text_of = |v: &Js, name: &str| v.get(name).string();
    Js(value)
        .items()
        .iter()
        .map(|v| Entry {
            token: text_of(v, "token").unwrap_or_default(),
            job_id: text_of(v, "jobId"),
            region: text_of(v, "region").unwrap_or_default(),
            submitted_at: text_of(v, "submittedAt").unwrap_or_default(),
            description: text_of(v, "description"),
            draft: text_of(v, "draft").unwrap_or_default(),
            statuses: v
                .get("statuses")
                .items()
                .iter()
                .map(|s| {
                    (
                        text_of(s, "status").unwrap_or_default(),
                        text_of(s, "firstSeen").unwrap_or_default(),
                    )
                })
                .collect(),
        })
        .collect()
}

//! Reading the objects' state for a plan: each distinct object once, `--concurrency` at a time, with
//! progress on a terminal. HeadObject for presence, class, size and restore state (and the other
//! spelling of a missing key); GetObjectTagging or GetObjectAcl where the operation needs them.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use ossbatch_core::api::objects::{
    build_get_object_acl, build_get_object_tagging, build_head_object,
};
use ossbatch_core::plan::read::{acl_of, head_state, tags_of};
use ossbatch_core::plan::{other_encoding, Needs, ObjectState, Presence, Target};
use ossbatch_core::storage_class::is_archived_class;

use crate::remote::{Client, Exchange};

/// Runs `work` over `0..count` on `concurrency` threads; the results in index order.
pub fn parallel<T: Send>(
    concurrency: usize,
    count: usize,
    label: &str,
    work: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, T)>> = Mutex::new(Vec::with_capacity(count));
    let progress = std::io::stderr().is_terminal() && count >= 100;
    std::thread::scope(|scope| {
        for _ in 0..concurrency.clamp(1, 256).min(count.max(1)) {
            scope.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= count {
                        break;
                    }
                    mine.push((index, work(index)));
                    let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if progress && finished.is_multiple_of(500) {
                        eprint!("\r{label}: {finished}/{count}");
                    }
                }
                results.lock().expect("no worker panics").extend(mine);
            });
        }
    });
    if progress {
        eprintln!("\r{label}: {count}/{count}");
    }
    let mut results = results.into_inner().expect("no worker panics");
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, value)| value).collect()
}

fn version(target: &Target) -> Option<&str> {
    Some(target.version_id.as_str()).filter(|v| !v.is_empty())
}

fn unread(failed: crate::remote::Failed) -> ObjectState {
    ObjectState::with_presence(Presence::Unread(failed.text))
}

fn head(client: &Client, target: &Target, key: &str) -> ObjectState {
    match client.exchange(|params| build_head_object(&target.bucket, key, version(target), params))
    {
        Ok(answer) => head_state(answer.status, |n| answer.header(n), &answer.body),
        Err(failed) => unread(failed),
    }
}

fn exchange_or_unread(
    client: &Client,
    build: impl Fn(
        &ossbatch_core::SigningParams<'_>,
    ) -> Result<ossbatch_core::SignedRequest, ossbatch_core::SignError>,
) -> Result<Exchange, Presence> {
    client
        .exchange(build)
        .map_err(|failed| Presence::Unread(failed.text))
}

/// Reads what the operation needs of an object whose presence is `known` (from a listing or an
/// inventory) or not yet known (`None`: HeadObject first).
pub fn inspect(
    client: &Client,
    target: &Target,
    known: Option<ObjectState>,
    needs: Needs,
) -> ObjectState {
    let mut state = match known {
        // A listing does not say the restore state: HeadObject for archived objects.
        Some(state)
            if needs.restore
                && state.presence == Presence::Present
                && state
                    .storage_class
                    .as_deref()
                    .is_some_and(is_archived_class) =>
        {
            head(client, target, &target.key)
        }
        Some(state) => state,
        None => head(client, target, &target.key),
    };
    if state.presence == Presence::Missing {
        if let Some(other) = other_encoding(&target.key) {
            state.other_encoding_exists =
                head(client, target, &other).presence == Presence::Present;
        }
    }
    if state.presence != Presence::Present {
        return state;
    }
    if needs.tags && state.tags.is_none() {
        let read = exchange_or_unread(client, |params| {
            build_get_object_tagging(&target.bucket, &target.key, version(target), params)
        })
        .and_then(|answer| tags_of(answer.status, |n| answer.header(n), &answer.body));
        match read {
            Ok(tags) => state.tags = Some(tags),
            Err(presence) => state.presence = presence,
        }
    }
    if needs.acl && state.acl.is_none() {
        let read = exchange_or_unread(client, |params| {
            build_get_object_acl(&target.bucket, &target.key, version(target), params)
        })
        .and_then(|answer| acl_of(answer.status, |n| answer.header(n), &answer.body));
        match read {
            Ok(acl) => state.acl = Some(acl),
            Err(presence) => state.presence = presence,
        }
    }
    state
}

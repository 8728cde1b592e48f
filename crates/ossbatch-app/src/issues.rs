//! The summary of every issue; activating one moves focus to its field.

use std::rc::Rc;

use ossbatch_core::{Issue, Severity};

use crate::host::HostContext;
use crate::i18n::{fill, texts, use_lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct IssueListProps {
    pub issues: Rc<Vec<Issue>>,
    /// Open (after a submit attempt, an import); otherwise the list shows its counts until opened.
    #[prop_or_default]
    pub open: bool,
}

/// Scrolls `element` into view and focuses it; false when it is not an HTML element (nothing done).
pub fn show(element: web_sys::Element) -> bool {
    match wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
        Ok(element) => {
            element.scroll_into_view();
            let _ = element.focus();
            true
        }
        Err(_) => false,
    }
}

/// Focuses the control for `path`, or the nearest enclosing one (`A.B.C` → `A.B` → `A`), among the
/// widget's own controls under `root` (never the host page's).
pub fn focus_path(root: &web_sys::Element, path: &str) {
    let mut candidate = path.to_string();
    loop {
        let selector = format!("[name=\"{}\"]", candidate.replace('"', "\\\""));
        if let Ok(Some(element)) = root.query_selector(&selector) {
            if show(element) {
                return;
            }
        }
        match candidate.rfind('.') {
            Some(index) => candidate.truncate(index),
            None => return,
        }
    }
}

#[function_component(IssueList)]
pub fn issue_list(props: &IssueListProps) -> Html {
    let count = |severity: Severity| {
        props
            .issues
            .iter()
            .filter(|i| i.severity == severity)
            .count()
    };
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let lang = use_lang();
    let t = texts(lang);
    let root = use_context::<HostContext>()
        .expect("the App provides its host")
        .root
        .clone();
    let summary = if props.issues.is_empty() {
        t.no_issues.to_string()
    } else {
        fill(t.issue_counts, &[&errors, &warnings, &infos])
    };
    html! {
        <section id="issues" class="issues" aria-labelledby="issues-heading">
            <h2 id="issues-heading">{ t.issues }</h2>
            <details id="issues-details" open={props.open}>
            <summary><span class="issue-summary" role="status" aria-live="polite">{ summary }</span></summary>
            <ul>
                { for props.issues.iter().map(|issue| {
                    let path = issue.path.clone();
                    let root = root.clone();
                    let onclick = Callback::from(move |_| focus_path(&root, &path));
                    let class = format!("issue {}", issue.severity.as_str());
                    let label = crate::labels::label_for(&issue.path, lang);
                    html! {
                        <li class={class} data-code={issue.code.clone()} data-path={issue.path.clone()}>
                            <button type="button" class="issue-link" {onclick}>
                                <span class="severity">{ t.severity(issue.severity) }</span>{" "}
                                <strong class="issue-label">{ label }</strong>{ ": " }{ crate::fields::field_message(issue, lang) }
                                <code class="issue-code" title={issue.path.clone()}>{ format!(" [{}]", issue.code) }</code>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            </details>
        </section>
    }
}

//! Labeled form controls bound to a [`Field`]: each control's `name` is its XML path, its issues are
//! shown under it and linked with `aria-describedby`, and errors set `aria-invalid`.

use std::rc::Rc;

use ossbatch_core::{Issue, Lang, Severity};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::{fill, texts};
use crate::state::{Action, BuilderState, Field};

/// The part of the form a section shows. A section re-renders only when its own slice of the request
/// or its own issues change, which keeps a keystroke's work to the section typed in, the issues and
/// the preview.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    Operation,
    Objects,
    Report,
    Job,
}

impl Part {
    fn owns(self, path: &str) -> bool {
        let first = path.split(['.', '[']).next().unwrap_or_default();
        match self {
            Part::Operation => first == "Operation",
            Part::Objects => first == "Manifest" || first == "KeyPrefixManifestGenerator",
            Part::Report => first == "Report",
            Part::Job => !matches!(
                first,
                "Operation" | "Manifest" | "KeyPrefixManifestGenerator" | "Report"
            ),
        }
    }

    fn same_slice(self, a: &BuilderState, b: &BuilderState) -> bool {
        let (a, b) = (a, b);
        match self {
            Part::Operation => a.request.operation == b.request.operation,
            Part::Objects => {
                a.request.manifest == b.request.manifest
                    && a.request.key_prefix_manifest_generator
                        == b.request.key_prefix_manifest_generator
            }
            Part::Report => a.request.report == b.request.report,
            Part::Job => {
                a.region == b.region
                    && a.request.client_request_token == b.request.client_request_token
                    && a.request.priority == b.request.priority
                    && a.request.role_arn == b.request.role_arn
                    && a.request.description == b.request.description
                    && a.request.confirmation_required == b.request.confirmation_required
            }
        }
    }
}

/// What every section component receives: the state handle, the current issues and which part it is.
#[derive(Clone, Properties)]
pub struct SectionProps {
    pub state: UseReducerHandle<BuilderState>,
    pub issues: Rc<Vec<Issue>>,
    pub part: Part,
    /// The Manifest section reports the buckets a locally checked manifest names (for the Role
    /// panel). Not compared: the App passes a state setter, which stays valid across renders.
    #[prop_or_default]
    pub on_manifest_buckets: Callback<Option<Vec<String>>>,
    /// The interface language (labels, help, messages). Required: a section left in the default
    /// language would be a silent gap.
    pub lang: Lang,
}

impl PartialEq for SectionProps {
    fn eq(&self, other: &Self) -> bool {
        let part = self.part;
        let owned = |issue: &&Issue| part.owns(&issue.path);
        part == other.part
            && self.lang == other.lang
            && part.same_slice(&self.state, &other.state)
            && self
                .issues
                .iter()
                .filter(owned)
                .eq(other.issues.iter().filter(owned))
    }
}

/// A DOM id for a path (`Report.Bucket` → `f-Report-Bucket`, `Tag[0]` → `Tag-0`).
/// What the user typed into the event's `<input>` or `<textarea>`.
pub fn typed_text(e: &InputEvent) -> String {
    match e.target_dyn_into::<HtmlTextAreaElement>() {
        Some(area) => area.value(),
        None => e.target_unchecked_into::<HtmlInputElement>().value(),
    }
}

/// Whether the event's checkbox is ticked.
pub fn ticked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// A callback that keeps `text` equal to what the user types.
pub fn keep_typed(text: &UseStateHandle<String>) -> Callback<InputEvent> {
    let text = text.clone();
    Callback::from(move |e: InputEvent| text.set(typed_text(&e)))
}

pub fn control_id(path: &str) -> String {
    let cleaned: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{}", cleaned.trim_end_matches('-'))
}

pub fn issues_at<'a>(issues: &'a [Issue], path: &str) -> Vec<&'a Issue> {
    issues.iter().filter(|issue| issue.path == path).collect()
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "issue error",
        Severity::Warning => "issue warning",
        Severity::Info => "issue info",
    }
}

/// The messages under a control. The list's id is what `aria-describedby` points at.
/// An issue's message as shown next to its field: without the element path the core's messages start
/// with (the field is right there; the path stays in the code tag's title), as a sentence.
pub fn field_message(issue: &Issue, lang: Lang) -> String {
    if lang == Lang::Zh {
        // The core's Chinese messages are `path：summary…`.
        let message = issue.message_in(lang);
        return match message.strip_prefix(issue.path.as_str()) {
            Some(rest) if !issue.path.is_empty() => rest.trim_start_matches('：').to_string(),
            _ => message,
        };
    }
    let Some(rest) = issue
        .message
        .strip_prefix(issue.path.as_str())
        .filter(|_| !issue.path.is_empty())
    else {
        return issue.message.clone();
    };
    let rest = rest.trim_start_matches([':', ' ']);
    // "Report.Bucket is required when …" reads "Required when …" beside the field.
    let rest = rest
        .strip_prefix("is required")
        .map_or(rest.to_string(), |after| format!("required{after}"));
    // ASCII only: the messages start in English, and `char::to_uppercase` would add Unicode tables.
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => issue.message.clone(),
    }
}

pub fn field_issues(id: &str, issues: &[&Issue], lang: Lang) -> Html {
    let t = texts(lang);
    if issues.is_empty() {
        return html! {};
    }
    html! {
        <ul class="field-issues" id={format!("{id}-issues")}>
            { for issues.iter().map(|issue| html! {
                <li class={severity_class(issue.severity)} data-code={issue.code.clone()}>
                    <span class="severity">{ t.severity(issue.severity) }</span>{" "}{ field_message(issue, lang) }
                    { " " }<code class="issue-code" title={issue.path.clone()}>{ issue.code.clone() }</code>
                </li>
            }) }
        </ul>
    }
}

pub struct ControlAria {
    pub invalid: &'static str,
    pub described_by: Option<String>,
}

pub fn aria(id: &str, issues: &[&Issue]) -> ControlAria {
    ControlAria {
        invalid: if issues.iter().any(|i| i.severity == Severity::Error) {
            "true"
        } else {
            "false"
        },
        described_by: (!issues.is_empty()).then(|| format!("{id}-issues")),
    }
}

#[derive(Clone, Copy, PartialEq)]
pub enum InputKind {
    Text,
    Number,
    TextArea,
}

/// A form control bound to one field of the request: its path, element id, issues and value.
struct Bound<'a> {
    path: &'static str,
    id: String,
    mine: Vec<&'a Issue>,
    aria: ControlAria,
    value: String,
}

impl<'a> Bound<'a> {
    fn new(props: &'a SectionProps, field: Field) -> Bound<'a> {
        let path = field.path();
        let id = control_id(path);
        let mine = issues_at(&props.issues, path);
        let aria = aria(&id, &mine);
        Bound {
            path,
            id,
            mine,
            aria,
            value: field.value(&props.state.request),
        }
    }
}

/// A text, number or multi-line input for one field.
pub fn input(
    props: &SectionProps,
    field: Field,
    label: &str,
    help: &str,
    kind: InputKind,
    placeholder: &str,
) -> Html {
    let bound = Bound::new(props, field);
    let (path, id, mine, aria, value) = (bound.path, bound.id, bound.mine, bound.aria, bound.value);
    let state = props.state.clone();
    let help_id = format!("{id}-help");
    let described = match (&aria.described_by, help.is_empty()) {
        (Some(issues), false) => Some(format!("{help_id} {issues}")),
        (Some(issues), true) => Some(issues.clone()),
        (None, false) => Some(help_id.clone()),
        (None, true) => None,
    };
    let control = match kind {
        InputKind::TextArea => {
            let oninput = Callback::from(move |e: InputEvent| {
                state.dispatch(Action::Set(field, typed_text(&e)));
            });
            html! {
                <textarea id={id.clone()} name={path} rows="2" {oninput} value={value}
                    placeholder={placeholder.to_string()} aria-invalid={aria.invalid}
                    aria-describedby={described.clone()} />
            }
        }
        InputKind::Text | InputKind::Number => {
            let oninput = Callback::from(move |e: InputEvent| {
                state.dispatch(Action::Set(field, typed_text(&e)));
            });
            let (kind, mode) = if kind == InputKind::Number {
                ("number", "numeric")
            } else {
                ("text", "text")
            };
            html! {
                <input id={id.clone()} name={path} type={kind} inputmode={mode} {oninput} value={value}
                    placeholder={placeholder.to_string()} autocomplete="off" spellcheck="false"
                    aria-invalid={aria.invalid} aria-describedby={described.clone()} />
            }
        }
    };
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            { control }
            if !help.is_empty() { <p class="help" id={help_id}>{ help }</p> }
            { field_issues(&id, &mine, props.lang) }
        </div>
    }
}

/// A select for one field; `options` are (value, label), and an empty value means "not set".
pub fn select(
    props: &SectionProps,
    field: Field,
    label: &str,
    help: &str,
    options: &[(&str, &str)],
) -> Html {
    let state = props.state.clone();
    let Bound {
        path,
        id,
        mine,
        aria,
        value,
    } = Bound::new(props, field);
    let onchange = Callback::from(move |e: Event| {
        let el: HtmlSelectElement = e.target_unchecked_into();
        state.dispatch(Action::Set(field, el.value()));
    });
    // A value the list does not know (from an imported file) stays visible and selectable.
    let unknown = !value.is_empty() && !options.iter().any(|(v, _)| *v == value);
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            <select id={id.clone()} name={path} {onchange} aria-invalid={aria.invalid} aria-describedby={aria.described_by.clone()}>
                { for options.iter().map(|(v, text)| html! {
                    <option value={v.to_string()} selected={*v == value}>{ *text }</option>
                }) }
                if unknown { <option value={value.clone()} selected=true>{ fill(texts(props.lang).not_a_known_value, &[&value]) }</option> }
            </select>
            if !help.is_empty() { <p class="help">{ help }</p> }
            { field_issues(&id, &mine, props.lang) }
        </div>
    }
}

/// A checkbox bound to an action.
pub fn checkbox(
    name: &'static str,
    label: &str,
    checked: bool,
    on_toggle: Callback<bool>,
    issues: &[&Issue],
    lang: Lang,
) -> Html {
    let id = control_id(name);
    let aria = aria(&id, issues);
    let onchange = Callback::from(move |e: Event| on_toggle.emit(ticked(&e)));
    html! {
        <div class="field checkbox">
            <input id={id.clone()} {name} type="checkbox" {checked} {onchange}
                aria-invalid={aria.invalid} aria-describedby={aria.described_by.clone()} />
            <label for={id.clone()}>{ label }</label>
            { field_issues(&id, issues, lang) }
        </div>
    }
}

#[cfg(test)]
mod field_message_tests {
    use super::field_message;
    use ossbatch_core::{validate, CreateJobRequest, Issue, Lang};

    fn issue(path: &str, message: &str) -> Issue {
        Issue::new(&ossbatch_core::rules::TAG_KEY_LENGTH, path, message)
    }

    #[test]
    fn the_path_is_not_repeated_beside_its_field() {
        assert_eq!(
            field_message(&issue(
                "Operation.PutObjectTagging.TagSet.Tag[0].Key",
                "Operation.PutObjectTagging.TagSet.Tag[0].Key must be 1 to 128 characters long; it has 0."
            ), Lang::En),
            "Must be 1 to 128 characters long; it has 0."
        );
        assert_eq!(
            field_message(
                &issue(
                    "Report.Bucket",
                    "Report.Bucket is required when the report is enabled."
                ),
                Lang::En
            ),
            "Required when the report is enabled."
        );
        assert_eq!(
            field_message(
                &issue("region", "Write the region without the oss- prefix."),
                Lang::En
            ),
            "Write the region without the oss- prefix."
        );
        // Every issue of an empty draft: no field-side message keeps its path.
        for issue in validate(&CreateJobRequest::default()) {
            let shown = field_message(&issue, Lang::En);
            assert!(
                issue.path.is_empty() || !shown.starts_with(&issue.path),
                "{shown}"
            );
            // The Chinese summaries may name their element as the subject ("Operation 为必填项"),
            // but not the path as a prefix.
            let shown = field_message(&issue, Lang::Zh);
            assert!(!shown.starts_with(&format!("{}：", issue.path)), "{shown}");
            assert!(!shown.is_empty());
        }
    }
}

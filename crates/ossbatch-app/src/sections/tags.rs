//! The tag editor: up to 10 key/value rows with add, remove and reorder.

use ossbatch_core::model::Tag;
use ossbatch_core::validate::MAX_TAGS;
use ossbatch_core::Issue;
use yew::prelude::*;

use crate::fields::{aria, control_id, field_issues, issues_at, typed_text, SectionProps};
use crate::i18n::{fill, texts, use_lang};
use crate::state::{Action, BuilderState};

/// One tag's key and value with its buttons; re-renders only when this row changes.
#[derive(Properties, PartialEq)]
pub struct TagRowProps {
    pub index: usize,
    pub count: usize,
    pub set_path: &'static str,
    pub tag: Tag,
    pub issues: Vec<Issue>,
    pub dispatch: UseReducerDispatcher<BuilderState>,
}

#[function_component(TagRow)]
pub fn tag_row(props: &TagRowProps) -> Html {
    let (index, count, set_path, tag) = (props.index, props.count, props.set_path, &props.tag);
    let lang = use_lang();
    let t = texts(lang);
    let n = index + 1;
    // The key's and the value's text field: (label, path, value, the edit it sends).
    let text_field = |label: String,
                      path: String,
                      value: &Option<String>,
                      edit: fn(usize, String) -> Action| {
        let id = control_id(&path);
        let mine = issues_at(&props.issues, &path);
        let aria = aria(&id, &mine);
        let state = props.dispatch.clone();
        let oninput =
            Callback::from(move |e: InputEvent| state.dispatch(edit(index, typed_text(&e))));
        html! {
            <div class="field">
                <label for={id.clone()}>{ label }</label>
                <input id={id.clone()} name={path} type="text" autocomplete="off" spellcheck="false"
                    value={value.clone().unwrap_or_default()} {oninput}
                    aria-invalid={aria.invalid} aria-describedby={aria.described_by.clone()} />
                { field_issues(&id, &mine, lang) }
            </div>
        }
    };
    let send = |action: Action| {
        let state = props.dispatch.clone();
        Callback::from(move |_| state.dispatch(action.clone()))
    };
    let (up, down, remove) = (
        send(Action::MoveTag(index, -1)),
        send(Action::MoveTag(index, 1)),
        send(Action::RemoveTag(index)),
    );
    html! {
        <li class="tag-row">
            { text_field(fill(t.tag_key_n, &[&n]), format!("{set_path}.Tag[{index}].Key"), &tag.key, Action::SetTagKey) }
            { text_field(fill(t.tag_value_n, &[&n]), format!("{set_path}.Tag[{index}].Value"), &tag.value, Action::SetTagValue) }
            <div class="row-buttons">
                <button type="button" onclick={up} disabled={index == 0}
                    aria-label={fill(t.move_tag_up, &[&n])}>{ "↑" }</button>
                <button type="button" onclick={down} disabled={index + 1 == count}
                    aria-label={fill(t.move_tag_down, &[&n])}>{ "↓" }</button>
                <button type="button" onclick={remove}
                    aria-label={fill(t.remove_tag, &[&n])}>{ "✕" }</button>
            </div>
        </li>
    }
}

#[function_component(TagEditor)]
pub fn tag_editor(props: &SectionProps) -> Html {
    let Some((set_path, tags)) = props.state.tagging() else {
        return html! {};
    };
    let set_issues = issues_at(&props.issues, set_path);
    let count = tags.len();
    let add = {
        let state = props.state.clone();
        Callback::from(move |_| state.dispatch(Action::AddTag))
    };
    html! {
        <div class="tags" role="group" aria-labelledby="tags-heading">
            <h3 id="tags-heading">{ fill(texts(props.lang).tags_heading, &[&count, &MAX_TAGS]) }</h3>
            { field_issues(&control_id(set_path), &set_issues, props.lang) }
            <ol class="tag-rows">
            { for tags.iter().enumerate().map(|(index, tag)| {
                let prefix = format!("{set_path}.Tag[{index}].");
                let row_issues: Vec<Issue> = props.issues.iter().filter(|i| i.path.starts_with(&prefix)).cloned().collect();
                html! {
                    <TagRow key={index} {index} {count} set_path={set_path} tag={tag.clone()} issues={row_issues}
                        dispatch={props.state.dispatcher()} />
                }
            }) }
            </ol>
            <button type="button" id="add-tag" onclick={add} disabled={count >= MAX_TAGS}>{ texts(props.lang).add_tag }</button>
        </div>
    }
}

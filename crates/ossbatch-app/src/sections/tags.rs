//! The tag editor: up to 10 key/value rows with add, remove and reorder.

use ossbatch_core::model::Tag;
use ossbatch_core::validate::MAX_TAGS;
use ossbatch_core::Issue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::fields::{aria, control_id, field_issues, issues_at, SectionProps};
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
    let key_path = format!("{set_path}.Tag[{index}].Key");
    let value_path = format!("{set_path}.Tag[{index}].Value");
    let key_id = control_id(&key_path);
    let value_id = control_id(&value_path);
    let key_issues = issues_at(&props.issues, &key_path);
    let value_issues = issues_at(&props.issues, &value_path);
    let key_aria = aria(&key_id, &key_issues);
    let value_aria = aria(&value_id, &value_issues);
    let state = props.dispatch.clone();
    let on_key = Callback::from(move |e: InputEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        state.dispatch(Action::SetTagKey(index, el.value()));
    });
    let state = props.dispatch.clone();
    let on_value = Callback::from(move |e: InputEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        state.dispatch(Action::SetTagValue(index, el.value()));
    });
    let state = props.dispatch.clone();
    let up = Callback::from(move |_| state.dispatch(Action::MoveTag(index, -1)));
    let state = props.dispatch.clone();
    let down = Callback::from(move |_| state.dispatch(Action::MoveTag(index, 1)));
    let state = props.dispatch.clone();
    let remove = Callback::from(move |_| state.dispatch(Action::RemoveTag(index)));
    let lang = use_lang();
    let t = texts(lang);
    let n = index + 1;
    html! {
        <li class="tag-row">
            <div class="field">
                <label for={key_id.clone()}>{ fill(t.tag_key_n, &[&n]) }</label>
                <input id={key_id.clone()} name={key_path.clone()} type="text" autocomplete="off" spellcheck="false"
                    value={tag.key.clone().unwrap_or_default()} oninput={on_key}
                    aria-invalid={key_aria.invalid} aria-describedby={key_aria.described_by.clone()} />
                { field_issues(&key_id, &key_issues, lang) }
            </div>
            <div class="field">
                <label for={value_id.clone()}>{ fill(t.tag_value_n, &[&n]) }</label>
                <input id={value_id.clone()} name={value_path.clone()} type="text" autocomplete="off" spellcheck="false"
                    value={tag.value.clone().unwrap_or_default()} oninput={on_value}
                    aria-invalid={value_aria.invalid} aria-describedby={value_aria.described_by.clone()} />
                { field_issues(&value_id, &value_issues, lang) }
            </div>
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

//! The region picker shared by the builder and the Jobs view: a `<select>` of the regions that offer
//! Batch Operations (the core's one list, with display names), and "Other region…", which shows a
//! text box for any region id (the list grows; validation warns about ids it does not know).

use crate::i18n::{texts, use_lang};
use ossbatch_core::regions::{batch_operations_region, BATCH_OPERATIONS_REGIONS};
use ossbatch_core::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The `<select>` value that stands for "a region id typed by hand".
const OTHER: &str = "other";

#[derive(Properties, PartialEq)]
pub struct RegionPickerProps {
    /// The select's id; the custom text box is `<id>-custom`.
    pub id: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
}

#[function_component(RegionPicker)]
pub fn region_picker(props: &RegionPickerProps) -> Html {
    let listed = batch_operations_region(props.value.trim()).is_some();
    // A region off the list always shows the text box; "Other" also stays chosen while the user
    // types, even when the text happens to match a listed id.
    let typing_other = use_state(|| false);
    let custom = *typing_other || !listed;
    let on_select = {
        let (on_change, typing_other, value) = (
            props.on_change.clone(),
            typing_other.clone(),
            props.value.clone(),
        );
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let chosen = select.value();
            if chosen == OTHER {
                typing_other.set(true);
                // Keep the id as a starting point for editing.
                on_change.emit(value.to_string());
            } else {
                typing_other.set(false);
                on_change.emit(chosen);
            }
        })
    };
    let on_text = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_change.emit(input.value());
        })
    };
    let selected = if custom { OTHER } else { props.value.trim() };
    let custom_id = format!("{}-custom", props.id);
    let invalid = if props.invalid { "true" } else { "false" };
    let lang = use_lang();
    let t = texts(lang);
    html! {
        <>
            <select id={props.id.clone()} name="region" onchange={on_select}
                aria-invalid={invalid} aria-describedby={props.described_by.clone()}>
                { for BATCH_OPERATIONS_REGIONS.iter().map(|region| html! {
                    <option value={region.id} selected={selected == region.id}>
                        { format!("{} · {}", if lang == Lang::Zh { region.name_zh } else { region.name }, region.id) }
                    </option>
                }) }
                <option value={OTHER} selected={custom}>{ t.region_other }</option>
            </select>
            if custom {
                <label for={custom_id.clone()} class="sub-label">{ t.region_id }</label>
                <input id={custom_id} name="region-custom" type="text" value={props.value.clone()}
                    oninput={on_text} autocomplete="off" spellcheck="false" placeholder="cn-hangzhou"
                    aria-invalid={invalid} aria-describedby={props.described_by.clone()} />
            }
        </>
    }
}

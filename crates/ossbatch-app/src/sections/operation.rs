//! The operation picker and the chosen operation's fields.

use ossbatch_core::model::OperationKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::tags::TagEditor;
use crate::fields::{
    aria, control_id, field_issues, input, issues_at, select, InputKind, SectionProps,
};
use crate::state::{Action, Field};

const OPERATIONS: [(OperationKind, &str); 5] = [
    (
        OperationKind::PutObjectTagging,
        "Set tags (PutObjectTagging: replaces existing tags)",
    ),
    (
        OperationKind::AddObjectTagging,
        "Add tags (AddObjectTagging: keeps existing tags)",
    ),
    (
        OperationKind::DeleteObjectTagging,
        "Delete all tags (DeleteObjectTagging)",
    ),
    (OperationKind::PutObjectAcl, "Set the ACL (PutObjectAcl)"),
    (
        OperationKind::RestoreObject,
        "Restore archived objects (RestoreObject)",
    ),
];

#[function_component(OperationSection)]
pub fn operation_section(props: &SectionProps) -> Html {
    let chosen = props.state.operation_kind();
    let id = control_id("Operation");
    let mine = issues_at(&props.issues, "Operation");
    let aria = aria(&id, &mine);
    let state = props.state.clone();
    let onchange = Callback::from(move |e: Event| {
        let el: HtmlSelectElement = e.target_unchecked_into();
        if let Some((kind, _)) = OPERATIONS
            .iter()
            .find(|(kind, _)| kind.element_name() == el.value())
        {
            state.dispatch(Action::ChooseOperation(*kind));
        }
    });
    html! {
        <fieldset class="section" id="section-operation">
            <legend>{ "Operation" }</legend>
            <div class="field">
                <label for={id.clone()}>{ "What the job does to each object" }</label>
                <select id={id.clone()} name="Operation" {onchange} aria-invalid={aria.invalid} aria-describedby={aria.described_by.clone()}>
                    if chosen.is_none() { <option value="" selected=true>{ "Choose an operation" }</option> }
                    { for OPERATIONS.iter().map(|(kind, label)| html! {
                        <option value={kind.element_name()} selected={chosen == Some(*kind)}>{ *label }</option>
                    }) }
                </select>
                { field_issues(&id, &mine) }
            </div>
            {
                match chosen {
                    Some(OperationKind::PutObjectTagging | OperationKind::AddObjectTagging) => html! {
                        <TagEditor state={props.state.clone()} issues={props.issues.clone()} part={props.part} />
                    },
                    Some(OperationKind::DeleteObjectTagging) => html! {
                        <p class="help">{ "Removes every tag of each object. No settings." }</p>
                    },
                    Some(OperationKind::PutObjectAcl) => select(props, Field::ObjectAcl, "Object ACL", "",
                        &[("", "Choose an ACL"), ("default", "default (inherit the bucket ACL)"), ("private", "private"),
                          ("public-read", "public-read"), ("public-read-write", "public-read-write")]),
                    Some(OperationKind::RestoreObject) => html! { <>
                        { input(props, Field::RestoreDays, "Days restored",
                            "Archive: 1 to 7. Cold Archive and Deep Cold Archive: 1 to 365.", InputKind::Number, "7") }
                        { select(props, Field::RestoreTier, "Restore priority (Cold Archive, Deep Cold Archive)", "",
                            &[("", "Not set"), ("Standard", "Standard (2 to 5 hours; Deep Cold Archive: within 48 hours)"),
                              ("Bulk", "Bulk (5 to 12 hours; Cold Archive only)")]) }
                    </> },
                    None => html! {},
                }
            }
        </fieldset>
    }
}

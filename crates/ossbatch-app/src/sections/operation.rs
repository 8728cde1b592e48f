//! The operation picker and the chosen operation's fields.

use ossbatch_core::model::OperationKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::tags::TagEditor;
use crate::fields::{
    aria, control_id, field_issues, input, issues_at, select, InputKind, SectionProps,
};
use crate::i18n::{texts, Pick};
use crate::state::{Action, Field};

/// The operations in the picker, each with its label.
const OPERATIONS: [(OperationKind, Pick); 5] = [
    (OperationKind::PutObjectTagging, |t| t.op_put_tagging),
    (OperationKind::AddObjectTagging, |t| t.op_add_tagging),
    (OperationKind::DeleteObjectTagging, |t| t.op_delete_tagging),
    (OperationKind::PutObjectAcl, |t| t.op_put_acl),
    (OperationKind::RestoreObject, |t| t.op_restore),
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
    let t = texts(props.lang);
    html! {
        <fieldset class="section" id="section-operation">
            <legend>{ t.operation }</legend>
            <div class="field">
                <label for={id.clone()}>{ t.operation_what }</label>
                <select id={id.clone()} name="Operation" {onchange} aria-invalid={aria.invalid} aria-describedby={aria.described_by.clone()}>
                    if chosen.is_none() { <option value="" selected=true>{ t.choose_operation }</option> }
                    { for OPERATIONS.iter().map(|(kind, label)| html! {
                        <option value={kind.element_name()} selected={chosen == Some(*kind)}>{ label(t) }</option>
                    }) }
                </select>
                { field_issues(&id, &mine, props.lang) }
            </div>
            {
                match chosen {
                    Some(OperationKind::PutObjectTagging | OperationKind::AddObjectTagging) => html! {
                        <TagEditor state={props.state.clone()} issues={props.issues.clone()} part={props.part} lang={props.lang} />
                    },
                    Some(OperationKind::DeleteObjectTagging) => html! {
                        <p class="help">{ t.delete_tagging_help }</p>
                    },
                    Some(OperationKind::PutObjectAcl) => select(props, Field::ObjectAcl, t.object_acl, "",
                        &[("", t.choose_acl), ("default", t.acl_default), ("private", "private"),
                          ("public-read", "public-read"), ("public-read-write", "public-read-write")]),
                    Some(OperationKind::RestoreObject) => html! { <>
                        { input(props, Field::RestoreDays, t.days_restored, &crate::i18n::restore_days_help(t), InputKind::Number, "7") }
                        { select(props, Field::RestoreTier, t.restore_tier, "",
                            &[("", t.not_set), ("Standard", t.tier_standard), ("Bulk", t.tier_bulk)]) }
                    </> },
                    None => html! {},
                }
            }
        </fieldset>
    }
}

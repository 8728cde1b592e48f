//! Job settings: region, token, priority, role, description, confirmation.

use ossbatch_core::limits::{PRIORITY_MAX, PRIORITY_MIN};
use yew::prelude::*;

use crate::fields::{checkbox, field_issues, input, issues_at, InputKind, SectionProps};
use crate::i18n::{fill, texts};
use crate::region::RegionPicker;
use crate::state::{Action, Field};

pub fn new_token() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[function_component(JobSection)]
pub fn job_section(props: &SectionProps) -> Html {
    let state = props.state.clone();
    let regenerate = Callback::from(move |_| state.dispatch(Action::RegenerateToken(new_token())));
    let state = props.state.clone();
    let on_confirm =
        Callback::from(move |on: bool| state.dispatch(Action::SetConfirmationRequired(on)));
    let confirm_issues = issues_at(&props.issues, "ConfirmationRequired");
    let t = texts(props.lang);
    html! {
        <fieldset class="section" id="section-job">
            <legend>{ t.job }</legend>
            { input(props, Field::RoleArn, t.role_arn, t.role_arn_help, InputKind::Text,
                "acs:ram::1234567890123456:role/BatchOperationRole") }
            { input(props, Field::Priority, t.priority, &fill(t.priority_help, &[&PRIORITY_MIN, &PRIORITY_MAX]), InputKind::Number, "10") }
            <div class="token">
                { input(props, Field::ClientRequestToken, t.client_token, t.client_token_help, InputKind::Text, "") }
                <button type="button" id="new-token" onclick={regenerate}>{ t.new_token }</button>
            </div>
            { input(props, Field::Description, t.description, "", InputKind::TextArea, t.description_placeholder) }
            { checkbox("ConfirmationRequired", t.confirmation,
                props.state.request.confirmation_required.unwrap_or(false), on_confirm, &confirm_issues, props.lang) }
        </fieldset>
    }
}

/// The region, first in the builder: it decides the endpoint and where the buckets must be.
#[function_component(RegionSection)]
pub fn region_section(props: &SectionProps) -> Html {
    let state = props.state.clone();
    let on_region = Callback::from(move |region: String| state.dispatch(Action::SetRegion(region)));
    let region_issues = issues_at(&props.issues, "region");
    let t = texts(props.lang);
    html! {
        <div class="section region-section" id="section-region">
            <div class="field">
                <label for="f-region">{ t.region }</label>
                <RegionPicker id="f-region" value={props.state.region.clone()} on_change={on_region}
                    invalid={region_issues.iter().any(|i| i.is_error())}
                    described_by={(!region_issues.is_empty()).then_some(AttrValue::from("f-region-issues"))} />
                <p class="help">{ t.region_help }</p>
                { field_issues("f-region", &region_issues, props.lang) }
            </div>
        </div>
    }
}

//! The "Role" panel: the RAM policies the current draft needs (ossbatch_core::role_policy), live as
//! the draft changes, each statement explained, each document copyable.

use ossbatch_core::role_policy::{role_policies, ExplainedPolicy};
use ossbatch_core::CreateJobRequest;
use yew::prelude::*;

use crate::preview::copy_text;

#[derive(Properties, PartialEq)]
pub struct RolePanelProps {
    pub request: CreateJobRequest,
    /// Buckets named by a manifest checked in this page, if any.
    pub manifest_buckets: Option<Vec<String>>,
}

fn policy_block(id: &str, title: &str, help: &str, policy: &ExplainedPolicy) -> Html {
    let text = serde_json::to_string_pretty(&policy.document).unwrap_or_default();
    let copy = {
        let text = text.clone();
        Callback::from(move |_| copy_text(text.clone()))
    };
    let heading = format!("{id}-heading");
    html! {
        <section class="policy" aria-labelledby={heading.clone()}>
            <h3 id={heading}>{ title }</h3>
            <p class="help">{ help }</p>
            <ol class="explanations" id={format!("{id}-explanations")}>
                { for policy.explanations.iter().map(|line| html! { <li>{ line }</li> }) }
            </ol>
            <pre id={id.to_string()} class="code" tabindex="0" aria-label={title.to_string()}>{ text }</pre>
            <button type="button" id={format!("copy-{id}")} onclick={copy}>{ format!("Copy {}", title.to_lowercase()) }</button>
        </section>
    }
}

#[function_component(RolePanel)]
pub fn role_panel(props: &RolePanelProps) -> Html {
    let policies = role_policies(&props.request, props.manifest_buckets.as_deref());
    html! {
        <section class="role" id="role-panel" aria-labelledby="role-heading">
            <h2 id="role-heading">{ "Role" }</h2>
            <p class="help">{ "The RAM role in RoleArn runs the job. Create it with the trust policy, attach the permission policy (least privilege for this draft), and give the people who submit jobs the caller policy." }</p>
            if !policies.placeholders.is_empty() {
                <p class="notice" id="role-placeholders">
                    { format!("Replace before use: {}.", policies.placeholders.join(", ")) }
                </p>
            }
            { policy_block("trust-policy", "Trust policy", "Who may assume the role.", &policies.trust_policy) }
            { policy_block("permission-policy", "Permission policy", "What the job may do.", &policies.permission_policy) }
            { policy_block("caller-policy", "Caller policy", "For the RAM user who submits and manages jobs.", &policies.caller_policy) }
        </section>
    }
}

//! The "Role" panel: the RAM policies the current draft needs (ossbatch_core::role_policy), live as
//! the draft changes, each statement explained, each document copyable.

use ossbatch_core::role_policy::{role_policies, ExplainedPolicy};
use ossbatch_core::CreateJobRequest;
use yew::prelude::*;

use crate::i18n::{fill, texts, use_lang};
use crate::preview::copy_text;
use ossbatch_core::Lang;

#[derive(Properties, PartialEq)]
pub struct RolePanelProps {
    pub request: CreateJobRequest,
    /// Buckets named by a manifest checked in this page, if any.
    pub manifest_buckets: Option<Vec<String>>,
}

fn policy_block(id: &str, title: &str, help: &str, policy: &ExplainedPolicy, lang: Lang) -> Html {
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
                { for policy.explanations_in(lang).iter().map(|line| html! { <li>{ line }</li> }) }
            </ol>
            <pre id={id.to_string()} class="code" tabindex="0" aria-label={title.to_string()}>{ text }</pre>
            <button type="button" id={format!("copy-{id}")} onclick={copy}>{ fill(texts(lang).copy_policy, &[&if lang == Lang::En { title.to_lowercase() } else { title.to_string() }]) }</button>
        </section>
    }
}

#[function_component(RolePanel)]
pub fn role_panel(props: &RolePanelProps) -> Html {
    let policies = role_policies(&props.request, props.manifest_buckets.as_deref());
    let lang = use_lang();
    let t = texts(lang);
    html! {
        <section class="role" id="role-panel" aria-labelledby="role-heading" tabindex="-1">
            <h2 id="role-heading">{ t.role }</h2>
            <p class="help">{ t.role_help }</p>
            if !policies.placeholders.is_empty() {
                <p class="notice" id="role-placeholders">
                    { fill(t.replace_before_use, &[&policies.placeholders.join(", ")]) }
                </p>
            }
            { policy_block("trust-policy", t.trust_policy, t.trust_policy_help, &policies.trust_policy, lang) }
            { policy_block("permission-policy", t.permission_policy, t.permission_policy_help, &policies.permission_policy, lang) }
            { policy_block("caller-policy", t.caller_policy, t.caller_policy_help, &policies.caller_policy, lang) }
        </section>
    }
}

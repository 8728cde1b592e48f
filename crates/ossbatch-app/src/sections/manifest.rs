//! Which objects: a manifest file (Manifest) or every object under a prefix (KeyPrefixManifestGenerator).

use ossbatch_core::model::known;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::fields::{field_issues, input, issues_at, InputKind, SectionProps};
use crate::i18n::texts;
use crate::manifest_check::ManifestFileCheck;
use crate::state::{Action, Field, ManifestSource};

#[function_component(ManifestSection)]
pub fn manifest_section(props: &SectionProps) -> Html {
    let source = props.state.manifest_source();
    let has_manifest = props.state.request.manifest.is_some();
    let has_generator = props.state.request.key_prefix_manifest_generator.is_some();
    let choose = |choice: ManifestSource| {
        let state = props.state.clone();
        Callback::from(move |_: Event| state.dispatch(Action::ChooseSource(choice)))
    };
    let source_issues = issues_at(&props.issues, "Manifest");
    let fields = props
        .state
        .request
        .manifest
        .as_ref()
        .and_then(|m| m.spec.as_ref())
        .and_then(|s| s.fields.clone())
        .unwrap_or_default();
    let field_list: Vec<&str> = fields.split(',').collect();
    let fields_issues = issues_at(&props.issues, "Manifest.Spec.Fields");
    let t = texts(props.lang);
    html! {
        <fieldset class="section" id="section-manifest">
            <legend>{ t.objects_to_process }</legend>
            <div class="choice" role="radiogroup" aria-label={t.source_of_objects}>
                <div class="field radio">
                    <input type="radio" id="f-source-prefix" name="Manifest" value="KeyPrefixManifestGenerator"
                        checked={source == Some(ManifestSource::Prefix)} onchange={choose(ManifestSource::Prefix)} />
                    <label for="f-source-prefix">{ t.source_prefix }</label>
                </div>
                <div class="field radio">
                    <input type="radio" id="f-source-manifest" name="Manifest" value="Manifest"
                        checked={source == Some(ManifestSource::ManifestFile)} onchange={choose(ManifestSource::ManifestFile)} />
                    <label for="f-source-manifest">{ t.source_manifest }</label>
                </div>
            </div>
            { field_issues("f-Manifest", &source_issues, props.lang) }
            if has_generator {
                <div class="subsection">
                    { input(props, Field::GeneratorSourceBucket, t.source_bucket, "", InputKind::Text, "source-bucket") }
                    { input(props, Field::GeneratorPrefix, t.prefix, t.prefix_help, InputKind::Text, "logs/") }
                </div>
            }
            if has_manifest {
                <div class="subsection">
                    { input(props, Field::LocationBucket, t.manifest_bucket, t.in_job_region, InputKind::Text, "manifest-bucket") }
                    { input(props, Field::LocationObject, t.manifest_object, "", InputKind::Text, "manifests/objects.csv") }
                    { input(props, Field::LocationETag, t.manifest_etag, t.manifest_etag_help, InputKind::Text, "d41d8cd98f00b204e9800998ecf8427e") }
                    { input(props, Field::LocationVersionId, t.manifest_version, "", InputKind::Text, "") }
                    { input(props, Field::SpecFormat, t.manifest_format, "", InputKind::Text, known::MANIFEST_FORMATS[0]) }
                    <fieldset class="fields-choice">
                        <legend>{ t.manifest_fields }</legend>
                        { for known::MANIFEST_FIELDS.iter().map(|name| {
                            let state = props.state.clone();
                            let name: &'static str = name;
                            let onchange = Callback::from(move |e: Event| {
                                let el: HtmlInputElement = e.target_unchecked_into();
                                state.dispatch(Action::ToggleManifestField(name, el.checked()));
                            });
                            let id = format!("f-Manifest-Spec-Fields-{name}");
                            html! {
                                <span class="field checkbox inline">
                                    <input type="checkbox" id={id.clone()} name="Manifest.Spec.Fields" value={name}
                                        checked={field_list.contains(&name)} {onchange}
                                        aria-invalid={if fields_issues.iter().any(|i| i.is_error()) { "true" } else { "false" }} />
                                    <label for={id}>{ name }</label>
                                </span>
                            }
                        }) }
                        { field_issues("f-Manifest-Spec-Fields", &fields_issues, props.lang) }
                    </fieldset>
                    <ManifestFileCheck fields={fields.clone()} dispatch={props.state.dispatcher()}
                        on_buckets={props.on_manifest_buckets.clone()} />
                </div>
            }
        </fieldset>
    }
}

//! Import (paste or open an XML or JSON job file) and presets.

use crate::i18n::{fill, texts, use_lang, Bilingual, EN, ZH};
use ossbatch_core::presets::{preset, PRESETS};
use ossbatch_core::Lang;
use ossbatch_core::{from_xml_or_json, CreateJobRequest};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::sections::job::new_token;
use crate::state::{Action, BuilderState};

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub dispatch: UseReducerDispatcher<BuilderState>,
}

fn load(
    state: &UseReducerDispatcher<BuilderState>,
    text: &str,
    message: &UseStateHandle<Option<Result<Bilingual, Bilingual>>>,
) {
    match from_xml_or_json(text) {
        Ok(request) => {
            state.dispatch(Action::Replace(Box::new(request)));
            message.set(Some(Ok(Bilingual::fill(|t| t.imported, &[]))));
        }
        Err(error) => message.set(Some(Err(Bilingual {
            en: fill(EN.cannot_import, &[&error.message_in(Lang::En)]),
            zh: fill(ZH.cannot_import, &[&error.message_in(Lang::Zh)]),
        }))),
    }
}

#[function_component(ImportPanel)]
pub fn import_panel(props: &ImportProps) -> Html {
    let text = use_state(String::new);
    let message = use_state(|| None::<Result<Bilingual, Bilingual>>);
    let lang = use_lang();
    let t = texts(lang);
    let on_text = crate::fields::keep_typed(&text);
    let on_import = {
        let (state, text, message) = (props.dispatch.clone(), text.clone(), message.clone());
        Callback::from(move |_| load(&state, &text, &message))
    };
    let on_file = {
        let (state, message) = (props.dispatch.clone(), message.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let (state, message) = (state.clone(), message.clone());
            let promise = file.text();
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                {
                    Some(text) => load(&state, &text, &message),
                    None => message.set(Some(Err(Bilingual::fill(|t| t.cannot_read_file, &[])))),
                }
            });
            input.set_value("");
        })
    };
    let on_preset = |id: &'static str| {
        let state = props.dispatch.clone();
        Callback::from(move |_| {
            if let Some(mut request) = preset(id) {
                request.client_request_token = Some(new_token());
                state.dispatch(Action::Start(Box::new(request)));
            }
        })
    };
    let on_new = {
        let state = props.dispatch.clone();
        Callback::from(move |_| {
            let mut request: CreateJobRequest = ossbatch_core::presets::new_draft();
            request.client_request_token = Some(new_token());
            state.dispatch(Action::Start(Box::new(request)));
        })
    };
    html! {
        <section class="import" aria-labelledby="import-heading">
            <h2 id="import-heading">{ t.start_from }</h2>
            <div class="presets">
                <button type="button" id="preset-new" onclick={on_new}>{ t.empty_job }</button>
                { for PRESETS.iter().map(|p| html! {
                    <button type="button" id={format!("preset-{}", p.id)} title={if lang == Lang::Zh { p.description_zh } else { p.description }} onclick={on_preset(p.id)}>{ if lang == Lang::Zh { p.title_zh } else { p.title } }</button>
                }) }
            </div>
            <details>
                <summary>{ t.import_summary }</summary>
                <label for="import-text">{ t.paste_job_file }</label>
                <textarea id="import-text" rows="6" value={(*text).clone()} oninput={on_text} spellcheck="false" />
                <div class="import-actions">
                    <button type="button" id="import-button" onclick={on_import}>{ t.import }</button>
                    <label for="import-file" class="file-label">{ t.open_a_file }</label>
                    <input type="file" id="import-file" accept=".xml,.json,application/xml,application/json,text/xml" onchange={on_file} />
                </div>
            </details>
            {
                match &*message {
                    Some(Ok(text)) => html! { <p id="import-message" class="ok" role="status">{ text.get(lang).to_string() }</p> },
                    Some(Err(text)) => html! { <p id="import-message" class="error" role="alert">{ text.get(lang).to_string() }</p> },
                    None => html! {},
                }
            }
        </section>
    }
}

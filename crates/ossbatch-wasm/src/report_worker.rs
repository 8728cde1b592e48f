//! The report reader of the builder's Report panel, for its file worker (feature `report`): a wasm of
//! its own, built for speed and loaded only when report files are dropped, so the page's wasm stays
//! built for size (docs/benchmarks.md: the same reader in the page's wasm reads at a third of the
//! native rate). The worker feeds each file's bytes and gets the summary as JSON the app reads back
//! into the core's types.

use ossbatch_core::report::{FinishedRead, ReportOptions, ReportReader};
use wasm_bindgen::prelude::*;

/// One read of dropped report files, as the Report panel reads them (a retry manifest with the
/// default fields, a seeded sample of succeeded tasks).
#[wasm_bindgen(js_name = ReportReadSession)]
pub struct ReportReadSession {
    reader: Option<ReportReader>,
    tail: Vec<u8>,
    /// The language of the error, when the report cannot be read.
    lang: ossbatch_core::Lang,
}

#[wasm_bindgen(js_class = ReportReadSession)]
impl ReportReadSession {
    /// `columns`: a `--columns` list or empty; `sample`/`seed`: the effect check's sample;
    /// `restore_job`: the job is a RestoreObject job (its "succeeded" means "requested").
    #[wasm_bindgen(constructor)]
    pub fn new(
        columns: &str,
        sample: u32,
        seed: f64,
        lang: &str,
        restore_job: bool,
    ) -> Result<ReportReadSession, String> {
        let lang = ossbatch_core::Lang::parse(lang).unwrap_or_default();
        let options =
            ReportOptions::for_panel(columns, lang, (sample as usize, seed as u64), restore_job)?;
        Ok(ReportReadSession {
            reader: Some(ReportReader::new(options)),
            tail: Vec::new(),
            lang,
        })
    }

    #[wasm_bindgen(js_name = beginFile)]
    pub fn begin_file(&mut self, name: &str) {
        if let Some(reader) = self.reader.as_mut() {
            reader.begin_file(name);
        }
    }

    pub fn update(&mut self, bytes: &[u8]) {
        if let Some(reader) = self.reader.as_mut() {
            reader.update(bytes);
        }
    }

    /// The retry manifest's bytes since the last call (after `finish`: its last bytes).
    #[wasm_bindgen(js_name = takeRetry)]
    pub fn take_retry(&mut self) -> Vec<u8> {
        match self.reader.as_mut() {
            Some(reader) => reader.take_retry(),
            None => std::mem::take(&mut self.tail),
        }
    }

    /// `{"summary", "retry"}` as JSON; the reason as the error when the report cannot be read.
    pub fn finish(&mut self) -> Result<String, String> {
        let reader = self.reader.take().ok_or("finished already")?;
        let outcome = reader
            .finish()
            .map_err(|error| error.message_in(self.lang))?;
        self.tail = outcome.retry_tail;
        FinishedRead {
            summary: outcome.summary,
            retry: outcome.retry,
        }
        .to_json()
    }
}

//! The completion report.

use yew::prelude::*;

use crate::fields::{checkbox, input, issues_at, select, InputKind, SectionProps};
use crate::i18n::texts;
use crate::state::{Action, Field};

#[function_component(ReportSection)]
pub fn report_section(props: &SectionProps) -> Html {
    let report = props.state.request.report.clone().unwrap_or_default();
    let enabled = report.enabled.unwrap_or(false);
    let state = props.state.clone();
    let on_toggle = Callback::from(move |on: bool| state.dispatch(Action::SetReportEnabled(on)));
    let section_issues = issues_at(&props.issues, "Report");
    let enabled_issues = issues_at(&props.issues, "Report.Enabled");
    let all: Vec<_> = section_issues.into_iter().chain(enabled_issues).collect();
    let t = texts(props.lang);
    html! {
        <fieldset class="section" id="section-report">
            <legend>{ t.completion_report }</legend>
            <p class="help">{ t.report_help }</p>
            { checkbox("Report.Enabled", t.write_report, enabled, on_toggle, &all, props.lang) }
            { input(props, Field::ReportBucket, t.report_bucket, t.in_job_region, InputKind::Text, "report-bucket") }
            { input(props, Field::ReportPrefix, t.report_prefix, "", InputKind::Text, "batch-reports/") }
            { select(props, Field::ReportScope, t.report_scope, "",
                &[("", t.scope_not_set), ("AllTasks", t.scope_all), ("FailedTasksOnly", t.scope_failed)]) }
        </fieldset>
    }
}

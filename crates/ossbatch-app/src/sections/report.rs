//! The completion report.

use yew::prelude::*;

use crate::fields::{checkbox, input, issues_at, select, InputKind, SectionProps};
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
    html! {
        <fieldset class="section" id="section-report">
            <legend>{ "Completion report" }</legend>
            <p class="help">{ "A Complete job may still have failed tasks: the report is the record of what happened to each object." }</p>
            { checkbox("Report.Enabled", "Write a report", enabled, on_toggle, &all) }
            { input(props, Field::ReportBucket, "Report bucket", "Must be in the job's region.", InputKind::Text, "report-bucket") }
            { input(props, Field::ReportPrefix, "Report prefix", "", InputKind::Text, "batch-reports/") }
            { select(props, Field::ReportScope, "Report scope", "",
                &[("", "Not set (AllTasks)"), ("AllTasks", "All tasks"), ("FailedTasksOnly", "Failed tasks only")]) }
        </fieldset>
    }
}

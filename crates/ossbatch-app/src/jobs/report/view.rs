//! What the Report panel shows of a read report: counts, failure groups with causes and fixes, the
//! layout as read with a column picker over the first rows, damage and assumptions.

use ossbatch_core::report::Column;
use ossbatch_core::Lang;
use yew::prelude::*;

use super::Read;
use crate::i18n::{fill, texts};

pub(super) fn summary_view(
    read: &Read,
    lang: Lang,
    on_pick: &Callback<Vec<Column>>,
    on_role: &Callback<MouseEvent>,
) -> Html {
    let t = texts(lang);
    let summary = &read.summary;
    let layout = summary.layout.columns.clone();
    // One picker per column over the first rows: choosing another name reads the report again with
    // the corrected layout.
    let picker = |index: usize, current: Column| {
        let (on_pick, layout) = (on_pick.clone(), layout.clone());
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(chosen) = Column::ALL.iter().find(|c| c.as_str() == select.value()) {
                let mut corrected = layout.clone();
                corrected[index] = *chosen;
                on_pick.emit(corrected);
            }
        });
        html! {
            <th>
                <select class="report-column" data-index={index.to_string()} aria-label={fill(t.report_column_n, &[&(index + 1)])} {onchange}>
                    { for Column::ALL.iter().map(|c| html! { <option value={c.as_str()} selected={*c == current}>{ c.as_str() }</option> }) }
                </select>
            </th>
        }
    };
    html! {
        <div id="report-summary" data-elapsed-ms={format!("{:.0}", read.elapsed_ms)}>
            <p id="report-counts" role="status">{ fill(t.report_counts, &[&summary.tasks, &summary.succeeded, &summary.failed]) }</p>
            if !summary.groups.is_empty() {
                <table id="report-groups" class="report-groups">
                    <caption>{ t.failure_groups }</caption>
                    <thead><tr><th>{ t.group_code }</th><th>{ "HTTP" }</th><th>{ t.group_count }</th><th>{ t.group_examples }</th><th>{ t.group_cause }</th></tr></thead>
                    <tbody>
                        { for summary.groups.iter().map(|group| html! {
                            <tr class="report-group" data-code={group.error_code.clone().unwrap_or_default()}>
                                <td translate="no"><code>{ group.error_code.clone().unwrap_or_else(|| "-".into()) }</code></td>
                                <td>{ group.http_status.map(|s| s.to_string()).unwrap_or_default() }</td>
                                <td>{ format!("{} ({:.0}%)", group.count, group.share * 100.0) }</td>
                                <td translate="no">{ group.sample_keys.join(", ") }</td>
                                <td>{ match group.fix {
                                    Some(fix) => html! { <>
                                        <p class="report-cause">{ fix.cause.get(lang) }</p>
                                        <p class="report-fix">{ fix.fix.get(lang) }</p>
                                        if fix.role_policy {
                                            <button type="button" class="link report-role-link" onclick={on_role.clone()}>{ t.report_open_role }</button>
                                        }
                                    </> },
                                    None => html! { <p class="help">{ t.cause_unknown }</p> },
                                } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            if summary.damaged_rows > 0 {
                <div id="report-damaged" class="notice-inline">
                    <p>{ fill(t.damaged_rows, &[&summary.damaged_rows]) }</p>
                    <ul>{ for summary.damaged.iter().map(|d| html! { <li translate="no">{ d.to_string() }</li> }) }</ul>
                </div>
            }
            if !summary.first_rows.is_empty() {
                <table id="report-first-rows" class="report-first-rows">
                    <caption>{ t.report_first_rows }</caption>
                    <thead><tr>{ for layout.iter().enumerate().map(|(i, c)| picker(i, *c)) }</tr></thead>
                    <tbody>{ for summary.first_rows.iter().map(|row| html! {
                        <tr translate="no">{ for row.iter().map(|field| html! { <td>{ field }</td> }) }</tr>
                    }) }</tbody>
                </table>
            }
            <ul id="report-assumptions" class="help">
                { for summary.assumptions.iter().map(|a| html! { <li>{ a }</li> }) }
            </ul>
        </div>
    }
}

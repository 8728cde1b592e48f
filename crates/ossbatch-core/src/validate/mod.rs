//! Validation: every rule of CreateJob.md and decisions.md, all issues at once, in document order.

mod manifest;
pub mod names;
mod operation;

use crate::issue::Issue;
use crate::model::*;
use crate::rules;

use manifest::{check_generator, check_manifest, check_manifest_source};
use names::{check_bucket, check_prefix_start, check_text, required_text};
use operation::check_operation;

// The limits live in `crate::limits`; these names are what this module's checks read.
pub use crate::limits::{
    DESCRIPTION_MAX, PRIORITY_MAX, RESTORE_DAYS_ARCHIVE_MAX, RESTORE_DAYS_MAX,
    TAGS_MAX as MAX_TAGS, TOKEN_MAX, VALIDATION_ISSUES_LISTED,
};

/// What validation needs to know beyond the request itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidateOptions {
    /// The region the job will be created in (`cn-hangzhou`); checked when given.
    pub region: Option<String>,
}

/// Validates a draft request.
pub fn validate(request: &CreateJobRequest) -> Vec<Issue> {
    validate_with(request, &ValidateOptions::default())
}

/// Validates a draft request and, when given, the region it will be submitted to.
pub fn validate_with(request: &CreateJobRequest, options: &ValidateOptions) -> Vec<Issue> {
    let mut out = Vec::new();
    check_operation(&mut out, request.operation.as_ref());
    check_report(&mut out, request.report.as_ref());
    check_token(&mut out, request.client_request_token.as_deref());
    check_manifest_source(&mut out, request);
    if let Some(manifest) = &request.manifest {
        check_manifest(&mut out, manifest);
    }
    if let Some(generator) = &request.key_prefix_manifest_generator {
        check_generator(&mut out, generator);
    }
    check_description(&mut out, request.description.as_deref());
    check_priority(&mut out, request.priority);
    check_role_arn(&mut out, request.role_arn.as_deref());
    if let Some(region) = &options.region {
        names::check_region(&mut out, region);
    }
    truncate(out)
}

fn truncate(mut out: Vec<Issue>) -> Vec<Issue> {
    if out.len() > VALIDATION_ISSUES_LISTED {
        let total = out.len();
        out.truncate(VALIDATION_ISSUES_LISTED);
        out.push(
            Issue::new(
                &rules::ISSUES_TRUNCATED,
                "",
                format!("{total} issues were found; only the first {VALIDATION_ISSUES_LISTED} are listed."),
            )
            .with("total", total)
            .with("shown", VALIDATION_ISSUES_LISTED),
        );
    }
    out
}

fn check_report(out: &mut Vec<Issue>, report: Option<&Report>) {
    let Some(report) = report else {
        out.push(Issue::new(
            &rules::REPORT_MISSING,
            "Report",
            "Report is required; set Report.Enabled to false if you want no report.",
        ));
        return;
    };
    match (&report.bucket, report.enabled) {
        (Some(bucket), _) => {
            check_text(out, "Report.Bucket", bucket);
            check_bucket(out, "Report.Bucket", bucket);
        }
        (None, Some(true)) => out.push(Issue::new(
            &rules::REPORT_BUCKET_MISSING,
            "Report.Bucket",
            "Report.Bucket is required when Report.Enabled is true.",
        )),
        (None, _) => {}
    }
    if report.enabled.is_none() {
        out.push(Issue::new(
            &rules::REPORT_ENABLED_MISSING,
            "Report.Enabled",
            "Report.Enabled is required: true or false.",
        ));
    }
    if let Some(prefix) = &report.prefix {
        check_text(out, "Report.Prefix", prefix);
        check_prefix_start(out, "Report.Prefix", prefix);
        if !prefix.is_empty() && !prefix.ends_with('/') {
            out.push(
                Issue::new(
                    &rules::REPORT_PREFIX_SLASH,
                    "Report.Prefix",
                    format!("Report.Prefix \"{prefix}\" does not end in /; reports will be named {prefix}<job-id>... rather than stored under {prefix}/."),
                )
                .with("value", prefix.as_str()),
            );
        }
    }
    if let Some(scope) = &report.report_scope {
        if !known::REPORT_SCOPES.contains(&scope.as_str()) {
            out.push(
                Issue::new(
                    &rules::REPORT_SCOPE_VALUE,
                    "Report.ReportScope",
                    format!(
                        "Report.ReportScope must be AllTasks or FailedTasksOnly; got \"{scope}\"."
                    ),
                )
                .with("value", scope.as_str())
                .with("allowed", known::REPORT_SCOPES.to_vec()),
            );
        }
    }
}

fn check_token(out: &mut Vec<Issue>, token: Option<&str>) {
    const PATH: &str = "ClientRequestToken";
    let Some(token) = required_text(
        out,
        token,
        &rules::TOKEN_MISSING,
        PATH,
        "ClientRequestToken is required: 1 to 64 characters that identify this job, so a retry never creates a second job.",
    ) else {
        return;
    };
    let length = token.chars().count();
    if length == 0 || length > TOKEN_MAX {
        out.push(
            Issue::new(
                &rules::TOKEN_LENGTH,
                PATH,
                format!(
                    "ClientRequestToken must be 1 to {TOKEN_MAX} characters long; it has {length}."
                ),
            )
            .with_range(1, TOKEN_MAX, length),
        );
    }
}

fn check_description(out: &mut Vec<Issue>, description: Option<&str>) {
    let Some(description) = description else {
        return;
    };
    check_text(out, "Description", description);
    let length = description.chars().count();
    if length > DESCRIPTION_MAX {
        out.push(
            Issue::new(
                &rules::DESCRIPTION_LENGTH,
                "Description",
                format!("Description has {length} characters; keep it to {DESCRIPTION_MAX}."),
            )
            .with_max(DESCRIPTION_MAX, length),
        );
    }
}

fn check_priority(out: &mut Vec<Issue>, priority: Option<i64>) {
    match priority {
        None => out.push(Issue::new(
            &rules::PRIORITY_MISSING,
            "Priority",
            format!(
                "Priority is required: an integer from 0 to {PRIORITY_MAX}; higher runs first."
            ),
        )),
        Some(value) if !(0..=PRIORITY_MAX).contains(&value) => out.push(
            Issue::new(
                &rules::PRIORITY_RANGE,
                "Priority",
                format!("Priority must be an integer from 0 to {PRIORITY_MAX}; got {value}."),
            )
            .with_range(0, PRIORITY_MAX, value),
        ),
        Some(_) => {}
    }
}

fn check_role_arn(out: &mut Vec<Issue>, arn: Option<&str>) {
    const PATH: &str = "RoleArn";
    let Some(arn) = required_text(
        out,
        arn,
        &rules::ROLE_ARN_MISSING,
        PATH,
        "RoleArn is required: the RAM role OSS assumes to run the job, like acs:ram::<account-id>:role/<role-name>.",
    ) else {
        return;
    };
    match names::parse_role_arn(arn) {
        None => out.push(
            Issue::new(
                &rules::ROLE_ARN_FORMAT,
                PATH,
                format!("RoleArn \"{arn}\" must look like acs:ram::<account-id>:role/<role-name>."),
            )
            .with("value", arn),
        ),
        Some(parts) if !parts.account.chars().all(|c| c.is_ascii_digit()) => out.push(
            Issue::new(
                &rules::ROLE_ARN_ACCOUNT,
                PATH,
                format!(
                    "The account \"{}\" in RoleArn is not a numeric account id; replace the placeholder with your Alibaba Cloud account id.",
                    parts.account
                ),
            )
            .with("account", parts.account),
        ),
        Some(_) => {}
    }
}

//! Job management: the four requests equal the official SDK's signatures (V4 and V1), the allowed
//! status transitions, and lenient parsing of realistic responses.

use ossbatch_core::api::jobs::*;
use ossbatch_core::api::SigningParams;
use ossbatch_core::*;
use serde_json::Value;

const VECTORS: &str = include_str!("../../../tests/fixtures/signing-vectors.json");

fn signed_for(vector: &Value) -> SignedRequest {
    let name = vector["name"].as_str().unwrap();
    let query: Vec<(String, String)> = vector["query"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let get = |key: &str| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let version = if vector["version"] == "v4" {
        SignatureVersion::V4
    } else {
        SignatureVersion::V1
    };
    let token = vector["security_token"]
        .as_str()
        .map(str::to_string)
        .or_else(|| {
            vector["headers_before"]
                .as_array()
                .unwrap()
                .iter()
                .find(|h| h[0] == "x-oss-security-token")
                .map(|h| h[1].as_str().unwrap().to_string())
        });
    let mut credentials = Credentials::new(
        vector["access_key_id"].as_str().unwrap(),
        vector["access_key_secret"].as_str().unwrap(),
    );
    credentials.security_token = token;
    let params = SigningParams {
        region: vector["region"].as_str().unwrap(),
        endpoint: None,
        credentials: &credentials,
        signed_at: SigningTime::from_unix_seconds(vector["signed_at"].as_i64().unwrap()).unwrap(),
        version,
    };
    let job_id = get("batchJobId").unwrap_or_default();
    if name.starts_with("describe-job") {
        build_describe_job(&job_id, &params)
    } else if name.starts_with("list-jobs") {
        let input = ListJobsInput {
            statuses: get("batchJobStatuses")
                .map(|s| s.split('|').map(str::to_string).collect())
                .unwrap_or_default(),
            max_keys: get("max-keys").map(|m| m.parse().unwrap()),
            continuation_token: get("continuation-token"),
        };
        build_list_jobs(&input, &params)
    } else if name.starts_with("update-job-status") {
        build_update_job_status(
            &job_id,
            &get("requestedJobStatus").unwrap(),
            get("statusUpdateReason").as_deref(),
            &params,
        )
    } else {
        build_update_job_priority(
            &job_id,
            get("targetPriority").unwrap().parse().unwrap(),
            &params,
        )
    }
    .unwrap()
}

#[test]
fn job_requests_equal_the_official_sdk_signatures() {
    let file: Value = serde_json::from_str(VECTORS).unwrap();
    let mut checked = 0;
    for vector in file["vectors"].as_array().unwrap() {
        let name = vector["name"].as_str().unwrap();
        if name.starts_with("create-job") || name.starts_with("signer") {
            continue;
        }
        let signed = signed_for(vector);
        assert_eq!(signed.url, vector["url"].as_str().unwrap(), "{name}");
        assert_eq!(
            signed.inspector.string_to_sign,
            vector["expected"]["string_to_sign"].as_str().unwrap(),
            "{name}"
        );
        let mut ours: Vec<(String, String)> = signed.headers.into_iter().collect();
        ours.sort_by_key(|(k, _)| k.to_ascii_lowercase());
        let theirs: Vec<(String, String)> = vector["expected"]["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        assert_eq!(ours, theirs, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 8, "four requests, V4 and V1");
}

#[test]
fn status_transitions_follow_the_api() {
    for current in ["Suspended", "Preparing"] {
        assert_eq!(transition_refusal(current, "Ready"), None);
    }
    for current in ["Active", "New", "Ready", "Paused", "Complete", "Cancelled"] {
        assert!(transition_refusal(current, "Ready").is_some(), "{current}");
    }
    for current in [
        "Cancelled",
        "Cancelling",
        "Complete",
        "Completing",
        "Failed",
        "Failing",
    ] {
        assert!(
            transition_refusal(current, "Cancelled").is_some(),
            "{current}"
        );
    }
    for current in [
        "Active",
        "New",
        "Paused",
        "Pausing",
        "Preparing",
        "Ready",
        "Suspended",
    ] {
        assert_eq!(transition_refusal(current, "Cancelled"), None, "{current}");
    }
    assert!(
        validate_update_job_status("id", Some("Suspended"), "Ready", Some("confirmed")).is_empty()
    );
    assert!(validate_update_job_status("id", None, "Cancelled", Some(&"r".repeat(256))).is_empty());
    assert!(
        !validate_update_job_status("id", None, "Cancelled", Some(&"r".repeat(257))).is_empty()
    );
    assert!(validate_update_job_priority("id", 2_147_483_647).is_empty());
    assert!(validate_list_jobs(&ListJobsInput {
        statuses: vec!["Active".into(), "Suspended".into()],
        max_keys: Some(1000),
        continuation_token: None
    })
    .is_empty());
}

#[test]
fn parses_describe_job_with_progress_failures_and_unknown_children() {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<DescribeJobResult>
  <Job>
    <ConfirmationRequired>true</ConfirmationRequired>
    <CreationTime>1749983400</CreationTime>
    <FailureReasons>
      <JobFailure><FailureCode>ManifestNotFound</FailureCode><FailureReason>no manifest</FailureReason></JobFailure>
    </FailureReasons>
    <JobId>MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=</JobId>
    <Operation><PutObjectTagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></PutObjectTagging></Operation>
    <Report><Bucket>report-bucket</Bucket><Enabled>true</Enabled><Prefix>reports/</Prefix><ReportScope>AllTasks</ReportScope></Report>
    <Priority>10</Priority>
    <ProgressSummary><TotalNumberOfTasks>100</TotalNumberOfTasks><NumberOfTasksSucceeded>97</NumberOfTasksSucceeded><NumberOfTasksFailed>3</NumberOfTasksFailed><Timers>x</Timers></ProgressSummary>
    <Status>Complete</Status>
    <StatusUpdateReason>done</StatusUpdateReason>
    <TerminationDate>1749990000</TerminationDate>
    <SomethingNew>kept</SomethingNew>
  </Job>
</DescribeJobResult>"#;
    let job = parse_describe_job_response(200, body).unwrap();
    assert_eq!(job.job_id, "MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=");
    assert_eq!(job.status.as_deref(), Some("Complete"));
    assert_eq!(job.creation_time, Some(1_749_983_400));
    assert_eq!(job.operation.as_deref(), Some("PutObjectTagging"));
    assert_eq!(job.report_bucket.as_deref(), Some("report-bucket"));
    let progress = job.progress_summary.unwrap();
    assert_eq!(
        (
            progress.total_number_of_tasks,
            progress.number_of_tasks_succeeded,
            progress.number_of_tasks_failed
        ),
        (Some(100), Some(97), Some(3))
    );
    assert_eq!(progress.other["Timers"], "x");
    assert_eq!(job.failure_reasons.len(), 1);
    assert_eq!(job.other["SomethingNew"], "kept");
    // FailureReasons present but empty on success.
    let empty = body.replace(
        "<JobFailure><FailureCode>ManifestNotFound</FailureCode><FailureReason>no manifest</FailureReason></JobFailure>",
        "",
    );
    assert!(parse_describe_job_response(200, &empty)
        .unwrap()
        .failure_reasons
        .is_empty());
    // Every status reads back.
    for status in JOB_STATUSES {
        let body = format!("<DescribeJobResult><Job><JobId>j</JobId><Status>{status}</Status></Job></DescribeJobResult>");
        assert_eq!(
            parse_describe_job_response(200, &body)
                .unwrap()
                .status
                .as_deref(),
            Some(status)
        );
    }
    assert!(matches!(
        parse_describe_job_response(200, "<DescribeJobResult><Job/></DescribeJobResult>"),
        Err(ResponseError::Unexpected { .. })
    ));
    assert!(matches!(
        parse_describe_job_response(
            404,
            "<Error><Code>NoSuchJob</Code><Message>m</Message></Error>"
        ),
        Err(ResponseError::Oss { .. })
    ));
}

#[test]
fn parses_list_jobs_and_updates() {
    let body = "<ListJobsResult><Jobs><Job><JobId>a</JobId><Status>Active</Status></Job><Job><JobId>b</JobId><Status>Suspended</Status><Priority>5</Priority></Job></Jobs><NextToken>t2</NextToken></ListJobsResult>";
    let list = parse_list_jobs_response(200, body).unwrap();
    assert_eq!(
        list.jobs
            .iter()
            .map(|j| j.job_id.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(list.jobs[1].priority, Some(5));
    assert_eq!(list.next_token.as_deref(), Some("t2"));
    assert!(parse_list_jobs_response(200, "<ListJobsResult/>")
        .unwrap()
        .jobs
        .is_empty());
    let status = parse_update_job_status_response(200, "<UpdateJobStatusResult><JobId>a</JobId><Status>Ready</Status><StatusUpdateReason>ok</StatusUpdateReason></UpdateJobStatusResult>").unwrap();
    assert_eq!(
        (status.job_id.as_str(), status.status.as_deref()),
        ("a", Some("Ready"))
    );
    let priority = parse_update_job_priority_response(
        200,
        "<UpdateJobPriorityResult><JobId>a</JobId><Priority>7</Priority></UpdateJobPriorityResult>",
    )
    .unwrap();
    assert_eq!(priority.priority, Some(7));
    assert!(parse_update_job_priority_response(200, "<UpdateJobPriorityResult/>").is_err());
}

const SAMPLE_REQUEST: &str = include_str!("../../../tests/fixtures/createjob-sample-request.xml");

/// A DescribeJob response carrying the sample request's settings, as OSS returns them around a `<Job>`.
fn describe_of_sample(extra: &str) -> String {
    let inner = SAMPLE_REQUEST
        .split_once("<CreateJobRequest>")
        .unwrap()
        .1
        .split_once("</CreateJobRequest>")
        .unwrap()
        .0
        .replace(
            "<ClientRequestToken>unique-token-123</ClientRequestToken>",
            "",
        );
    format!(
        "<DescribeJobResult><Job><JobId>j-1</JobId><Status>Complete</Status><CreationTime>1749983400</CreationTime>\
         <FailureReasons/><ProgressSummary><TotalNumberOfTasks>1</TotalNumberOfTasks></ProgressSummary>{inner}{extra}</Job></DescribeJobResult>"
    )
}

#[test]
fn clones_a_described_job_into_a_new_draft_with_a_new_token() {
    let cloned = clone_described_job(200, &describe_of_sample(""), "new-token").unwrap();
    let mut expected = from_xml(SAMPLE_REQUEST).unwrap();
    expected.client_request_token = Some("new-token".into());
    assert_eq!(cloned.request, expected);
    assert!(cloned.left_out.is_empty(), "{:?}", cloned.left_out);
    assert!(validate(&cloned.request)
        .iter()
        .all(|issue| issue.severity != Severity::Error));
}

#[test]
fn cloning_leaves_out_what_it_cannot_read_and_says_so() {
    // An Operation child this builder does not know: the Operation is left out and named; the rest is kept.
    let body = describe_of_sample("").replace(
        "<Operation>",
        "<Operation><PutObjectRetention><Mode>x</Mode></PutObjectRetention>",
    );
    let cloned = clone_described_job(200, &body, "t").unwrap();
    assert_eq!(cloned.request.operation, None);
    assert_eq!(cloned.left_out.len(), 1);
    assert!(
        cloned.left_out[0].contains("Operation.PutObjectRetention"),
        "{}",
        cloned.left_out[0]
    );
    assert_eq!(cloned.request.priority, Some(10));
    assert!(cloned.request.manifest.is_some());
    assert_eq!(cloned.request.client_request_token.as_deref(), Some("t"));
    // Not a job, or an error: no draft.
    assert!(
        clone_described_job(200, "<DescribeJobResult><Job/></DescribeJobResult>", "t").is_err()
    );
    assert!(matches!(
        clone_described_job(
            403,
            "<Error><Code>AccessDenied</Code><Message>m</Message></Error>",
            "t"
        ),
        Err(ResponseError::Oss { .. })
    ));
}

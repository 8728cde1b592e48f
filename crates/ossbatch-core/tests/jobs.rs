//! Job management: the four requests equal the official SDK's signatures (V4 and V1), the allowed
//! status transitions, and the response readers over the fixtures in `tests/fixtures/responses/`
//! (documents shaped as the live service sends them; see the README there).

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
                .map(|s| s.split('|').map(JobStatus::from).collect())
                .unwrap_or_default(),
            max_keys: get("max-keys").map(|m| m.parse().unwrap()),
            continuation_token: get("continuation-token"),
        };
        build_list_jobs(&input, &params)
    } else if name.starts_with("update-job-status") {
        build_update_job_status(
            &job_id,
            &JobStatus::from(get("requestedJobStatus").unwrap()),
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
    assert_eq!(
        checked, 14,
        "four requests, V4 and V1, with and without optional parameters"
    );
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
    assert!(validate_update_job_status(
        "id",
        Some(&JobStatus::Suspended),
        &JobStatus::Ready,
        Some("confirmed")
    )
    .is_empty());
    assert!(
        validate_update_job_status("id", None, &JobStatus::Cancelled, Some(&"r".repeat(256)))
            .is_empty()
    );
    assert!(
        !validate_update_job_status("id", None, &JobStatus::Cancelled, Some(&"r".repeat(257)))
            .is_empty()
    );
    let refused =
        validate_update_job_status("id", Some(&JobStatus::Active), &JobStatus::Ready, None);
    assert_eq!(refused[0].code, "job.status_transition");
    assert!(validate_update_job_priority("id", 2_147_483_647).is_empty());
    assert!(validate_list_jobs(&ListJobsInput {
        statuses: vec![JobStatus::Active, JobStatus::Suspended],
        max_keys: Some(1000),
        continuation_token: Some("t".repeat(1024))
    })
    .is_empty());
    let bad = validate_list_jobs(&ListJobsInput {
        statuses: vec![JobStatus::from("Running")],
        max_keys: Some(0),
        continuation_token: Some("t".repeat(1025)),
    });
    let codes: Vec<&str> = bad.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "job.status_filter_value",
            "job.max_keys_range",
            "job.continuation_token_length"
        ]
    );
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn list_jobs_reads_job_list_descriptors_with_text_operations() {
    let list = parse_list_jobs_response(200, &fixture("list-jobs.xml")).unwrap();
    assert_eq!(list.next_token.as_deref(), Some("OTY2NzU4"));
    assert_eq!(list.jobs.len(), 3);
    let first = &list.jobs[0];
    assert_eq!(first.job_id, "OTliNzRjYzE3OGM0NDlmZmI5MzZlZmQ0OGUxZDA5Zjk=");
    assert_eq!(first.operation.as_deref(), Some("DeleteObjectTagging"));
    assert_eq!(first.status, Some(JobStatus::Failed));
    assert_eq!(first.priority, Some(20));
    assert_eq!(first.creation_time, Some(1_785_825_069));
    assert_eq!(first.termination_date, Some(1_785_825_076));
    assert_eq!(
        first.description.as_deref(),
        Some("Batch delete object tagging job")
    );
    let progress = first.progress_summary.as_ref().unwrap();
    assert_eq!(progress.total_number_of_tasks, Some(-1));
    assert_eq!(progress.number_of_tasks_succeeded, Some(-1));
    assert_eq!(progress.number_of_tasks_failed, Some(-1));
    assert!(progress.is_counting());
    assert_eq!(progress.total(), None, "-1 is not a count");
    assert_eq!(progress.elapsed_active_seconds(), Some(0));
    assert!(first.other.is_empty(), "{:?}", first.other);
    let ops: Vec<_> = list
        .jobs
        .iter()
        .map(|j| j.operation.as_deref().unwrap())
        .collect();
    assert_eq!(ops, ["DeleteObjectTagging", "PutObjectAcl", "PutObjectAcl"]);
    let third = list.jobs[2].progress_summary.as_ref().unwrap();
    assert_eq!(
        (third.total(), third.succeeded(), third.failed()),
        (Some(3), Some(0), Some(3))
    );
    assert_eq!(third.elapsed_active_seconds(), Some(9));
    assert!(!third.is_counting());
}

#[test]
fn list_jobs_variants_last_page_empty_running_and_token_after_jobs() {
    let last = parse_list_jobs_response(200, &fixture("list-jobs-last-page.xml")).unwrap();
    assert_eq!(last.jobs.len(), 1);
    assert_eq!(
        last.next_token, None,
        "an empty NextToken means the last page"
    );
    let empty = parse_list_jobs_response(200, &fixture("list-jobs-empty.xml")).unwrap();
    assert!(empty.jobs.is_empty());
    assert_eq!(empty.next_token, None);
    let running = parse_list_jobs_response(200, &fixture("list-jobs-running.xml")).unwrap();
    assert_eq!(running.jobs[0].status, Some(JobStatus::Active));
    assert_eq!(running.jobs[0].termination_date, None);
    let suspended = running.jobs[1].progress_summary.as_ref().unwrap();
    assert!(suspended.is_counting());
    assert_eq!(suspended.timers, None);
    // NextToken after Jobs, an absent NextToken, an unknown child and an unknown status.
    let after = fixture("list-jobs.xml")
        .replace("<NextToken>OTY2NzU4</NextToken>", "")
        .replace(
            "</Jobs>",
            "</Jobs><NextToken>next</NextToken><Marker>m</Marker>",
        )
        .replace(
            "<Status>Complete</Status>",
            "<Status>Archiving</Status><Region>cn-hangzhou</Region>",
        );
    let list = parse_list_jobs_response(200, &after).unwrap();
    assert_eq!(list.jobs.len(), 3);
    assert_eq!(list.next_token.as_deref(), Some("next"));
    assert_eq!(
        list.jobs[1].status,
        Some(JobStatus::Unknown("Archiving".into()))
    );
    assert_eq!(list.jobs[1].other["Region"], "cn-hangzhou");
    let absent = fixture("list-jobs.xml").replace("<NextToken>OTY2NzU4</NextToken>", "");
    assert_eq!(
        parse_list_jobs_response(200, &absent).unwrap().next_token,
        None
    );
    // The invented <Job> shape is not what the service sends; it is not read as entries.
    assert!(parse_list_jobs_response(
        200,
        "<ListJobsResult><Jobs><Job><JobId>a</JobId></Job></Jobs></ListJobsResult>"
    )
    .unwrap()
    .jobs
    .is_empty());
}

#[test]
fn list_jobs_json_keeps_the_service_names_and_minus_one() {
    let list = parse_list_jobs_response(200, &fixture("list-jobs.xml")).unwrap();
    let json = serde_json::to_value(&list).unwrap();
    assert_eq!(json["NextToken"], "OTY2NzU4");
    assert_eq!(json["Jobs"][0]["Operation"], "DeleteObjectTagging");
    assert_eq!(json["Jobs"][0]["Status"], "Failed");
    assert_eq!(json["Jobs"][0]["ProgressSummary"]["TotalNumberOfTasks"], -1);
    assert_eq!(
        json["Jobs"][1]["ProgressSummary"]["Timers"]["ElapsedTimeInActiveSeconds"],
        8
    );
}

#[test]
fn describe_job_reads_the_whole_job() {
    let job = parse_describe_job_response(200, &fixture("describe-job.xml")).unwrap();
    assert_eq!(job.job_id, "MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=");
    assert_eq!(job.confirmation_required, Some(false));
    assert_eq!(job.creation_time, Some(1_749_983_400));
    assert_eq!(job.termination_date, Some(1_749_987_000));
    assert_eq!(job.status, Some(JobStatus::Complete));
    assert_eq!(job.description.as_deref(), Some("批量恢复归档对象任务"));
    assert_eq!(job.priority, Some(10));
    assert_eq!(
        job.role_arn.as_deref(),
        Some("arn:acs:ram::uid:role/BatchOperationRole")
    );
    assert_eq!(
        job.status_update_reason.as_deref(),
        Some("Task completed successfully")
    );
    assert_eq!(job.operation_name.as_deref(), Some("RestoreObject"));
    let restore = job
        .operation
        .as_ref()
        .unwrap()
        .restore_object
        .as_ref()
        .unwrap();
    assert_eq!(
        (restore.days, restore.tier.as_deref()),
        (Some(7), Some("Standard"))
    );
    let report = job.report.as_ref().unwrap();
    assert_eq!(report.bucket.as_deref(), Some("report-bucket"));
    assert_eq!(report.enabled, Some(true));
    assert_eq!(report.prefix.as_deref(), Some("reports/"));
    assert_eq!(report.report_scope.as_deref(), Some("AllTasks"));
    let location = job.manifest.as_ref().unwrap().location.as_ref().unwrap();
    assert_eq!(
        location.etag.as_deref(),
        Some("d41d8cd98f00b204e9800998ecf8427e")
    );
    assert_eq!(
        location.version_id.as_deref(),
        Some("3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo")
    );
    let spec = job.manifest.as_ref().unwrap().spec.as_ref().unwrap();
    assert_eq!(spec.fields.as_deref(), Some("Bucket,Key"));
    let progress = job.progress_summary.as_ref().unwrap();
    assert_eq!(
        (progress.total(), progress.succeeded(), progress.failed()),
        (Some(1000), Some(1000), Some(0))
    );
    assert_eq!(progress.elapsed_active_seconds(), Some(3600));
    assert!(job.failure_reasons.is_empty());
    assert!(job.other.is_empty() && job.unreadable.is_empty(), "{job:?}");
}

#[test]
fn describe_job_variants_failed_suspended_and_many_failures() {
    let minimal =
        parse_describe_job_response(200, &fixture("describe-job-failed-minimal.xml")).unwrap();
    assert_eq!(minimal.job_id, "testJob123");
    assert_eq!(minimal.status, Some(JobStatus::Failed));
    let generator = minimal.key_prefix_manifest_generator.as_ref().unwrap();
    assert_eq!(generator.source_bucket.as_deref(), Some("source-bucket"));
    assert_eq!(generator.prefix.as_deref(), Some("data/"));
    assert_eq!(
        minimal.failure_reasons,
        [JobFailure {
            failure_code: Some("InternalError".into()),
            failure_reason: Some("Internal service error".into())
        }]
    );

    let failed = parse_describe_job_response(200, &fixture("describe-job-failed.xml")).unwrap();
    assert_eq!(
        failed.operation_name.as_deref(),
        Some("DeleteObjectTagging")
    );
    assert!(failed
        .operation
        .as_ref()
        .unwrap()
        .delete_object_tagging
        .is_some());
    assert!(failed.progress_summary.as_ref().unwrap().is_counting());
    assert_eq!(failed.failure_reasons.len(), 1);

    let suspended =
        parse_describe_job_response(200, &fixture("describe-job-suspended.xml")).unwrap();
    assert_eq!(suspended.status, Some(JobStatus::Suspended));
    assert!(suspended.status.as_ref().unwrap().can_confirm());
    assert_eq!(suspended.termination_date, None);
    let progress = suspended.progress_summary.as_ref().unwrap();
    assert!(progress.is_counting() && progress.timers.is_none());

    // Any number of JobFailure entries; unknown children kept; a non-numeric time kept as text.
    let many = fixture("describe-job-failed.xml")
        .replace(
            "</JobFailure>",
            "</JobFailure><JobFailure><FailureCode>ManifestNotFound</FailureCode><FailureReason>gone</FailureReason></JobFailure>",
        )
        .replace("<TerminationDate>1785825076</TerminationDate>", "<TerminationDate>soon</TerminationDate><Kind>x</Kind>");
    let job = parse_describe_job_response(200, &many).unwrap();
    assert_eq!(job.failure_reasons.len(), 2);
    assert_eq!(
        job.failure_reasons[1].failure_code.as_deref(),
        Some("ManifestNotFound")
    );
    assert_eq!(job.termination_date, None);
    assert_eq!(job.other["TerminationDate"], "soon");
    assert_eq!(job.other["Kind"], "x");
    // An operation this version cannot read keeps its name and says why.
    let future =
        fixture("describe-job.xml").replace("<Days>7</Days>", "<Days>7</Days><Speed>fast</Speed>");
    let job = parse_describe_job_response(200, &future).unwrap();
    assert_eq!(job.operation, None);
    assert_eq!(job.operation_name.as_deref(), Some("RestoreObject"));
    assert_eq!(job.unreadable.len(), 1, "{:?}", job.unreadable);
    // Every status reads back; errors are errors.
    for status in JobStatus::values() {
        let body = format!("<DescribeJobResult><Job><JobId>j</JobId><Status>{status}</Status></Job></DescribeJobResult>");
        assert_eq!(
            parse_describe_job_response(200, &body)
                .unwrap()
                .status
                .unwrap()
                .as_str(),
            *status
        );
    }
    assert!(matches!(
        parse_describe_job_response(200, "<DescribeJobResult><Job/></DescribeJobResult>"),
        Err(ResponseError::Unexpected { .. })
    ));
    let error = parse_describe_job_response(404, &fixture("error-no-such-bucket.xml")).unwrap_err();
    match error {
        ResponseError::Oss { status, error } => {
            assert_eq!(status, 404);
            assert_eq!(error.code, "NoSuchBucket");
            assert_eq!(error.ec.as_deref(), Some("0015-00000101"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn update_responses() {
    let status = parse_update_job_status_response(200, &fixture("update-job-status.xml")).unwrap();
    assert_eq!(
        status.job_id,
        "MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU="
    );
    assert_eq!(status.status, Some(JobStatus::Cancelling));
    assert_eq!(
        status.status_update_reason.as_deref(),
        Some("User requested cancellation")
    );
    let priority =
        parse_update_job_priority_response(200, &fixture("update-job-priority.xml")).unwrap();
    assert_eq!(priority.priority, Some(20));
    assert!(parse_update_job_priority_response(200, "<UpdateJobPriorityResult/>").is_err());
    assert!(matches!(
        parse_update_job_status_response(403, &fixture("error-access-denied.xml")),
        Err(ResponseError::Oss { .. })
    ));
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

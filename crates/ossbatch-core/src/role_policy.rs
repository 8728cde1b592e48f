//! The RAM policies a job needs (issue #13): the trust policy of the role the job runs as, a
//! least-privilege permission policy for that role built from the request, and the policy of the RAM
//! user who submits and manages jobs. Facts and sources: oss-facts.md, "The RAM role a job runs as".
//!
//! Least privilege means: only the actions the chosen operation needs (version-aware variants only when
//! the manifest names versions), each on exactly the resources the request names — the manifest object,
//! the report prefix, the generator's source prefix, the target objects. Never `oss:*`, never `*` as a
//! resource. What the request does not say (a manifest's buckets before the file is checked, a missing
//! bucket name) becomes a placeholder in angle brackets, which no bucket name can contain, and is listed
//! in [`RolePolicies::placeholders`].

use serde::Serialize;
use serde_json::{json, Value};

use crate::model::{CreateJobRequest, Operation};
use crate::validate::names::parse_role_arn;

/// The service OSS Batch Operations runs as, the trusted principal of the job's role.
pub const OSS_SERVICE_PRINCIPAL: &str = "oss.aliyuncs.com";

/// The job API's actions, for the caller's policy (one per call of the job API family).
pub const JOB_API_ACTIONS: [&str; 5] = [
    "oss:CreateJob",
    "oss:DescribeJob",
    "oss:ListJobs",
    "oss:UpdateJobStatus",
    "oss:UpdateJobPriority",
];

/// Placeholder for the buckets a manifest file names, until the file is checked.
pub const MANIFEST_BUCKETS_PLACEHOLDER: &str = "<buckets-named-in-the-manifest>";

/// One policy document with a one-line explanation per statement (same order).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExplainedPolicy {
    /// The document as RAM takes it: `{"Version": "1", "Statement": [...]}`.
    pub document: Value,
    /// Why each statement is there, in the statements' order.
    pub explanations: Vec<String>,
    /// The same lines in Simplified Chinese (the app's Chinese interface; not in the JSON).
    #[serde(skip)]
    pub explanations_zh: Vec<String>,
}

impl ExplainedPolicy {
    /// The explanations in `lang`.
    pub fn explanations_in(&self, lang: crate::lang::Lang) -> &[String] {
        match lang {
            crate::lang::Lang::En => &self.explanations,
            crate::lang::Lang::Zh => &self.explanations_zh,
        }
    }
}

/// The three documents for a job, and what in them is a placeholder.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RolePolicies {
    pub trust_policy: ExplainedPolicy,
    pub permission_policy: ExplainedPolicy,
    pub caller_policy: ExplainedPolicy,
    /// Each placeholder used, with what to put in its place.
    pub placeholders: Vec<String>,
}

struct Builder {
    statements: Vec<Value>,
    explanations: Vec<String>,
    explanations_zh: Vec<String>,
}

fn allow_statement(actions: &[&str], resources: Vec<String>) -> Value {
    json!({
        "Effect": "Allow",
        "Action": actions,
        "Resource": resources,
    })
}

impl Builder {
    fn new() -> Self {
        Builder {
            statements: Vec::new(),
            explanations: Vec::new(),
            explanations_zh: Vec::new(),
        }
    }

    /// Adds a statement with the line that explains it, in English and Chinese (the lists stay in
    /// step).
    fn push(&mut self, statement: Value, (en, zh): (String, String)) {
        self.statements.push(statement);
        self.explanations.push(en);
        self.explanations_zh.push(zh);
    }

    fn allow(&mut self, actions: &[&str], resources: Vec<String>, explanation: (String, String)) {
        self.push(allow_statement(actions, resources), explanation);
    }

    fn allow_with_condition(
        &mut self,
        actions: &[&str],
        resources: Vec<String>,
        condition: Value,
        explanation: (String, String),
    ) {
        let mut statement = allow_statement(actions, resources);
        statement["Condition"] = condition;
        self.push(statement, explanation);
    }

    fn finish(self) -> ExplainedPolicy {
        ExplainedPolicy {
            document: json!({ "Version": "1", "Statement": self.statements }),
            explanations: self.explanations,
            explanations_zh: self.explanations_zh,
        }
    }
}

/// The actions of an operation: `(name, actions, version-aware actions)`.
fn operation_actions(
    operation: &Operation,
) -> Vec<(
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
)> {
    let mut out = Vec::new();
    if operation.put_object_tagging.is_some() {
        out.push((
            "PutObjectTagging",
            &["oss:PutObjectTagging"][..],
            &["oss:PutObjectVersionTagging"][..],
        ));
    }
    if operation.add_object_tagging.is_some() {
        // Adding tags keeps the existing ones: the job reads the tag set, then writes it back.
        out.push((
            "AddObjectTagging",
            &["oss:GetObjectTagging", "oss:PutObjectTagging"][..],
            &["oss:GetObjectVersionTagging", "oss:PutObjectVersionTagging"][..],
        ));
    }
    if operation.delete_object_tagging.is_some() {
        out.push((
            "DeleteObjectTagging",
            &["oss:DeleteObjectTagging"][..],
            &["oss:DeleteObjectVersionTagging"][..],
        ));
    }
    if operation.put_object_acl.is_some() {
        out.push((
            "PutObjectAcl",
            &["oss:PutObjectAcl"][..],
            &["oss:PutObjectVersionAcl"][..],
        ));
    }
    if operation.restore_object.is_some() {
        out.push((
            "RestoreObject",
            &["oss:RestoreObject"][..],
            &["oss:RestoreObjectVersion"][..],
        ));
    }
    out
}

/// A text of the request, or a placeholder (recorded) when it is absent or empty.
fn value_or(text: Option<&str>, placeholder: &str, placeholders: &mut Vec<String>) -> String {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => text.to_string(),
        None => {
            if !placeholders.iter().any(|p| p == placeholder) {
                placeholders.push(placeholder.to_string());
            }
            placeholder.to_string()
        }
    }
}

fn object_arn(bucket: &str, key_pattern: &str) -> String {
    format!("acs:oss:*:*:{bucket}/{key_pattern}")
}

/// Builds the three policies for `request`. `manifest_buckets` are the buckets a checked manifest file
/// names (see [`crate::manifest_file`]); without them the target objects of a manifest job are a
/// placeholder.
pub fn role_policies(
    request: &CreateJobRequest,
    manifest_buckets: Option<&[String]>,
) -> RolePolicies {
    let mut placeholders = Vec::new();
    let role = request.role_arn.as_deref().and_then(parse_role_arn);
    let account_id = role
        .as_ref()
        .map(|parts| parts.account)
        .filter(|account| !account.is_empty() && account.bytes().all(|b| b.is_ascii_digit()));

    // Trust policy: OSS may assume the role.
    let mut trust = Builder::new();
    trust.push(
        json!({
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Principal": { "Service": [OSS_SERVICE_PRINCIPAL] },
        }),
        (
            format!(
                "Lets OSS ({OSS_SERVICE_PRINCIPAL}) assume this role to run the job; set it as the role's trust policy."
            ),
            format!("允许 OSS（{OSS_SERVICE_PRINCIPAL}）扮演此角色来运行任务；请将其设为角色的信任策略。"),
        ),
    );

    // Permission policy of the role.
    let mut permission = Builder::new();
    let versions = request
        .manifest
        .as_ref()
        .and_then(|m| m.spec.as_ref())
        .and_then(|s| s.fields.as_deref())
        .is_some_and(|fields| fields.split(',').any(|f| f.trim() == "VersionId"));

    // The objects the operation acts on.
    let targets: Vec<String> = match (&request.key_prefix_manifest_generator, &request.manifest) {
        (Some(generator), _) => {
            let bucket = value_or(
                generator.source_bucket.as_deref(),
                "<source-bucket>",
                &mut placeholders,
            );
            let prefix = generator.prefix.as_deref().unwrap_or("");
            vec![object_arn(&bucket, &format!("{prefix}*"))]
        }
        (None, Some(_)) => match manifest_buckets.filter(|b| !b.is_empty()) {
            Some(buckets) => {
                let mut buckets: Vec<&String> = buckets.iter().collect();
                buckets.sort();
                buckets.dedup();
                buckets.iter().map(|b| object_arn(b, "*")).collect()
            }
            None => {
                placeholders.push(MANIFEST_BUCKETS_PLACEHOLDER.to_string());
                vec![object_arn(MANIFEST_BUCKETS_PLACEHOLDER, "*")]
            }
        },
        (None, None) => vec![object_arn(
            &value_or(None, "<bucket-of-the-objects>", &mut placeholders),
            "*",
        )],
    };
    let operations = request
        .operation
        .as_ref()
        .map(operation_actions)
        .unwrap_or_default();
    if operations.is_empty() {
        placeholders.push("<operation>: choose the job's operation".to_string());
    }
    for (name, actions, version_actions) in &operations {
        let mut all: Vec<&str> = actions.to_vec();
        if versions {
            all.extend_from_slice(version_actions);
        }
        let explanation = if versions {
            (
                format!(
                    "Runs {name} on each object the job lists, including the versions the manifest's VersionId column names."
                ),
                format!("对任务列出的每个对象执行 {name}，包括清单 VersionId 列指定的版本。"),
            )
        } else {
            (
                format!("Runs {name} on each object the job lists."),
                format!("对任务列出的每个对象执行 {name}。"),
            )
        };
        permission.allow(&all, targets.clone(), explanation);
    }

    // Reading the manifest, or listing the generator's source.
    if let Some(location) = request.manifest.as_ref().and_then(|m| m.location.as_ref()) {
        let bucket = value_or(
            location.bucket.as_deref(),
            "<manifest-bucket>",
            &mut placeholders,
        );
        let object = value_or(
            location.object.as_deref(),
            "<manifest-object>",
            &mut placeholders,
        );
        let versioned = location
            .version_id
            .as_deref()
            .is_some_and(|v| !v.is_empty());
        let actions: &[&str] = if versioned {
            &["oss:GetObject", "oss:GetObjectVersion"]
        } else {
            &["oss:GetObject"]
        };
        permission.allow(
            actions,
            vec![object_arn(&bucket, &object)],
            (
                format!(
                    "Reads the manifest file {object} in {bucket}{}, and nothing else in that bucket.",
                    if versioned {
                        " (the given version)"
                    } else {
                        ""
                    }
                ),
                format!(
                    "读取 {bucket} 中的清单文件 {object}{}，不读取该存储空间中的其他内容。",
                    if versioned { "（指定的版本）" } else { "" }
                ),
            ),
        );
    }
    if let Some(generator) = &request.key_prefix_manifest_generator {
        let bucket = value_or(
            generator.source_bucket.as_deref(),
            "<source-bucket>",
            &mut placeholders,
        );
        let resource = vec![format!("acs:oss:*:*:{bucket}")];
        match generator.prefix.as_deref().filter(|p| !p.is_empty()) {
            Some(prefix) => permission.allow_with_condition(
                &["oss:ListObjects"],
                resource,
                json!({ "StringLike": { "oss:Prefix": [format!("{prefix}*")] } }),
                (
                    format!("Lists the objects under {prefix} in {bucket} to build the job's list (only that prefix, by the oss:Prefix condition)."),
                    format!("列举 {bucket} 中 {prefix} 下的对象以生成任务列表（通过 oss:Prefix 条件只限该前缀）。"),
                ),
            ),
            None => permission.allow(
                &["oss:ListObjects"],
                resource,
                (
                    format!("Lists the objects in {bucket} to build the job's list."),
                    format!("列举 {bucket} 中的对象以生成任务列表。"),
                ),
            ),
        }
    }

    // Writing the completion report.
    if let Some(report) = request.report.as_ref().filter(|r| r.enabled == Some(true)) {
        let bucket = value_or(
            report.bucket.as_deref(),
            "<report-bucket>",
            &mut placeholders,
        );
        let prefix = report.prefix.as_deref().unwrap_or("");
        permission.allow(
            &["oss:PutObject"],
            vec![object_arn(&bucket, &format!("{prefix}*"))],
            if prefix.is_empty() {
                (
                    format!("Writes the completion report into {bucket}."),
                    format!("将完成报告写入 {bucket}。"),
                )
            } else {
                (
                    format!(
                        "Writes the completion report under {prefix} in {bucket}, and nowhere else."
                    ),
                    format!("将完成报告写入 {bucket} 中的 {prefix} 下，不写入其他位置。"),
                )
            },
        );
    }

    // The RAM user (or role) that submits and manages jobs.
    let mut caller = Builder::new();
    let account = account_id
        .map(str::to_string)
        .unwrap_or_else(|| value_or(None, "<account-id>", &mut placeholders));
    caller.allow(
        &JOB_API_ACTIONS,
        vec![format!("acs:oss:*:{account}:*")],
        (
            "Lets a RAM user create, list, describe, confirm, cancel and reprioritize batch jobs in this account."
                .to_string(),
            "允许 RAM 用户在此账号中创建、列举、查看、确认、取消批量任务以及修改其优先级。".to_string(),
        ),
    );
    let role_name = role
        .as_ref()
        .map(|parts| parts.role_name.to_string())
        .unwrap_or_else(|| value_or(None, "<role-name>", &mut placeholders));
    caller.allow(
        &["ram:PassRole"],
        vec![format!("acs:ram:*:{account}:role/{role_name}")],
        (
            format!(
                "Lets that user hand the role {role_name} to OSS in CreateJob, and no other role."
            ),
            format!("允许该用户在 CreateJob 中把角色 {role_name} 交给 OSS，且仅限此角色。"),
        ),
    );

    RolePolicies {
        trust_policy: trust.finish(),
        permission_policy: permission.finish(),
        caller_policy: caller.finish(),
        placeholders,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn actions(policy: &Value) -> Vec<Vec<String>> {
        policy["Statement"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                s["Action"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_tagging_job_with_a_manifest_and_a_report() {
        let request = crate::from_xml(include_str!(
            "../../../tests/fixtures/createjob-sample-request.xml"
        ))
        .unwrap();
        let policies = role_policies(&request, None);
        let permission = &policies.permission_policy.document;
        assert_eq!(
            actions(permission),
            vec![
                vec!["oss:PutObjectTagging"],
                vec!["oss:GetObject"],
                vec!["oss:PutObject"]
            ]
        );
        assert_eq!(
            permission["Statement"][1]["Resource"][0],
            "acs:oss:*:*:manifest-bucket/manifest.csv"
        );
        assert_eq!(
            permission["Statement"][2]["Resource"][0],
            "acs:oss:*:*:report-bucket/batch-reports/*"
        );
        assert!(policies
            .placeholders
            .contains(&MANIFEST_BUCKETS_PLACEHOLDER.to_string()));
        assert_eq!(policies.permission_policy.explanations.len(), 3);
        let with_buckets = role_policies(&request, Some(&["b1".into(), "b2".into()]));
        assert_eq!(
            with_buckets.permission_policy.document["Statement"][0]["Resource"],
            json!(["acs:oss:*:*:b1/*", "acs:oss:*:*:b2/*"])
        );
        assert!(!with_buckets
            .placeholders
            .contains(&MANIFEST_BUCKETS_PLACEHOLDER.to_string()));
    }

    #[test]
    fn no_wildcard_action_or_resource_ever() {
        let request = CreateJobRequest::default();
        let policies = role_policies(&request, None);
        for policy in [
            &policies.permission_policy.document,
            &policies.caller_policy.document,
        ] {
            let text = policy.to_string();
            assert!(!text.contains("\"oss:*\""), "{text}");
            assert!(!text.contains("\"*\""), "{text}");
        }
    }
}

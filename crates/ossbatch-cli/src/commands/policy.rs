//! `ossbatch policy`: the RAM policies a job needs.

use ossbatch_core::{role_policy, Lang};

use super::load;
use super::manifest::check_manifest_file;
use crate::exit::ExitStatus;

pub fn run(file: &str, explain: bool, manifest: Option<&str>, lang: Lang) -> ExitStatus {
    let request = match load(file, lang) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("{message}");
            return ExitStatus::Unreadable;
        }
    };
    let buckets = match manifest {
        None => None,
        Some(csv) => {
            let fields = request
                .manifest
                .as_ref()
                .and_then(|m| m.spec.as_ref())
                .and_then(|s| s.fields.as_deref())
                .unwrap_or("Bucket,Key");
            match check_manifest_file(csv, fields, &format!("{file}: Manifest.Spec.Fields"), None) {
                Ok(report) => Some(report.buckets),
                Err(message) => {
                    eprintln!("{message}");
                    return ExitStatus::Unreadable;
                }
            }
        }
    };
    let policies = role_policy::role_policies(&request, buckets.as_deref());
    let mut out = serde_json::json!({
        "trustPolicy": policies.trust_policy.document,
        "permissionPolicy": policies.permission_policy.document,
        "callerPolicy": policies.caller_policy.document,
    });
    if explain {
        out["explanations"] = serde_json::json!({
            "trustPolicy": policies.trust_policy.explanations,
            "permissionPolicy": policies.permission_policy.explanations,
            "callerPolicy": policies.caller_policy.explanations,
            "placeholders": policies.placeholders,
        });
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into())
    );
    if !policies.placeholders.is_empty() {
        eprintln!(
            "note: replace the placeholders before use: {}",
            policies.placeholders.join(", ")
        );
    }
    ExitStatus::Success
}

//! Validation issues as data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::rules::{Rule, Severity};

/// An issue as serialized: the rule is found again by its code.
#[derive(Deserialize)]
struct IssueData {
    code: String,
    path: String,
    message: String,
    #[serde(default)]
    params: BTreeMap<String, serde_json::Value>,
}

impl<'de> Deserialize<'de> for Issue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let data = IssueData::deserialize(deserializer)?;
        let rule = crate::rules::find(&data.code).ok_or_else(|| {
            serde::de::Error::custom(format!("{:?} is not a rule code of ossbatch", data.code))
        })?;
        let mut issue = Issue::new(rule, data.path, data.message);
        issue.params = data.params;
        Ok(issue)
    }
}

/// One finding of [`crate::validate`].
///
/// `path` uses XML element names with 0-based indices (`Operation.PutObjectTagging.TagSet.Tag[2].Key`,
/// `Report.Bucket`); `params` carries the values the message was built from (limits, the offending value)
/// so a UI can write its own message.
///
/// It carries its [`Rule`] (from either catalogue), so its message reads in every language without a
/// lookup. `code` and `severity` are the rule's, kept as fields for the serialized shape
/// (`{ code, severity, path, message, params }`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub code: String,
    pub severity: Severity,
    pub path: String,
    pub message: String,
    pub params: BTreeMap<String, serde_json::Value>,
    #[serde(skip)]
    rule: &'static Rule,
}

impl Issue {
    pub fn new(rule: &'static Rule, path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            code: rule.code.to_string(),
            severity: rule.severity,
            path: path.into(),
            message: message.into(),
            params: BTreeMap::new(),
            rule,
        }
    }

    /// The rule that raised it.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// Adds a parameter (builder style).
    pub fn with(mut self, name: &str, value: impl Into<serde_json::Value>) -> Self {
        self.params.insert(name.to_string(), value.into());
        self
    }

    /// The parameters of a range rule: the allowed `min` and `max`, and the `actual` value or length.
    pub fn with_range(
        self,
        min: impl Into<serde_json::Value>,
        max: impl Into<serde_json::Value>,
        actual: impl Into<serde_json::Value>,
    ) -> Self {
        self.with("min", min).with_max(max, actual)
    }

    /// The parameters of an upper-bound rule: the allowed `max` and the `actual` value or length.
    pub fn with_max(
        self,
        max: impl Into<serde_json::Value>,
        actual: impl Into<serde_json::Value>,
    ) -> Self {
        self.with("max", max).with("actual", actual)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Issue {
    /// `severity code path: message`, the CLI's line format.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = if self.path.is_empty() {
            "(request)"
        } else {
            &self.path
        };
        write!(
            f,
            "{} {} {}: {}",
            self.severity, self.code, path, self.message
        )
    }
}

/// True when any issue is an error.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(Issue::is_error)
}

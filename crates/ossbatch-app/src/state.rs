//! The builder's state and its reducer: every edit is an [`Action`]; the request it builds is the core's
//! draft model, so the preview and the issues are always `to_xml` and `validate` of exactly this state.

use std::rc::Rc;

use ossbatch_core::model::*;
use yew::Reducible;

/// A text-like field of the request, named by its XML path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Description,
    Priority,
    RoleArn,
    ClientRequestToken,
    ReportBucket,
    ReportPrefix,
    ReportScope,
    LocationETag,
    LocationBucket,
    LocationObject,
    LocationVersionId,
    SpecFormat,
    GeneratorSourceBucket,
    GeneratorPrefix,
    ObjectAcl,
    RestoreDays,
    RestoreTier,
}

impl Field {
    /// Every form field (`labels.rs`'s test holds them to the core's table of the request's fields).
    #[cfg(test)]
    pub const ALL: [Field; 17] = [
        Field::Description,
        Field::Priority,
        Field::RoleArn,
        Field::ClientRequestToken,
        Field::ReportBucket,
        Field::ReportPrefix,
        Field::ReportScope,
        Field::LocationETag,
        Field::LocationBucket,
        Field::LocationObject,
        Field::LocationVersionId,
        Field::SpecFormat,
        Field::GeneratorSourceBucket,
        Field::GeneratorPrefix,
        Field::ObjectAcl,
        Field::RestoreDays,
        Field::RestoreTier,
    ];

    /// The XML path, which is also the form control's `name`.
    pub fn path(self) -> &'static str {
        match self {
            Field::Description => "Description",
            Field::Priority => "Priority",
            Field::RoleArn => "RoleArn",
            Field::ClientRequestToken => "ClientRequestToken",
            Field::ReportBucket => "Report.Bucket",
            Field::ReportPrefix => "Report.Prefix",
            Field::ReportScope => "Report.ReportScope",
            Field::LocationETag => "Manifest.Location.ETag",
            Field::LocationBucket => "Manifest.Location.Bucket",
            Field::LocationObject => "Manifest.Location.Object",
            Field::LocationVersionId => "Manifest.Location.VersionId",
            Field::SpecFormat => "Manifest.Spec.Format",
            Field::GeneratorSourceBucket => "KeyPrefixManifestGenerator.SourceBucket",
            Field::GeneratorPrefix => "KeyPrefixManifestGenerator.Prefix",
            Field::ObjectAcl => "Operation.PutObjectAcl.ObjectAcl",
            Field::RestoreDays => "Operation.RestoreObject.Days",
            Field::RestoreTier => "Operation.RestoreObject.Tier",
        }
    }

    /// The field's current value as the form shows it (absent = empty).
    pub fn value(self, request: &CreateJobRequest) -> String {
        let text = |value: Option<&String>| value.cloned().unwrap_or_default();
        let report = request.report.as_ref();
        let location = request.manifest.as_ref().and_then(|m| m.location.as_ref());
        let spec = request.manifest.as_ref().and_then(|m| m.spec.as_ref());
        let generator = request.key_prefix_manifest_generator.as_ref();
        let operation = request.operation.as_ref();
        match self {
            Field::Description => text(request.description.as_ref()),
            Field::Priority => request.priority.map(|p| p.to_string()).unwrap_or_default(),
            Field::RoleArn => text(request.role_arn.as_ref()),
            Field::ClientRequestToken => text(request.client_request_token.as_ref()),
            Field::ReportBucket => text(report.and_then(|r| r.bucket.as_ref())),
            Field::ReportPrefix => text(report.and_then(|r| r.prefix.as_ref())),
            Field::ReportScope => text(report.and_then(|r| r.report_scope.as_ref())),
            Field::LocationETag => text(location.and_then(|l| l.etag.as_ref())),
            Field::LocationBucket => text(location.and_then(|l| l.bucket.as_ref())),
            Field::LocationObject => text(location.and_then(|l| l.object.as_ref())),
            Field::LocationVersionId => text(location.and_then(|l| l.version_id.as_ref())),
            Field::SpecFormat => text(spec.and_then(|s| s.format.as_ref())),
            Field::GeneratorSourceBucket => text(generator.and_then(|g| g.source_bucket.as_ref())),
            Field::GeneratorPrefix => text(generator.and_then(|g| g.prefix.as_ref())),
            Field::ObjectAcl => text(
                operation
                    .and_then(|o| o.put_object_acl.as_ref())
                    .and_then(|a| a.object_acl.as_ref()),
            ),
            Field::RestoreDays => operation
                .and_then(|o| o.restore_object.as_ref())
                .and_then(|r| r.days)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Field::RestoreTier => text(
                operation
                    .and_then(|o| o.restore_object.as_ref())
                    .and_then(|r| r.tier.as_ref()),
            ),
        }
    }
}

/// Where the objects to process come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestSource {
    ManifestFile,
    Prefix,
}

/// Every edit the builder can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Sets a text field; an empty string removes the element.
    Set(Field, String),
    SetConfirmationRequired(bool),
    SetReportEnabled(bool),
    ChooseOperation(OperationKind),
    ChooseSource(ManifestSource),
    AddTag,
    RemoveTag(usize),
    /// Moves a tag by -1 (up) or +1 (down).
    MoveTag(usize, isize),
    SetTagKey(usize, String),
    SetTagValue(usize, String),
    /// Turns one manifest column (Bucket, Key, VersionId) on or off.
    ToggleManifestField(&'static str, bool),
    /// A new ClientRequestToken: this is a new job, not a retry.
    RegenerateToken(String),
    /// Replaces the whole draft with one the user asked to check (import, share link, clone,
    /// embedding host): every issue shows at once.
    Replace(Box<CreateJobRequest>),
    /// Starts over from a preset or an empty draft: calm again until fields are touched.
    Start(Box<CreateJobRequest>),
    /// The user left the control for this path after editing it.
    Touch(String),
    /// A submit attempt: every field shows its issues.
    RevealAll,
    SetRegion(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct BuilderState {
    pub request: CreateJobRequest,
    pub region: String,
    /// Paths of the controls the user has left after editing (issue #14: a field shows its issues
    /// once touched, after a submit attempt, or for an imported or shared job).
    pub touched: std::collections::BTreeSet<String>,
    /// Every field shows its issues (a submit attempt, an import, a shared or cloned job).
    pub reveal: bool,
}

fn non_empty(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// An integer field: empty removes it; text that is not an integer is kept out of the draft.
fn integer(value: &str) -> Option<i64> {
    value.trim().parse().ok()
}

impl BuilderState {
    pub fn new(request: CreateJobRequest, region: String) -> Self {
        BuilderState {
            request,
            region,
            touched: Default::default(),
            reveal: false,
        }
    }

    /// The issues a field shows now: all of them once revealed, else those of touched controls.
    pub fn shown_issues(&self, issues: &[ossbatch_core::Issue]) -> Vec<ossbatch_core::Issue> {
        issues
            .iter()
            .filter(|issue| self.reveal || self.touched.contains(&issue.path))
            .cloned()
            .collect()
    }

    /// The operation the picker shows: the first one the draft holds.
    pub fn operation_kind(&self) -> Option<OperationKind> {
        self.request
            .operation
            .as_ref()
            .and_then(|o| o.kinds().first().copied())
    }

    pub fn manifest_source(&self) -> Option<ManifestSource> {
        match (
            &self.request.manifest,
            &self.request.key_prefix_manifest_generator,
        ) {
            (Some(_), None) => Some(ManifestSource::ManifestFile),
            (None, Some(_)) => Some(ManifestSource::Prefix),
            _ => None,
        }
    }

    /// The tags of the chosen tagging operation (Put or Add), and its XML path.
    pub fn tagging(&self) -> Option<(&'static str, &[Tag])> {
        let operation = self.request.operation.as_ref()?;
        if let Some(tagging) = &operation.put_object_tagging {
            return Some((
                "Operation.PutObjectTagging.TagSet",
                tagging.tag_set.as_deref().unwrap_or(&[]),
            ));
        }
        operation.add_object_tagging.as_ref().map(|tagging| {
            (
                "Operation.AddObjectTagging.TagSet",
                tagging.tag_set.as_deref().unwrap_or(&[]),
            )
        })
    }

    fn tags_mut(&mut self) -> Option<&mut Vec<Tag>> {
        let operation = self.request.operation.as_mut()?;
        let tagging = if operation.put_object_tagging.is_some() {
            operation.put_object_tagging.as_mut()
        } else {
            operation.add_object_tagging.as_mut()
        }?;
        Some(tagging.tag_set.get_or_insert_with(Vec::new))
    }

    fn apply(&mut self, action: Action) {
        let request = &mut self.request;
        match action {
            Action::Set(field, value) => set_field(request, field, value),
            Action::SetConfirmationRequired(value) => request.confirmation_required = Some(value),
            Action::SetReportEnabled(value) => {
                request.report.get_or_insert_with(Default::default).enabled = Some(value)
            }
            Action::ChooseOperation(kind) => {
                // Keep the tags when switching between the two tagging operations.
                let tags = self.tagging().map(|(_, tags)| tags.to_vec());
                let mut operation = Operation::default();
                let tag_set = Some(
                    tags.filter(|t| !t.is_empty())
                        .unwrap_or_else(|| vec![Tag::new("", "")]),
                );
                match kind {
                    OperationKind::PutObjectTagging => {
                        operation.put_object_tagging = Some(TaggingOperation { tag_set })
                    }
                    OperationKind::AddObjectTagging => {
                        operation.add_object_tagging = Some(TaggingOperation { tag_set })
                    }
                    OperationKind::DeleteObjectTagging => {
                        operation.delete_object_tagging = Some(DeleteObjectTagging {})
                    }
                    OperationKind::PutObjectAcl => {
                        operation.put_object_acl = Some(PutObjectAcl::default())
                    }
                    OperationKind::RestoreObject => {
                        operation.restore_object = Some(RestoreObject::default())
                    }
                }
                self.request.operation = Some(operation);
            }
            Action::ChooseSource(ManifestSource::ManifestFile) => {
                request.key_prefix_manifest_generator = None;
                request.manifest.get_or_insert_with(|| Manifest {
                    location: Some(ManifestLocation::default()),
                    spec: Some(ManifestSpec {
                        fields: Some("Bucket,Key".into()),
                        format: Some(known::MANIFEST_FORMATS[0].into()),
                    }),
                });
            }
            Action::ChooseSource(ManifestSource::Prefix) => {
                request.manifest = None;
                request
                    .key_prefix_manifest_generator
                    .get_or_insert_with(Default::default);
            }
            Action::AddTag => {
                if let Some(tags) = self.tags_mut() {
                    tags.push(Tag::new("", ""));
                }
            }
            Action::RemoveTag(index) => {
                if let Some(tags) = self.tags_mut() {
                    if index < tags.len() {
                        tags.remove(index);
                    }
                }
            }
            Action::MoveTag(index, delta) => {
                if let Some(tags) = self.tags_mut() {
                    let target = index as isize + delta;
                    if index < tags.len() && target >= 0 && (target as usize) < tags.len() {
                        tags.swap(index, target as usize);
                    }
                }
            }
            Action::SetTagKey(index, value) => {
                if let Some(tag) = self.tags_mut().and_then(|tags| tags.get_mut(index)) {
                    tag.key = Some(value);
                }
            }
            Action::SetTagValue(index, value) => {
                if let Some(tag) = self.tags_mut().and_then(|tags| tags.get_mut(index)) {
                    tag.value = Some(value);
                }
            }
            Action::ToggleManifestField(name, on) => {
                let spec = request
                    .manifest
                    .get_or_insert_with(Default::default)
                    .spec
                    .get_or_insert_with(Default::default);
                let current: Vec<String> = spec
                    .fields
                    .as_deref()
                    .map(|f| f.split(',').map(str::to_string).collect())
                    .unwrap_or_default();
                let fields: Vec<&str> = known::MANIFEST_FIELDS
                    .iter()
                    .copied()
                    .filter(|field| {
                        if *field == name {
                            on
                        } else {
                            current.iter().any(|c| c == field)
                        }
                    })
                    .collect();
                spec.fields = (!fields.is_empty()).then(|| fields.join(","));
            }
            Action::RegenerateToken(token) => request.client_request_token = Some(token),
            Action::Replace(draft) => {
                *request = *draft;
                self.reveal = true;
            }
            Action::Start(draft) => {
                *request = *draft;
                self.touched.clear();
                self.reveal = false;
            }
            Action::Touch(path) => {
                self.touched.insert(path);
            }
            Action::RevealAll => self.reveal = true,
            Action::SetRegion(region) => self.region = region,
        }
    }
}

fn report(r: &mut CreateJobRequest) -> &mut Report {
    r.report.get_or_insert_with(Default::default)
}

fn location(r: &mut CreateJobRequest) -> &mut ManifestLocation {
    r.manifest
        .get_or_insert_with(Default::default)
        .location
        .get_or_insert_with(Default::default)
}

fn generator(r: &mut CreateJobRequest) -> &mut KeyPrefixManifestGenerator {
    r.key_prefix_manifest_generator
        .get_or_insert_with(Default::default)
}

fn operation(r: &mut CreateJobRequest) -> &mut Operation {
    r.operation.get_or_insert_with(Default::default)
}

fn set_field(request: &mut CreateJobRequest, field: Field, value: String) {
    match field {
        Field::Description => request.description = non_empty(value),
        Field::Priority => request.priority = integer(&value),
        Field::RoleArn => request.role_arn = non_empty(value),
        Field::ClientRequestToken => request.client_request_token = non_empty(value),
        Field::ReportBucket => report(request).bucket = non_empty(value),
        Field::ReportPrefix => report(request).prefix = non_empty(value),
        Field::ReportScope => report(request).report_scope = non_empty(value),
        Field::LocationETag => location(request).etag = non_empty(value),
        Field::LocationBucket => location(request).bucket = non_empty(value),
        Field::LocationObject => location(request).object = non_empty(value),
        Field::LocationVersionId => location(request).version_id = non_empty(value),
        Field::SpecFormat => {
            request
                .manifest
                .get_or_insert_with(Default::default)
                .spec
                .get_or_insert_with(Default::default)
                .format = non_empty(value)
        }
        Field::GeneratorSourceBucket => generator(request).source_bucket = non_empty(value),
        Field::GeneratorPrefix => generator(request).prefix = non_empty(value),
        Field::ObjectAcl => {
            operation(request)
                .put_object_acl
                .get_or_insert_with(Default::default)
                .object_acl = non_empty(value)
        }
        Field::RestoreDays => {
            operation(request)
                .restore_object
                .get_or_insert_with(Default::default)
                .days = integer(&value)
        }
        Field::RestoreTier => {
            operation(request)
                .restore_object
                .get_or_insert_with(Default::default)
                .tier = non_empty(value)
        }
    }
}

impl Reducible for BuilderState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ossbatch_core::presets::new_draft;

    fn run(actions: Vec<Action>) -> BuilderState {
        let mut state = BuilderState::new(new_draft(), "cn-hangzhou".into());
        for action in actions {
            state.apply(action);
        }
        state
    }

    #[test]
    fn fields_round_trip_through_their_paths() {
        // The text fields (Priority and Restore days are numbers, checked on their own).
        let fields = Field::ALL
            .into_iter()
            .filter(|f| !matches!(f, Field::Priority | Field::RestoreDays));
        for field in fields {
            let state = run(vec![Action::Set(field, "value-1".into())]);
            assert_eq!(field.value(&state.request), "value-1", "{}", field.path());
            let state = run(vec![
                Action::Set(field, "value-1".into()),
                Action::Set(field, String::new()),
            ]);
            assert_eq!(field.value(&state.request), "", "{}", field.path());
        }
        let state = run(vec![
            Action::Set(Field::Priority, "42".into()),
            Action::Set(Field::RestoreDays, "7".into()),
        ]);
        assert_eq!(state.request.priority, Some(42));
        assert_eq!(Field::RestoreDays.value(&state.request), "7");
        assert_eq!(
            run(vec![Action::Set(Field::Priority, "x".into())])
                .request
                .priority,
            None
        );
    }

    #[test]
    fn choosing_an_operation_replaces_it_and_keeps_tags_between_tagging_kinds() {
        let state = run(vec![
            Action::SetTagKey(0, "env".into()),
            Action::SetTagValue(0, "prod".into()),
            Action::ChooseOperation(OperationKind::AddObjectTagging),
        ]);
        let operation = state.request.operation.as_ref().unwrap();
        assert_eq!(operation.kinds(), [OperationKind::AddObjectTagging]);
        assert_eq!(state.tagging().unwrap().1, [Tag::new("env", "prod")]);
        let state = run(vec![Action::ChooseOperation(
            OperationKind::DeleteObjectTagging,
        )]);
        assert_eq!(
            state.request.operation.unwrap().kinds(),
            [OperationKind::DeleteObjectTagging]
        );
    }

    #[test]
    fn tag_editor_adds_removes_and_reorders() {
        let state = run(vec![
            Action::SetTagKey(0, "a".into()),
            Action::AddTag,
            Action::SetTagKey(1, "b".into()),
            Action::AddTag,
            Action::SetTagKey(2, "c".into()),
            Action::MoveTag(2, -1),
            Action::RemoveTag(0),
            Action::MoveTag(0, -1),
        ]);
        let keys: Vec<_> = state
            .tagging()
            .unwrap()
            .1
            .iter()
            .map(|t| t.key.clone().unwrap())
            .collect();
        assert_eq!(keys, ["c", "b"]);
    }

    #[test]
    fn manifest_source_is_either_or_and_fields_toggle_in_canonical_order() {
        let state = run(vec![
            Action::ChooseSource(ManifestSource::ManifestFile),
            Action::ToggleManifestField("VersionId", true),
            Action::ToggleManifestField("Bucket", false),
        ]);
        assert_eq!(state.manifest_source(), Some(ManifestSource::ManifestFile));
        assert!(state.request.key_prefix_manifest_generator.is_none());
        let spec = state
            .request
            .manifest
            .as_ref()
            .unwrap()
            .spec
            .as_ref()
            .unwrap();
        assert_eq!(spec.fields.as_deref(), Some("Key,VersionId"));
        let state = run(vec![
            Action::ChooseSource(ManifestSource::ManifestFile),
            Action::ChooseSource(ManifestSource::Prefix),
        ]);
        assert_eq!(state.manifest_source(), Some(ManifestSource::Prefix));
        assert!(state.request.manifest.is_none());
    }
}

//! Strict reading of a `<CreateJobRequest>` document into a draft (decisions.md #5): unknown elements,
//! repeated singletons, text where a container belongs, bad booleans and bad integers are errors with the
//! element path and line:column. Text values are kept exactly as written (validation flags whitespace
//! where it matters); booleans and integers accept surrounding whitespace, as XML Schema's `xs:boolean`
//! and `xs:int` do.

use super::dom::{self, is_xml_whitespace, Element};
use super::error::{ParseError, ParseErrorKind};
use crate::model::*;

/// Reads a CreateJob request body.
pub fn from_xml(input: &str) -> Result<CreateJobRequest, ParseError> {
    let root = dom::parse(input, false)?;
    if root.name != "CreateJobRequest" {
        return Err(ParseError::new(
            ParseErrorKind::UnexpectedRoot,
            "",
            root.position,
            format!(
                "the root element is <{}>; expected <CreateJobRequest>",
                root.name
            ),
        ));
    }
    read_request(&root)
}

/// Reads the `<CreateJobRequest>` children of any element (a DescribeJob `<Job>` is one), one child
/// at a time: what reads cleanly is kept, what does not is reported with its error and left out.
/// Children that are not CreateJob elements are ignored.
pub fn read_request_children_leniently(element: &Element) -> (CreateJobRequest, Vec<ParseError>) {
    let mut request = CreateJobRequest::default();
    let mut errors = Vec::new();
    for child in &element.children {
        if !REQUEST_CHILDREN.contains(&child.name) {
            continue;
        }
        let single = Element {
            name: element.name,
            position: element.position,
            children: vec![child.clone()],
            text: String::new(),
            text_position: None,
        };
        match read_request(&single) {
            Ok(part) => merge(&mut request, part),
            Err(error) => errors.push(error),
        }
    }
    (request, errors)
}

/// Copies what `part` holds into `into` (the first value of an element wins, as in a document).
fn merge(into: &mut CreateJobRequest, part: CreateJobRequest) {
    fn keep<T>(slot: &mut Option<T>, value: Option<T>) {
        if slot.is_none() {
            *slot = value;
        }
    }
    keep(&mut into.confirmation_required, part.confirmation_required);
    keep(&mut into.operation, part.operation);
    keep(&mut into.report, part.report);
    keep(&mut into.client_request_token, part.client_request_token);
    keep(&mut into.manifest, part.manifest);
    keep(
        &mut into.key_prefix_manifest_generator,
        part.key_prefix_manifest_generator,
    );
    keep(&mut into.description, part.description);
    keep(&mut into.priority, part.priority);
    keep(&mut into.role_arn, part.role_arn);
}

fn join(parent: &str, name: &str) -> String {
    // Built for every element read, so without the formatting machinery.
    let mut path = String::with_capacity(parent.len() + 1 + name.len());
    if !parent.is_empty() {
        path.push_str(parent);
        path.push('.');
    }
    path.push_str(name);
    path
}

/// Refuses text in a container element.
fn expect_container(element: &Element, path: &str) -> Result<(), ParseError> {
    match element.text_position {
        None => Ok(()),
        Some(position) => {
            let excerpt: String = element
                .text
                .trim_matches(is_xml_whitespace)
                .chars()
                .take(40)
                .collect();
            let shown = if path.is_empty() { element.name } else { path };
            Err(ParseError::new(
                ParseErrorKind::UnexpectedText,
                path,
                position,
                format!("{shown} is a container and cannot hold text; found \"{excerpt}\""),
            ))
        }
    }
}

fn unknown(child: &Element, parent_path: &str, allowed: &[&str]) -> ParseError {
    let parent = if parent_path.is_empty() {
        "CreateJobRequest"
    } else {
        parent_path
    };
    ParseError::new(
        ParseErrorKind::UnknownElement,
        &join(parent_path, child.name),
        child.position,
        format!(
            "<{}> is not an element of {parent}; expected one of {}",
            child.name,
            allowed.join(", ")
        ),
    )
}

/// Stores a singleton value, refusing a second occurrence.
fn set_once<T>(
    slot: &mut Option<T>,
    value: T,
    child: &Element,
    path: &str,
) -> Result<(), ParseError> {
    if slot.is_some() {
        return Err(ParseError::new(
            ParseErrorKind::RepeatedElement,
            path,
            child.position,
            format!(
                "<{}> appears more than once; it may appear only once",
                child.name
            ),
        ));
    }
    *slot = Some(value);
    Ok(())
}

fn read_text(element: &Element, path: &str) -> Result<String, ParseError> {
    if let Some(child) = element.children.first() {
        return Err(ParseError::new(
            ParseErrorKind::UnexpectedChild,
            path,
            child.position,
            format!(
                "{path} holds a text value, not the element <{}>",
                child.name
            ),
        ));
    }
    Ok(element.text.clone())
}

fn read_bool(element: &Element, path: &str) -> Result<bool, ParseError> {
    let text = read_text(element, path)?;
    match text.trim_matches(is_xml_whitespace) {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(ParseError::new(
            ParseErrorKind::BadBoolean,
            path,
            element.text_position.unwrap_or(element.position),
            format!("{path} must be true or false; found \"{other}\""),
        )),
    }
}

fn read_integer(element: &Element, path: &str) -> Result<i64, ParseError> {
    let text = read_text(element, path)?;
    let trimmed = text.trim_matches(is_xml_whitespace);
    let position = element.text_position.unwrap_or(element.position);
    let is_integer = {
        let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
    };
    if !is_integer {
        return Err(ParseError::new(
            ParseErrorKind::BadInteger,
            path,
            position,
            format!("{path} must be an integer; found \"{trimmed}\""),
        ));
    }
    trimmed.parse::<i64>().map_err(|_| {
        ParseError::new(
            ParseErrorKind::BadInteger,
            path,
            position,
            format!("{path} is {trimmed}, which is out of range"),
        )
    })
}

const REQUEST_CHILDREN: &[&str] = &[
    "ConfirmationRequired",
    "Operation",
    "Report",
    "ClientRequestToken",
    "Manifest",
    "KeyPrefixManifestGenerator",
    "Description",
    "Priority",
    "RoleArn",
];

fn read_request(root: &Element) -> Result<CreateJobRequest, ParseError> {
    const CHILDREN: &[&str] = REQUEST_CHILDREN;
    expect_container(root, "")?;
    let mut request = CreateJobRequest::default();
    for child in &root.children {
        let path = child.name;
        match path {
            "ConfirmationRequired" => set_once(
                &mut request.confirmation_required,
                read_bool(child, path)?,
                child,
                path,
            )?,
            "Operation" => set_once(
                &mut request.operation,
                read_operation(child, path)?,
                child,
                path,
            )?,
            "Report" => set_once(&mut request.report, read_report(child, path)?, child, path)?,
            "ClientRequestToken" => set_once(
                &mut request.client_request_token,
                read_text(child, path)?,
                child,
                path,
            )?,
            "Manifest" => set_once(
                &mut request.manifest,
                read_manifest(child, path)?,
                child,
                path,
            )?,
            "KeyPrefixManifestGenerator" => set_once(
                &mut request.key_prefix_manifest_generator,
                read_generator(child, path)?,
                child,
                path,
            )?,
            "Description" => set_once(
                &mut request.description,
                read_text(child, path)?,
                child,
                path,
            )?,
            "Priority" => set_once(
                &mut request.priority,
                read_integer(child, path)?,
                child,
                path,
            )?,
            "RoleArn" => set_once(&mut request.role_arn, read_text(child, path)?, child, path)?,
            _ => return Err(unknown(child, "", CHILDREN)),
        }
    }
    Ok(request)
}

fn read_operation(element: &Element, base: &str) -> Result<Operation, ParseError> {
    const CHILDREN: &[&str] = &[
        "PutObjectTagging",
        "AddObjectTagging",
        "DeleteObjectTagging",
        "PutObjectAcl",
        "RestoreObject",
    ];
    expect_container(element, base)?;
    let mut operation = Operation::default();
    for child in &element.children {
        let path = join(base, child.name);
        match child.name {
            "PutObjectTagging" => set_once(
                &mut operation.put_object_tagging,
                read_tagging(child, &path)?,
                child,
                &path,
            )?,
            "AddObjectTagging" => set_once(
                &mut operation.add_object_tagging,
                read_tagging(child, &path)?,
                child,
                &path,
            )?,
            "DeleteObjectTagging" => {
                expect_container(child, &path)?;
                if let Some(grandchild) = child.children.first() {
                    return Err(unknown(
                        grandchild,
                        &path,
                        &["(nothing: DeleteObjectTagging is empty)"],
                    ));
                }
                set_once(
                    &mut operation.delete_object_tagging,
                    DeleteObjectTagging {},
                    child,
                    &path,
                )?
            }
            "PutObjectAcl" => set_once(
                &mut operation.put_object_acl,
                read_acl(child, &path)?,
                child,
                &path,
            )?,
            "RestoreObject" => set_once(
                &mut operation.restore_object,
                read_restore(child, &path)?,
                child,
                &path,
            )?,
            _ => return Err(unknown(child, base, CHILDREN)),
        }
    }
    Ok(operation)
}

fn read_tagging(element: &Element, base: &str) -> Result<TaggingOperation, ParseError> {
    expect_container(element, base)?;
    let mut tagging = TaggingOperation::default();
    for child in &element.children {
        let path = join(base, child.name);
        match child.name {
            "TagSet" => set_once(
                &mut tagging.tag_set,
                read_tag_set(child, &path)?,
                child,
                &path,
            )?,
            _ => return Err(unknown(child, base, &["TagSet"])),
        }
    }
    Ok(tagging)
}

fn read_tag_set(element: &Element, base: &str) -> Result<Vec<Tag>, ParseError> {
    expect_container(element, base)?;
    let mut tags = Vec::new();
    for child in &element.children {
        if child.name != "Tag" {
            return Err(unknown(child, base, &["Tag"]));
        }
        let tag_path = format!("{base}.Tag[{}]", tags.len());
        expect_container(child, &tag_path)?;
        let mut tag = Tag::default();
        for field in &child.children {
            let path = join(&tag_path, field.name);
            match field.name {
                "Key" => set_once(&mut tag.key, read_text(field, &path)?, field, &path)?,
                "Value" => set_once(&mut tag.value, read_text(field, &path)?, field, &path)?,
                _ => return Err(unknown(field, &tag_path, &["Key", "Value"])),
            }
        }
        tags.push(tag);
    }
    Ok(tags)
}

fn read_acl(element: &Element, base: &str) -> Result<PutObjectAcl, ParseError> {
    expect_container(element, base)?;
    let mut acl = PutObjectAcl::default();
    for child in &element.children {
        let path = join(base, child.name);
        match child.name {
            "ObjectAcl" => set_once(&mut acl.object_acl, read_text(child, &path)?, child, &path)?,
            _ => return Err(unknown(child, base, &["ObjectAcl"])),
        }
    }
    Ok(acl)
}

fn read_restore(element: &Element, base: &str) -> Result<RestoreObject, ParseError> {
    expect_container(element, base)?;
    let mut restore = RestoreObject::default();
    for child in &element.children {
        let path = join(base, child.name);
        match child.name {
            "Days" => set_once(&mut restore.days, read_integer(child, &path)?, child, &path)?,
            "Tier" => set_once(&mut restore.tier, read_text(child, &path)?, child, &path)?,
            _ => return Err(unknown(child, base, &["Days", "Tier"])),
        }
    }
    Ok(restore)
}

fn read_report(element: &Element, base: &str) -> Result<Report, ParseError> {
    expect_container(element, base)?;
    let mut report = Report::default();
    for child in &element.children {
        let path = join(base, child.name);
        match child.name {
            "Bucket" => set_once(&mut report.bucket, read_text(child, &path)?, child, &path)?,
            "Enabled" => set_once(&mut report.enabled, read_bool(child, &path)?, child, &path)?,
            "Prefix" => set_once(&mut report.prefix, read_text(child, &path)?, child, &path)?,
            "ReportScope" => set_once(
                &mut report.report_scope,
                read_text(child, &path)?,
                child,
                &path,
            )?,
            _ => {
                return Err(unknown(
                    child,
                    base,
                    &["Bucket", "Enabled", "Prefix", "ReportScope"],
                ))
            }
        }
    }
    Ok(report)
}

fn read_manifest(element: &Element, base: &str) -> Result<Manifest, ParseError> {
    expect_container(element, base)?;
    let mut manifest = Manifest::default();
    for child in &element.children {
        let path = join(base, child.name);
        match child.name {
            "Location" => set_once(
                &mut manifest.location,
                read_location(child, &path)?,
                child,
                &path,
            )?,
            "Spec" => set_once(&mut manifest.spec, read_spec(child, &path)?, child, &path)?,
            _ => return Err(unknown(child, base, &["Location", "Spec"])),
        }
    }
    Ok(manifest)
}

fn read_location(element: &Element, base: &str) -> Result<ManifestLocation, ParseError> {
    expect_container(element, base)?;
    let mut location = ManifestLocation::default();
    for child in &element.children {
        let path = join(base, child.name);
        match child.name {
            "ETag" => set_once(&mut location.etag, read_text(child, &path)?, child, &path)?,
            "Bucket" => set_once(&mut location.bucket, read_text(child, &path)?, child, &path)?,
            "Object" => set_once(&mut location.object, read_text(child, &path)?, child, &path)?,
            "VersionId" => set_once(
                &mut location.version_id,
                read_text(child, &path)?,
                child,
                &path,
            )?,
            _ => {
                return Err(unknown(
                    child,
                    base,
                    &["ETag", "Bucket", "Object", "VersionId"],
                ))
            }
        }
    }
    Ok(location)
}

fn read_spec(element: &Element, base: &str) -> Result<ManifestSpec, ParseError> {
    expect_container(element, base)?;
    let mut spec = ManifestSpec::default();
    for child in &element.children {
        let path = join(base, child.name);
        match child.name {
            "Fields" => set_once(&mut spec.fields, read_text(child, &path)?, child, &path)?,
            "Format" => set_once(&mut spec.format, read_text(child, &path)?, child, &path)?,
            _ => return Err(unknown(child, base, &["Fields", "Format"])),
        }
    }
    Ok(spec)
}

fn read_generator(element: &Element, base: &str) -> Result<KeyPrefixManifestGenerator, ParseError> {
    expect_container(element, base)?;
    let mut generator = KeyPrefixManifestGenerator::default();
    for child in &element.children {
        let path = join(base, child.name);
        match child.name {
            "SourceBucket" => set_once(
                &mut generator.source_bucket,
                read_text(child, &path)?,
                child,
                &path,
            )?,
            "Prefix" => set_once(
                &mut generator.prefix,
                read_text(child, &path)?,
                child,
                &path,
            )?,
            _ => return Err(unknown(child, base, &["SourceBucket", "Prefix"])),
        }
    }
    Ok(generator)
}

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
        let Some(entry) = REQUEST.iter().find(|entry| entry.name == child.name) else {
            continue;
        };
        // Each child into a draft of its own, so that a repeated element keeps the first value
        // (as `merge` says) rather than failing.
        let mut part = CreateJobRequest::default();
        match (entry.read)(&mut part, child, child.name) {
            Ok(()) => merge(&mut request, part),
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
    let expected = if allowed.is_empty() {
        format!("{parent} is always empty")
    } else {
        format!("expected one of {}", allowed.join(", "))
    };
    ParseError::new(
        ParseErrorKind::UnknownElement,
        &join(parent_path, child.name),
        child.position,
        format!("<{}> is not an element of {parent}; {expected}", child.name),
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

/// One child element of a container: its name and how it is read into the container's value. Each
/// container is described by one table of these, in document order, which drives both the reading and
/// the list of expected names in an unknown-element error; a child's name is written once.
struct Child<T> {
    name: &'static str,
    read: fn(&mut T, &Element, &str) -> Result<(), ParseError>,
}

/// A singleton child: read with `$reader` and stored once in `$slot`, refusing a second occurrence.
macro_rules! child {
    ($name:literal => $slot:ident, $reader:expr) => {
        Child {
            name: $name,
            read: |into, element, path| {
                set_once(&mut into.$slot, $reader(element, path)?, element, path)
            },
        }
    };
}

/// Reads a container by its table. `base` is its path ("" for the document root).
fn read_children<T: Default>(
    element: &Element,
    base: &str,
    table: &[Child<T>],
) -> Result<T, ParseError> {
    expect_container(element, base)?;
    let mut value = T::default();
    for child in &element.children {
        let Some(entry) = table.iter().find(|entry| entry.name == child.name) else {
            let names: Vec<&str> = table.iter().map(|entry| entry.name).collect();
            return Err(unknown(child, base, &names));
        };
        (entry.read)(&mut value, child, &join(base, child.name))?;
    }
    Ok(value)
}

const REQUEST: &[Child<CreateJobRequest>] = &[
    child!("ConfirmationRequired" => confirmation_required, read_bool),
    child!("Operation" => operation, |e, p| read_children(e, p, OPERATION)),
    child!("Report" => report, |e, p| read_children(e, p, REPORT)),
    child!("ClientRequestToken" => client_request_token, read_text),
    child!("Manifest" => manifest, |e, p| read_children(e, p, MANIFEST)),
    child!("KeyPrefixManifestGenerator" => key_prefix_manifest_generator, |e, p| read_children(e, p, GENERATOR)),
    child!("Description" => description, read_text),
    child!("Priority" => priority, read_integer),
    child!("RoleArn" => role_arn, read_text),
];

const OPERATION: &[Child<Operation>] = &[
    child!("PutObjectTagging" => put_object_tagging, |e, p| read_children(e, p, TAGGING)),
    child!("AddObjectTagging" => add_object_tagging, |e, p| read_children(e, p, TAGGING)),
    child!("DeleteObjectTagging" => delete_object_tagging, |e, p| read_children(e, p, DELETE_TAGGING)),
    child!("PutObjectAcl" => put_object_acl, |e, p| read_children(e, p, ACL)),
    child!("RestoreObject" => restore_object, |e, p| read_children(e, p, RESTORE)),
];

const TAGGING: &[Child<TaggingOperation>] = &[child!("TagSet" => tag_set, read_tag_set)];

/// `<DeleteObjectTagging/>` holds nothing.
const DELETE_TAGGING: &[Child<DeleteObjectTagging>] = &[];

const TAG: &[Child<Tag>] = &[
    child!("Key" => key, read_text),
    child!("Value" => value, read_text),
];

const ACL: &[Child<PutObjectAcl>] = &[child!("ObjectAcl" => object_acl, read_text)];

const RESTORE: &[Child<RestoreObject>] = &[
    child!("Days" => days, read_integer),
    child!("Tier" => tier, read_text),
];

const REPORT: &[Child<Report>] = &[
    child!("Bucket" => bucket, read_text),
    child!("Enabled" => enabled, read_bool),
    child!("Prefix" => prefix, read_text),
    child!("ReportScope" => report_scope, read_text),
];

const MANIFEST: &[Child<Manifest>] = &[
    child!("Location" => location, |e, p| read_children(e, p, LOCATION)),
    child!("Spec" => spec, |e, p| read_children(e, p, SPEC)),
];

const LOCATION: &[Child<ManifestLocation>] = &[
    child!("ETag" => etag, read_text),
    child!("Bucket" => bucket, read_text),
    child!("Object" => object, read_text),
    child!("VersionId" => version_id, read_text),
];

const SPEC: &[Child<ManifestSpec>] = &[
    child!("Fields" => fields, read_text),
    child!("Format" => format, read_text),
];

const GENERATOR: &[Child<KeyPrefixManifestGenerator>] = &[
    child!("SourceBucket" => source_bucket, read_text),
    child!("Prefix" => prefix, read_text),
];

fn read_request(root: &Element) -> Result<CreateJobRequest, ParseError> {
    read_children(root, "", REQUEST)
}

/// `<TagSet>` is a list: each `<Tag>` is read by the `TAG` table under its own index, `Tag[n]`.
fn read_tag_set(element: &Element, base: &str) -> Result<Vec<Tag>, ParseError> {
    expect_container(element, base)?;
    let mut tags = Vec::new();
    for child in &element.children {
        if child.name != "Tag" {
            return Err(unknown(child, base, &["Tag"]));
        }
        let tag_path = format!("{base}.Tag[{}]", tags.len());
        tags.push(read_children(child, &tag_path, TAG)?);
    }
    Ok(tags)
}

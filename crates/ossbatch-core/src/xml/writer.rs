//! Writing a draft as XML (decisions.md #3, #4): the request syntax's element order, absent elements
//! omitted, present ones written even when empty, every text escaped.

use crate::model::*;

/// An element's start tag, spelled out at compile time (`tag!("Report")` is `<Report>`): one copy
/// instead of three small pieces, which is most of what writing costs in the size-optimized wasm. The
/// end tag is `</` and the same text after its `<`.
#[derive(Clone, Copy)]
struct Tag(&'static str);

macro_rules! tag {
    ($name:literal) => {
        Tag(concat!("<", $name, ">"))
    };
}

/// The two byte forms of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum XmlStyle {
    /// The declaration, then elements with no whitespace between them: what is sent to OSS.
    #[default]
    Compact,
    /// Two-space indentation, for previews and files people read.
    Pretty,
}

/// Writes the request as XML in the given style.
pub fn to_xml(request: &CreateJobRequest, style: XmlStyle) -> String {
    let mut out = XmlOut::new(style);
    out.declaration();
    out.open(tag!("CreateJobRequest"));
    if let Some(value) = request.confirmation_required {
        out.leaf(tag!("ConfirmationRequired"), bool_text(value));
    }
    if let Some(operation) = &request.operation {
        write_operation(&mut out, operation);
    }
    if let Some(report) = &request.report {
        out.open(tag!("Report"));
        out.opt_leaf(tag!("Bucket"), report.bucket.as_deref());
        if let Some(enabled) = report.enabled {
            out.leaf(tag!("Enabled"), bool_text(enabled));
        }
        out.opt_leaf(tag!("Prefix"), report.prefix.as_deref());
        out.opt_leaf(tag!("ReportScope"), report.report_scope.as_deref());
        out.close(tag!("Report"));
    }
    out.opt_leaf(
        tag!("ClientRequestToken"),
        request.client_request_token.as_deref(),
    );
    if let Some(manifest) = &request.manifest {
        out.open(tag!("Manifest"));
        if let Some(location) = &manifest.location {
            out.open(tag!("Location"));
            out.opt_leaf(tag!("ETag"), location.etag.as_deref());
            out.opt_leaf(tag!("Bucket"), location.bucket.as_deref());
            out.opt_leaf(tag!("Object"), location.object.as_deref());
            out.opt_leaf(tag!("VersionId"), location.version_id.as_deref());
            out.close(tag!("Location"));
        }
        if let Some(spec) = &manifest.spec {
            out.open(tag!("Spec"));
            out.opt_leaf(tag!("Fields"), spec.fields.as_deref());
            out.opt_leaf(tag!("Format"), spec.format.as_deref());
            out.close(tag!("Spec"));
        }
        out.close(tag!("Manifest"));
    }
    if let Some(generator) = &request.key_prefix_manifest_generator {
        out.open(tag!("KeyPrefixManifestGenerator"));
        out.opt_leaf(tag!("SourceBucket"), generator.source_bucket.as_deref());
        out.opt_leaf(tag!("Prefix"), generator.prefix.as_deref());
        out.close(tag!("KeyPrefixManifestGenerator"));
    }
    out.opt_leaf(tag!("Description"), request.description.as_deref());
    if let Some(priority) = request.priority {
        out.leaf(tag!("Priority"), &priority.to_string());
    }
    out.opt_leaf(tag!("RoleArn"), request.role_arn.as_deref());
    out.close(tag!("CreateJobRequest"));
    out.finish()
}

fn write_operation(out: &mut XmlOut, operation: &Operation) {
    out.open(tag!("Operation"));
    if let Some(tagging) = &operation.put_object_tagging {
        write_tagging(out, tag!("PutObjectTagging"), tagging);
    }
    if let Some(tagging) = &operation.add_object_tagging {
        write_tagging(out, tag!("AddObjectTagging"), tagging);
    }
    if operation.delete_object_tagging.is_some() {
        out.open(tag!("DeleteObjectTagging"));
        out.close(tag!("DeleteObjectTagging"));
    }
    if let Some(acl) = &operation.put_object_acl {
        out.open(tag!("PutObjectAcl"));
        out.opt_leaf(tag!("ObjectAcl"), acl.object_acl.as_deref());
        out.close(tag!("PutObjectAcl"));
    }
    if let Some(restore) = &operation.restore_object {
        out.open(tag!("RestoreObject"));
        if let Some(days) = restore.days {
            out.leaf(tag!("Days"), &days.to_string());
        }
        out.opt_leaf(tag!("Tier"), restore.tier.as_deref());
        out.close(tag!("RestoreObject"));
    }
    out.close(tag!("Operation"));
}

fn write_tagging(out: &mut XmlOut, name: Tag, tagging: &TaggingOperation) {
    out.open(name);
    if let Some(tags) = &tagging.tag_set {
        out.open(tag!("TagSet"));
        for tag in tags {
            out.open(tag!("Tag"));
            out.opt_leaf(tag!("Key"), tag.key.as_deref());
            out.opt_leaf(tag!("Value"), tag.value.as_deref());
            out.close(tag!("Tag"));
        }
        out.close(tag!("TagSet"));
    }
    out.close(name);
}

fn bool_text(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// Escapes text for element content: the five XML specials, and CR as a character reference so that
/// it survives the line-end normalization every XML reader applies.
pub fn escape_text(text: &str) -> String {
    let escaped = quick_xml::escape::escape(text);
    if escaped.contains('\r') {
        escaped.replace('\r', "&#13;")
    } else {
        escaped.into_owned()
    }
}

/// Lays the elements out into one string. Element names are the fixed names of the request syntax and
/// every text goes through quick-xml's escaping (`escape_text`); the tags themselves are written
/// directly rather than as quick-xml `Event`s, which made the wasm build's `toXml` several times slower
/// for no difference in bytes (docs/benchmarks.md, issue #12). In pretty style a container's children
/// go on their own indented lines, while text values and empty containers stay on one line.
struct XmlOut {
    out: String,
    style: XmlStyle,
    depth: usize,
    /// True right after an `open` with nothing written inside yet.
    just_opened: bool,
}

impl XmlOut {
    fn new(style: XmlStyle) -> Self {
        XmlOut {
            out: String::with_capacity(1024),
            style,
            depth: 0,
            just_opened: false,
        }
    }

    fn line_break(&mut self) {
        if self.style == XmlStyle::Pretty && !self.out.is_empty() {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    fn declaration(&mut self) {
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    fn open(&mut self, tag: Tag) {
        self.line_break();
        self.out.push_str(tag.0);
        self.depth += 1;
        self.just_opened = true;
    }

    fn close(&mut self, tag: Tag) {
        self.depth -= 1;
        if !self.just_opened {
            self.line_break();
        }
        self.out.push_str("</");
        self.out.push_str(&tag.0[1..]);
        self.just_opened = false;
    }

    fn leaf(&mut self, tag: Tag, text: &str) {
        self.line_break();
        self.out.push_str(tag.0);
        // quick-xml escapes the five specials without copying text that needs none; only a CR needs
        // our character reference on top.
        if text.contains('\r') {
            self.out.push_str(&escape_text(text));
        } else {
            self.out.push_str(&quick_xml::escape::escape(text));
        }
        self.out.push_str("</");
        self.out.push_str(&tag.0[1..]);
        self.just_opened = false;
    }

    fn opt_leaf(&mut self, tag: Tag, text: Option<&str>) {
        if let Some(text) = text {
            self.leaf(tag, text);
        }
    }

    fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_five_specials_and_cr() {
        assert_eq!(
            escape_text("a&b<c>d\"e'f\rg"),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f&#13;g"
        );
    }

    #[test]
    fn empty_request_is_just_the_root() {
        let request = CreateJobRequest::default();
        assert_eq!(
            to_xml(&request, XmlStyle::Compact),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateJobRequest></CreateJobRequest>"
        );
        assert_eq!(
            to_xml(&request, XmlStyle::Pretty),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateJobRequest></CreateJobRequest>"
        );
    }

    #[test]
    fn pretty_layout() {
        let request = CreateJobRequest {
            operation: Some(Operation {
                delete_object_tagging: Some(DeleteObjectTagging {}),
                ..Default::default()
            }),
            priority: Some(10),
            ..Default::default()
        };
        assert_eq!(
            to_xml(&request, XmlStyle::Pretty),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateJobRequest>\n  <Operation>\n    \
             <DeleteObjectTagging></DeleteObjectTagging>\n  </Operation>\n  <Priority>10</Priority>\n\
             </CreateJobRequest>"
        );
    }
}

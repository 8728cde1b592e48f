//! Writing a draft as XML (decisions.md #3, #4): the request syntax's element order, absent elements
//! omitted, present ones written even when empty, every text escaped.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::model::*;

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
    out.open("CreateJobRequest");
    if let Some(value) = request.confirmation_required {
        out.leaf("ConfirmationRequired", bool_text(value));
    }
    if let Some(operation) = &request.operation {
        write_operation(&mut out, operation);
    }
    if let Some(report) = &request.report {
        out.open("Report");
        out.opt_leaf("Bucket", report.bucket.as_deref());
        if let Some(enabled) = report.enabled {
            out.leaf("Enabled", bool_text(enabled));
        }
        out.opt_leaf("Prefix", report.prefix.as_deref());
        out.opt_leaf("ReportScope", report.report_scope.as_deref());
        out.close("Report");
    }
    out.opt_leaf(
        "ClientRequestToken",
        request.client_request_token.as_deref(),
    );
    if let Some(manifest) = &request.manifest {
        out.open("Manifest");
        if let Some(location) = &manifest.location {
            out.open("Location");
            out.opt_leaf("ETag", location.etag.as_deref());
            out.opt_leaf("Bucket", location.bucket.as_deref());
            out.opt_leaf("Object", location.object.as_deref());
            out.opt_leaf("VersionId", location.version_id.as_deref());
            out.close("Location");
        }
        if let Some(spec) = &manifest.spec {
            out.open("Spec");
            out.opt_leaf("Fields", spec.fields.as_deref());
            out.opt_leaf("Format", spec.format.as_deref());
            out.close("Spec");
        }
        out.close("Manifest");
    }
    if let Some(generator) = &request.key_prefix_manifest_generator {
        out.open("KeyPrefixManifestGenerator");
        out.opt_leaf("SourceBucket", generator.source_bucket.as_deref());
        out.opt_leaf("Prefix", generator.prefix.as_deref());
        out.close("KeyPrefixManifestGenerator");
    }
    out.opt_leaf("Description", request.description.as_deref());
    if let Some(priority) = request.priority {
        out.leaf("Priority", &priority.to_string());
    }
    out.opt_leaf("RoleArn", request.role_arn.as_deref());
    out.close("CreateJobRequest");
    out.finish()
}

fn write_operation(out: &mut XmlOut, operation: &Operation) {
    out.open("Operation");
    if let Some(tagging) = &operation.put_object_tagging {
        write_tagging(out, "PutObjectTagging", tagging);
    }
    if let Some(tagging) = &operation.add_object_tagging {
        write_tagging(out, "AddObjectTagging", tagging);
    }
    if operation.delete_object_tagging.is_some() {
        out.open("DeleteObjectTagging");
        out.close("DeleteObjectTagging");
    }
    if let Some(acl) = &operation.put_object_acl {
        out.open("PutObjectAcl");
        out.opt_leaf("ObjectAcl", acl.object_acl.as_deref());
        out.close("PutObjectAcl");
    }
    if let Some(restore) = &operation.restore_object {
        out.open("RestoreObject");
        if let Some(days) = restore.days {
            out.leaf("Days", &days.to_string());
        }
        out.opt_leaf("Tier", restore.tier.as_deref());
        out.close("RestoreObject");
    }
    out.close("Operation");
}

fn write_tagging(out: &mut XmlOut, name: &str, tagging: &TaggingOperation) {
    out.open(name);
    if let Some(tags) = &tagging.tag_set {
        out.open("TagSet");
        for tag in tags {
            out.open("Tag");
            out.opt_leaf("Key", tag.key.as_deref());
            out.opt_leaf("Value", tag.value.as_deref());
            out.close("Tag");
        }
        out.close("TagSet");
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

/// A quick-xml writer that lays out elements itself: in pretty style a container's children go on their
/// own indented lines, while text values and empty containers stay on one line.
struct XmlOut {
    writer: Writer<Vec<u8>>,
    style: XmlStyle,
    depth: usize,
    /// True right after an `open` with nothing written inside yet.
    just_opened: bool,
    wrote_anything: bool,
}

impl XmlOut {
    fn new(style: XmlStyle) -> Self {
        XmlOut {
            writer: Writer::new(Vec::with_capacity(1024)),
            style,
            depth: 0,
            just_opened: false,
            wrote_anything: false,
        }
    }

    // Writing into a Vec cannot fail, so the io::Result of each event is ignored.
    fn emit(&mut self, event: Event<'_>) {
        let _ = self.writer.write_event(event);
        self.wrote_anything = true;
    }

    fn line_break(&mut self) {
        if self.style == XmlStyle::Pretty && self.wrote_anything {
            let indent = format!("\n{}", "  ".repeat(self.depth));
            let _ = self
                .writer
                .write_event(Event::Text(BytesText::from_escaped(indent)));
        }
    }

    fn declaration(&mut self) {
        self.emit(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    }

    fn open(&mut self, name: &str) {
        self.line_break();
        self.emit(Event::Start(BytesStart::new(name)));
        self.depth += 1;
        self.just_opened = true;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        if !self.just_opened {
            self.line_break();
        }
        self.emit(Event::End(BytesEnd::new(name)));
        self.just_opened = false;
    }

    fn leaf(&mut self, name: &str, text: &str) {
        self.line_break();
        self.emit(Event::Start(BytesStart::new(name)));
        // quick-xml escapes the five specials itself, without copying text that needs none; only a CR
        // needs our character reference on top.
        let text = if text.contains('\r') {
            BytesText::from_escaped(escape_text(text))
        } else {
            BytesText::new(text)
        };
        self.emit(Event::Text(text));
        self.emit(Event::End(BytesEnd::new(name)));
        self.just_opened = false;
    }

    fn opt_leaf(&mut self, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.leaf(name, text);
        }
    }

    fn finish(self) -> String {
        let bytes = self.writer.into_inner();
        // Every piece written came from a &str, so the bytes are UTF-8.
        String::from_utf8(bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
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

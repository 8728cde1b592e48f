//! The request's fields, written once (issues #21, #29): each element's path, its one-letter wire code,
//! its kind and, for containers, the model's struct name. Everything else that lists the fields comes
//! from this table or is held to it by a test that fails when a field is added in one place only: the
//! npm package's wire codes, JS encoder tables and decoder, and the TypeScript request type (generated
//! by `ossbatch-wasm`'s `wire_fields`), the builder's form fields (`ossbatch-app`'s `Field`) and its
//! labels for every path.
//!
//! Adding an element: the model, this table, the XML writer/reader tables, a label — and regenerate.

/// What a field holds on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A container: its code alone marks that it is present; its fields follow.
    Container,
    /// A container that is always empty (`DeleteObjectTagging`).
    Empty,
    Text,
    Int,
    Bool,
}

/// One field: where it is in the request, its code, its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestField {
    /// The constant's name in [`code`] (and, as `W_<name>`, in the npm package's generated JS).
    pub name: &'static str,
    /// The element path in the request object, `.`-separated; `[]` marks a list's entry
    /// (`Operation.PutObjectTagging.TagSet[]`).
    pub path: &'static str,
    pub code: u8,
    pub kind: Kind,
    /// The model's struct name, for containers (serde's wording in TypeErrors: `struct Report`).
    pub struct_name: &'static str,
}

macro_rules! wire_fields {
    ($( $name:ident = $code:literal, $path:literal, $kind:ident $(, $struct_name:literal)?; )*) => {
        /// The codes, by field (the only place they are written by hand).
        pub mod code {
            $( pub const $name: u8 = $code; )*
        }
        /// Every field, in the request syntax's order (the order the encoder writes).
        pub const FIELDS: &[RequestField] = &[$(RequestField {
            name: stringify!($name),
            path: $path,
            code: code::$name,
            kind: Kind::$kind,
            struct_name: wire_fields!(@name $($struct_name)?),
        }),*];
    };
    (@name $struct_name:literal) => { $struct_name };
    (@name) => { "" };
}

wire_fields! {
    CONFIRMATION_REQUIRED = b'C', "ConfirmationRequired", Bool;
    OPERATION = b'O', "Operation", Container, "Operation";
    PUT_OBJECT_TAGGING = b'P', "Operation.PutObjectTagging", Container, "TaggingOperation";
    ADD_OBJECT_TAGGING = b'A', "Operation.AddObjectTagging", Container, "TaggingOperation";
    // The tag fields follow whichever tagging operation came last.
    TAG_SET = b'S', "Operation.*ObjectTagging.TagSet", Container;
    TAG = b't', "Operation.*ObjectTagging.TagSet[]", Container, "Tag";
    TAG_KEY = b'k', "Operation.*ObjectTagging.TagSet[].Key", Text;
    TAG_VALUE = b'v', "Operation.*ObjectTagging.TagSet[].Value", Text;
    DELETE_OBJECT_TAGGING = b'D', "Operation.DeleteObjectTagging", Empty, "DeleteObjectTagging";
    PUT_OBJECT_ACL = b'L', "Operation.PutObjectAcl", Container, "PutObjectAcl";
    OBJECT_ACL = b'l', "Operation.PutObjectAcl.ObjectAcl", Text;
    RESTORE_OBJECT = b'R', "Operation.RestoreObject", Container, "RestoreObject";
    RESTORE_DAYS = b'd', "Operation.RestoreObject.Days", Int;
    RESTORE_TIER = b'i', "Operation.RestoreObject.Tier", Text;
    REPORT = b'E', "Report", Container, "Report";
    REPORT_BUCKET = b'b', "Report.Bucket", Text;
    REPORT_ENABLED = b'e', "Report.Enabled", Bool;
    REPORT_PREFIX = b'p', "Report.Prefix", Text;
    REPORT_SCOPE = b's', "Report.ReportScope", Text;
    CLIENT_REQUEST_TOKEN = b'c', "ClientRequestToken", Text;
    MANIFEST = b'M', "Manifest", Container, "Manifest";
    LOCATION = b'N', "Manifest.Location", Container, "ManifestLocation";
    LOCATION_ETAG = b'g', "Manifest.Location.ETag", Text;
    LOCATION_BUCKET = b'B', "Manifest.Location.Bucket", Text;
    LOCATION_OBJECT = b'j', "Manifest.Location.Object", Text;
    LOCATION_VERSION_ID = b'V', "Manifest.Location.VersionId", Text;
    SPEC = b'F', "Manifest.Spec", Container, "ManifestSpec";
    SPEC_FIELDS = b'f', "Manifest.Spec.Fields", Text;
    SPEC_FORMAT = b'm', "Manifest.Spec.Format", Text;
    GENERATOR = b'K', "KeyPrefixManifestGenerator", Container, "KeyPrefixManifestGenerator";
    GENERATOR_SOURCE_BUCKET = b'u', "KeyPrefixManifestGenerator.SourceBucket", Text;
    GENERATOR_PREFIX = b'x', "KeyPrefixManifestGenerator.Prefix", Text;
    DESCRIPTION = b'T', "Description", Text;
    PRIORITY = b'Y', "Priority", Int;
    ROLE_ARN = b'Z', "RoleArn", Text;
}

/// The fields that hold a value (text, number, yes/no), as the form names its controls: a tag's
/// `TagSet[]` stays as written (`Operation.*ObjectTagging.TagSet[].Key`).
pub fn value_fields() -> impl Iterator<Item = &'static RequestField> {
    FIELDS
        .iter()
        .filter(|f| matches!(f.kind, Kind::Text | Kind::Int | Kind::Bool))
}

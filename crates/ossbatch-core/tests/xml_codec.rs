//! The XML codec: the golden sample of CreateJob.md, strict parse errors with path and position, and the
//! round trip property in both byte forms.

mod common;

use common::*;
use ossbatch_core::*;
use proptest::prelude::*;

/// The sample minus the whitespace between elements, as decisions.md #4 defines the compact form.
fn compact_sample() -> String {
    let mut out = String::new();
    let mut rest = SAMPLE_REQUEST.trim();
    while let Some(index) = rest.find('>') {
        out.push_str(&rest[..=index]);
        rest = &rest[index + 1..];
        let trimmed = rest.trim_start();
        if trimmed.starts_with('<') {
            rest = trimmed;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn sample_request_parses_validates_and_writes_back_byte_for_byte() {
    let request = from_xml(SAMPLE_REQUEST).expect("the sample parses");
    let issues = validate(&request);
    assert!(!has_errors(&issues), "{issues:#?}");
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes,
        ["role_arn.account_placeholder"],
        "only the RoleArn placeholder is flagged"
    );
    assert_eq!(to_xml(&request, XmlStyle::Compact), compact_sample());
    assert!(compact_sample().starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateJobRequest><ConfirmationRequired>false"
    ));
    assert!(compact_sample().contains("<Description>Batch job to set object tags</Description>"));
}

#[test]
fn sample_request_model_is_what_the_document_says() {
    let request = from_xml(SAMPLE_REQUEST).unwrap();
    assert_eq!(request.confirmation_required, Some(false));
    let tagging = request
        .operation
        .as_ref()
        .unwrap()
        .put_object_tagging
        .as_ref()
        .unwrap();
    assert_eq!(
        tagging.tag_set.as_deref(),
        Some(&[Tag::new("Environment", "Production")][..])
    );
    let report = request.report.as_ref().unwrap();
    assert_eq!(report.bucket.as_deref(), Some("report-bucket"));
    assert_eq!(report.enabled, Some(true));
    assert_eq!(report.prefix.as_deref(), Some("batch-reports/"));
    let location = request
        .manifest
        .as_ref()
        .unwrap()
        .location
        .as_ref()
        .unwrap();
    assert_eq!(location.object.as_deref(), Some("manifest.csv"));
    assert_eq!(request.priority, Some(10));
    assert_eq!(
        request.client_request_token.as_deref(),
        Some("unique-token-123")
    );
}

#[test]
fn fixture_matches_the_spec_document() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/spec/CreateJob.md");
    let document =
        std::fs::read_to_string(spec).expect("docs/spec/CreateJob.md is in the repository");
    assert!(
        document.contains(SAMPLE_REQUEST.trim()),
        "tests/fixtures sample differs from docs/spec/CreateJob.md"
    );
    assert!(document.contains(SAMPLE_RESPONSE.trim()));
}

#[test]
fn pretty_form_reads_back_and_compacts_to_the_same_bytes() {
    let request = from_xml(SAMPLE_REQUEST).unwrap();
    let pretty = to_xml(&request, XmlStyle::Pretty);
    assert!(pretty.contains("\n  <Operation>\n    <PutObjectTagging>\n      <TagSet>\n        <Tag>\n          <Key>Environment</Key>"));
    assert_eq!(from_xml(&pretty).unwrap(), request);
    assert_eq!(
        to_xml(&from_xml(&pretty).unwrap(), XmlStyle::Compact),
        compact_sample()
    );
}

#[test]
fn element_order_follows_the_request_syntax_and_empty_operations_are_open_close() {
    let mut request = valid_request();
    request.key_prefix_manifest_generator = Some(KeyPrefixManifestGenerator {
        source_bucket: Some("src".into()),
        prefix: Some("p/".into()),
    });
    only_operation(&mut request, |o| {
        o.delete_object_tagging = Some(DeleteObjectTagging {});
        o.restore_object = Some(RestoreObject {
            days: Some(3),
            tier: Some("Bulk".into()),
        });
    });
    let xml = to_xml(&request, XmlStyle::Compact);
    let order = [
        "<ConfirmationRequired>",
        "<Operation>",
        "<DeleteObjectTagging></DeleteObjectTagging>",
        "<RestoreObject><Days>3</Days><Tier>Bulk</Tier></RestoreObject>",
        "<Report><Bucket>",
        "<Enabled>",
        "<Prefix>reports/",
        "<ReportScope>",
        "<ClientRequestToken>",
        "<Manifest><Location><ETag>",
        "<Bucket>manifest-bucket",
        "<Object>",
        "<Spec><Fields>",
        "<Format>",
        "<KeyPrefixManifestGenerator><SourceBucket>src</SourceBucket><Prefix>p/</Prefix></KeyPrefixManifestGenerator>",
        "<Description>",
        "<Priority>",
        "<RoleArn>",
    ];
    let mut from = 0;
    for piece in order {
        let at = xml[from..]
            .find(piece)
            .unwrap_or_else(|| panic!("{piece} missing or out of order in {xml}"));
        from += at + piece.len();
    }
    assert!(
        !xml.contains("<VersionId>"),
        "absent optional elements are omitted"
    );
}

#[test]
fn text_is_escaped_and_read_back() {
    let mut request = valid_request();
    request.description = Some("a & b < c > d \" e ' f".into());
    let xml = to_xml(&request, XmlStyle::Compact);
    assert!(xml.contains("<Description>a &amp; b &lt; c &gt; d &quot; e &apos; f</Description>"));
    assert_eq!(from_xml(&xml).unwrap(), request);
}

fn error_of(xml: &str) -> ParseError {
    from_xml(xml).expect_err("must not parse")
}

fn wrap(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateJobRequest>\n{body}\n</CreateJobRequest>")
}

#[test]
fn strict_parse_errors_name_path_and_position() {
    let cases: &[(&str, ParseErrorKind, &str, usize, usize)] = &[
        ("  <Priority>ten</Priority>", ParseErrorKind::BadInteger, "Priority", 3, 13),
        ("  <Priority>99999999999999999999</Priority>", ParseErrorKind::BadInteger, "Priority", 3, 13),
        ("  <Report>\n    <Enabled>yes</Enabled>\n  </Report>", ParseErrorKind::BadBoolean, "Report.Enabled", 4, 14),
        ("  <ConfirmationRequired>True</ConfirmationRequired>", ParseErrorKind::BadBoolean, "ConfirmationRequired", 3, 25),
        ("  <Priorty>1</Priorty>", ParseErrorKind::UnknownElement, "Priorty", 3, 3),
        ("  <Report><Bucket>a</Bucket><Bucket>b</Bucket></Report>", ParseErrorKind::RepeatedElement, "Report.Bucket", 3, 29),
        ("  <Priority>1</Priority>\n  <Priority>2</Priority>", ParseErrorKind::RepeatedElement, "Priority", 4, 3),
        ("  <Operation>PutObjectTagging</Operation>", ParseErrorKind::UnexpectedText, "Operation", 3, 14),
        ("  <RoleArn><Arn>x</Arn></RoleArn>", ParseErrorKind::UnexpectedChild, "RoleArn", 3, 12),
        (
            "  <Operation><PutObjectTagging><TagSet><Tag><Key>a</Key></Tag><Tag><Key>b</Key><Colour>x</Colour></Tag></TagSet></PutObjectTagging></Operation>",
            ParseErrorKind::UnknownElement,
            "Operation.PutObjectTagging.TagSet.Tag[1].Colour",
            3,
            80,
        ),
        ("  <Operation><DeleteObjectTagging>x</DeleteObjectTagging></Operation>", ParseErrorKind::UnexpectedText, "Operation.DeleteObjectTagging", 3, 35),
        ("  <Description>a &copy; b</Description>", ParseErrorKind::UnknownEntity, "Description", 3, 18),
        ("  <Priority id=\"1\">1</Priority>", ParseErrorKind::UnexpectedAttribute, "Priority", 3, 3),
        ("  <Report></Reprt>", ParseErrorKind::Syntax, "Report", 3, 11),
        // Found by fuzzing: quick-xml reads up to whitespace as a name; the reader refuses what XML
        // does not call a name instead of echoing it as a path.
        ("  <Manifest><Object^x.csv</Object></Manifest>", ParseErrorKind::Syntax, "Manifest", 3, 13),
        ("  <Operatio=\"1.0\">", ParseErrorKind::Syntax, "", 3, 3),
    ];
    for (body, kind, path, line, column) in cases {
        let error = error_of(&wrap(body));
        assert_eq!(
            (error.kind, error.path.as_str()),
            (*kind, *path),
            "{body}: {error}"
        );
        assert_eq!(
            (error.line, error.column),
            (*line, *column),
            "{body}: {error}"
        );
        let shown = error.to_string();
        assert!(
            shown.starts_with(&format!("line {line}:{column}")),
            "{shown}"
        );
        if !path.is_empty() {
            assert!(shown.contains(path), "{shown}");
        }
    }
}

#[test]
fn document_level_errors() {
    assert_eq!(
        error_of("<CreateJobResult/>").kind,
        ParseErrorKind::UnexpectedRoot
    );
    assert_eq!(error_of("").kind, ParseErrorKind::NoRoot);
    assert_eq!(error_of("{not xml").kind, ParseErrorKind::Syntax);
    assert_eq!(
        error_of("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CreateJobRequest>&e;</CreateJobRequest>").kind,
        ParseErrorKind::Doctype
    );
    let deep = format!(
        "<CreateJobRequest>{}{}</CreateJobRequest>",
        "<Operation>".repeat(40),
        "</Operation>".repeat(40)
    );
    assert_eq!(error_of(&deep).kind, ParseErrorKind::TooDeep);
    let big = wrap(&format!(
        "<Description>{}</Description>",
        "x".repeat(1024 * 1024)
    ));
    let error = error_of(&big);
    assert_eq!(error.kind, ParseErrorKind::TooLarge);
    assert!(error.message.contains("1 MiB"));
}

#[test]
fn lenient_where_xml_allows() {
    // A namespace on the root, self-closing empties, comments, CDATA, whitespace around numbers and booleans.
    let xml = "<CreateJobRequest xmlns=\"http://doc.oss-cn-hangzhou.aliyuncs.com\"><!-- c -->\
        <Operation><DeleteObjectTagging/></Operation>\
        <Report><Enabled> true </Enabled></Report><Description><![CDATA[a<b]]></Description>\
        <Priority>\n 7 \n</Priority></CreateJobRequest>";
    let request = from_xml(xml).unwrap();
    assert_eq!(
        request.operation.unwrap().delete_object_tagging,
        Some(DeleteObjectTagging {})
    );
    assert_eq!(request.report.unwrap().enabled, Some(true));
    assert_eq!(request.description.as_deref(), Some("a<b"));
    assert_eq!(request.priority, Some(7));
}

#[test]
fn whitespace_in_text_values_is_kept_and_flagged_for_buckets() {
    let request = from_xml(&wrap(
        "<Report><Bucket> report-bucket </Bucket><Enabled>true</Enabled></Report>",
    ))
    .unwrap();
    assert_eq!(
        request.report.as_ref().unwrap().bucket.as_deref(),
        Some(" report-bucket ")
    );
    let issue = validate(&request)
        .into_iter()
        .find(|i| i.path == "Report.Bucket")
        .unwrap();
    assert_eq!(issue.code, "bucket.chars");
    assert!(issue.message.contains("whitespace"));
}

#[test]
fn draft_holds_what_a_form_holds() {
    // Two operations, both manifest sources, a negative priority: all kept, all written back.
    let xml = wrap(
        "<Operation><DeleteObjectTagging></DeleteObjectTagging><PutObjectAcl><ObjectAcl>private</ObjectAcl></PutObjectAcl></Operation>\
         <Manifest></Manifest><KeyPrefixManifestGenerator></KeyPrefixManifestGenerator><Priority>-5</Priority>",
    );
    let request = from_xml(&xml).unwrap();
    assert_eq!(request.operation.as_ref().unwrap().kinds().len(), 2);
    assert_eq!(request.priority, Some(-5));
    assert_eq!(
        from_xml(&to_xml(&request, XmlStyle::Compact)).unwrap(),
        request
    );
    let codes: Vec<String> = validate(&request).into_iter().map(|i| i.code).collect();
    for code in [
        "operation.multiple",
        "manifest.source_both",
        "priority.range",
    ] {
        assert!(codes.iter().any(|c| c == code), "{code} in {codes:?}");
    }
}

// ---- property: from_xml(to_xml(d)) == d in both forms ----

fn text() -> impl Strategy<Value = String> {
    // Any XML-legal characters, weighted toward the ones that break naive writers.
    let special = prop::sample::select(vec![
        "&",
        "<",
        ">",
        "\"",
        "'",
        "]]>",
        "&amp;",
        " ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "标签",
        "値",
        "🎉",
        "👩‍💻",
        "a",
        "Z",
        "0",
    ]);
    prop_oneof![
        prop::collection::vec(special, 0..8).prop_map(|parts| parts.concat()),
        "[\\PC]{0,12}",
    ]
}

fn opt<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(s)
}

fn tag() -> impl Strategy<Value = Tag> {
    (opt(text()), opt(text())).prop_map(|(key, value)| Tag { key, value })
}

fn tagging() -> impl Strategy<Value = TaggingOperation> {
    opt(prop::collection::vec(tag(), 0..4)).prop_map(|tag_set| TaggingOperation { tag_set })
}

fn operation_strategy() -> impl Strategy<Value = Operation> {
    (
        opt(tagging()),
        opt(tagging()),
        opt(Just(DeleteObjectTagging {})),
        opt(opt(text()).prop_map(|object_acl| PutObjectAcl { object_acl })),
        opt((opt(any::<i64>()), opt(text())).prop_map(|(days, tier)| RestoreObject { days, tier })),
    )
        .prop_map(|(put, add, delete, acl, restore)| Operation {
            put_object_tagging: put,
            add_object_tagging: add,
            delete_object_tagging: delete,
            put_object_acl: acl,
            restore_object: restore,
        })
}

fn request_strategy() -> impl Strategy<Value = CreateJobRequest> {
    let report = (opt(text()), opt(any::<bool>()), opt(text()), opt(text())).prop_map(
        |(bucket, enabled, prefix, report_scope)| Report {
            bucket,
            enabled,
            prefix,
            report_scope,
        },
    );
    let manifest =
        (
            opt(
                (opt(text()), opt(text()), opt(text()), opt(text())).prop_map(
                    |(etag, bucket, object, version_id)| ManifestLocation {
                        etag,
                        bucket,
                        object,
                        version_id,
                    },
                ),
            ),
            opt((opt(text()), opt(text()))
                .prop_map(|(fields, format)| ManifestSpec { fields, format })),
        )
            .prop_map(|(location, spec)| Manifest { location, spec });
    let generator =
        (opt(text()), opt(text())).prop_map(|(source_bucket, prefix)| KeyPrefixManifestGenerator {
            source_bucket,
            prefix,
        });
    (
        (
            opt(any::<bool>()),
            opt(operation_strategy()),
            opt(report),
            opt(text()),
        ),
        (
            opt(manifest),
            opt(generator),
            opt(text()),
            opt(any::<i64>()),
            opt(text()),
        ),
    )
        .prop_map(
            |(
                (confirmation_required, operation, report, client_request_token),
                (manifest, generator, description, priority, role_arn),
            )| {
                CreateJobRequest {
                    confirmation_required,
                    operation,
                    report,
                    client_request_token,
                    manifest,
                    key_prefix_manifest_generator: generator,
                    description,
                    priority,
                    role_arn,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn xml_round_trip_compact(request in request_strategy()) {
        let xml = to_xml(&request, XmlStyle::Compact);
        prop_assert_eq!(from_xml(&xml)?, request);
    }

    #[test]
    fn xml_round_trip_pretty(request in request_strategy()) {
        let xml = to_xml(&request, XmlStyle::Pretty);
        prop_assert_eq!(from_xml(&xml)?, request);
    }

    #[test]
    fn json_round_trip(request in request_strategy()) {
        prop_assert_eq!(&from_json(&to_json(&request, true))?, &request);
        prop_assert_eq!(from_json(&to_json(&request, false))?, request);
    }

    #[test]
    fn validation_never_panics_and_is_bounded(request in request_strategy()) {
        let issues = validate(&request);
        prop_assert!(issues.len() <= 201);
    }

    #[test]
    fn reading_arbitrary_text_never_panics(input in "[\\PC<>/&;]{0,200}") {
        let _ = from_xml(&input);
        let _ = from_json(&input);
    }
}

/// The reader describes each element's children once (a table per element); the names an unknown-element
/// error lists are that table. Held here to the order the writer writes them in, so the two cannot drift.
#[test]
fn unknown_element_errors_list_the_children_in_writing_order() {
    let mut request = valid_request();
    request.key_prefix_manifest_generator = Some(KeyPrefixManifestGenerator {
        source_bucket: Some("b".into()),
        prefix: Some("p".into()),
    });
    location(&mut request).version_id = Some("v".into());
    report(&mut request).report_scope = Some("AllTasks".into());
    request.description = Some("d".into());
    request.client_request_token = Some("t".into());
    let written = to_xml(&request, XmlStyle::Compact);
    // (container path, where to put the stranger, its children in the order the writer wrote them)
    let containers: &[(&str, &str, &[&str])] = &[
        (
            "CreateJobRequest",
            "<CreateJobRequest>",
            &[
                "ConfirmationRequired",
                "Operation",
                "Report",
                "ClientRequestToken",
                "Manifest",
                "KeyPrefixManifestGenerator",
                "Description",
                "Priority",
                "RoleArn",
            ],
        ),
        (
            "Report",
            "<Report>",
            &["Bucket", "Enabled", "Prefix", "ReportScope"],
        ),
        ("Manifest", "<Manifest>", &["Location", "Spec"]),
        (
            "Manifest.Location",
            "<Location>",
            &["ETag", "Bucket", "Object", "VersionId"],
        ),
        ("Manifest.Spec", "<Spec>", &["Fields", "Format"]),
        (
            "KeyPrefixManifestGenerator",
            "<KeyPrefixManifestGenerator>",
            &["SourceBucket", "Prefix"],
        ),
    ];
    for (path, open, children) in containers {
        let start = written
            .find(open)
            .unwrap_or_else(|| panic!("{open} in {written}"));
        let inner = &written[start + open.len()..];
        let mut last = 0;
        for child in children.iter() {
            let at = inner
                .find(&format!("<{child}>"))
                .unwrap_or_else(|| panic!("{child} in {path}"));
            assert!(at >= last, "{path}: {child} written out of order");
            last = at;
        }
        let strange = written.replacen(open, &format!("{open}<Stranger/>"), 1);
        let error = from_xml(&strange).expect_err("a stranger is refused");
        assert_eq!(error.kind, ParseErrorKind::UnknownElement, "{path}");
        assert!(
            error
                .message
                .ends_with(&format!("expected one of {}", children.join(", "))),
            "{path}: {}",
            error.message
        );
    }
    let with_child =
        wrap("<Operation><DeleteObjectTagging><Tag/></DeleteObjectTagging></Operation>");
    let error = error_of(&with_child);
    assert_eq!(error.path, "Operation.DeleteObjectTagging.Tag");
    assert!(error.message.contains("always empty"), "{}", error.message);
}

//! A small element tree built with quick-xml, with the input limits of decisions.md #16 applied while
//! reading. The strict request reader and the lenient response readers both map from this tree.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::error::{ParseError, ParseErrorKind, Position, PositionTracker};
use super::MAX_DEPTH;

/// One element: its name, where it starts, its child elements and its text (all text and CDATA inside it,
/// with entity and character references resolved and line ends normalized as XML 1.0 says).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element<'a> {
    /// Borrowed from the input: names never hold references, and an owned copy per element was a
    /// tenth of `fromXml`'s time in the size-optimized wasm.
    pub name: &'a str,
    pub position: Position,
    pub children: Vec<Element<'a>>,
    pub text: String,
    /// Where the first non-whitespace text starts, if there is any.
    pub text_position: Option<Position>,
}

impl Element<'_> {
    /// True when the element holds text other than whitespace (XML's space, tab, CR, LF).
    pub fn has_text(&self) -> bool {
        self.text_position.is_some()
    }

    pub fn child(&self, name: &str) -> Option<&Element<'_>> {
        self.children.iter().find(|child| child.name == name)
    }
}

pub fn is_xml_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Whether `c` may start an XML 1.0 `Name` (Fifth Edition, production [4]); `:` is allowed, as it is
/// in a namespace prefix.
pub fn is_name_start_char(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// Whether `c` may follow the first character of an XML 1.0 `Name` (production [4a]).
pub fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `name` is an XML 1.0 `Name` (production [5]).
pub fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start_char) && chars.all(is_name_char)
}

/// Parses `input` into its root element. Refuses DTDs, processing instructions, unknown entities,
/// input over 1 MiB and nesting deeper than 32 elements. `allow_attributes` lets response readers
/// accept attributes (ignored); request files must have none (but `xmlns` on the root).
pub fn parse(input: &str, allow_attributes: bool) -> Result<Element<'_>, ParseError> {
    let input = super::accepted_input(input)?;
    let mut reader = Reader::from_str(input);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.trim_text(false);

    let tracker = std::cell::RefCell::new(PositionTracker::new(input));
    let at = |offset: u64| tracker.borrow_mut().at(offset as usize);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let start = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                return Err(ParseError::new(
                    ParseErrorKind::Syntax,
                    &path_of(&stack),
                    at(reader.error_position()),
                    format!("malformed XML: {error}"),
                ))
            }
        };
        let self_closing = matches!(event, Event::Empty(_));
        match event {
            Event::Start(tag) | Event::Empty(tag) => {
                // The name as a slice of the input: the event starts at its `<` and the name follows it.
                let name_bytes = tag.name().into_inner();
                let from = start as usize + 1;
                let name = input
                    .get(from..from + name_bytes.len())
                    .filter(|name| name.as_bytes() == name_bytes)
                    .unwrap_or("\u{FFFD}");
                if !is_xml_name(name) {
                    // quick-xml takes everything up to whitespace or `>` as the name; a path and a
                    // message built from `Object^x.csv</Object` would only confuse (found by fuzzing).
                    let shown: String = name.chars().take(40).collect();
                    return Err(ParseError::new(
                        ParseErrorKind::Syntax,
                        &path_of(&stack),
                        at(start),
                        format!("<{shown}> is not a well-formed element name"),
                    ));
                }
                if root.is_some() {
                    return Err(ParseError::new(
                        ParseErrorKind::Syntax,
                        "",
                        at(start),
                        format!("content after the root element: <{name}>"),
                    ));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::new(
                        ParseErrorKind::TooDeep,
                        &path_of(&stack),
                        at(start),
                        format!("elements are nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                for attribute in tag.attributes() {
                    let attribute = attribute.map_err(|error| {
                        ParseError::new(
                            ParseErrorKind::Syntax,
                            &path_of(&stack),
                            at(start),
                            format!("malformed attribute on <{name}>: {error}"),
                        )
                    })?;
                    let key = attribute.key.as_ref();
                    let is_namespace = key == b"xmlns" || key.starts_with(b"xmlns:");
                    if !(allow_attributes || stack.is_empty() && is_namespace) {
                        return Err(ParseError::new(
                            ParseErrorKind::UnexpectedAttribute,
                            &child_path(&stack, name),
                            at(start),
                            format!(
                                "<{name}> has the attribute {}; the API defines no attributes",
                                utf8(key)
                            ),
                        ));
                    }
                }
                stack.push(Element {
                    name,
                    position: at(start),
                    children: Vec::new(),
                    text: String::new(),
                    text_position: None,
                });
                if self_closing {
                    close_element(&mut stack, &mut root);
                }
            }
            Event::End(_) => {
                // check_end_names guarantees a matching open element.
                close_element(&mut stack, &mut root);
            }
            Event::Text(text) => {
                let content = text.xml10_content().map_err(|error| {
                    ParseError::new(
                        ParseErrorKind::Syntax,
                        &path_of(&stack),
                        at(start),
                        format!("bad text: {error}"),
                    )
                })?;
                append_text(&mut stack, &content, start, &at)?;
            }
            Event::CData(data) => {
                let content = data.xml10_content().map_err(|error| {
                    ParseError::new(
                        ParseErrorKind::Syntax,
                        &path_of(&stack),
                        at(start),
                        format!("bad CDATA: {error}"),
                    )
                })?;
                append_text(&mut stack, &content, start, &at)?;
            }
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference).ok_or_else(|| {
                    ParseError::new(
                        ParseErrorKind::UnknownEntity,
                        &path_of(&stack),
                        at(start),
                        format!(
                            "unknown entity &{};: only &amp; &lt; &gt; &quot; &apos; and character references are allowed",
                            utf8(&reference)
                        ),
                    )
                })?;
                let mut buffer = [0u8; 4];
                append_text(&mut stack, resolved.encode_utf8(&mut buffer), start, &at)?;
            }
            Event::Decl(_) | Event::Comment(_) => {}
            Event::DocType(_) => {
                return Err(ParseError::new(
                    ParseErrorKind::Doctype,
                    "",
                    at(start),
                    "DOCTYPE declarations (DTDs and entity declarations) are refused",
                ))
            }
            Event::PI(_) => {
                return Err(ParseError::new(
                    ParseErrorKind::ProcessingInstruction,
                    &path_of(&stack),
                    at(start),
                    "processing instructions are not allowed",
                ))
            }
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(ParseError::new(
            ParseErrorKind::Syntax,
            &path_of(&stack),
            at(input.len() as u64),
            format!("the document ends before </{}>", open.name),
        ));
    }
    root.ok_or_else(|| {
        ParseError::new(
            ParseErrorKind::NoRoot,
            "",
            Position::START,
            "the document has no root element",
        )
    })
}

/// A piece of the input as text. The input is a `&str` and quick-xml splits it only at ASCII markup,
/// so every piece is valid UTF-8; the replacement character stands in should that ever not hold
/// (cheaper in the wasm than a lossy conversion that cannot happen).
fn utf8(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or("\u{FFFD}")
}

fn close_element<'a>(stack: &mut Vec<Element<'a>>, root: &mut Option<Element<'a>>) {
    if let Some(element) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(element),
            None => *root = Some(element),
        }
    }
}

fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if reference.is_char_ref() {
        return reference.resolve_char_ref().ok().flatten();
    }
    match reference.as_ref() {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        _ => None,
    }
}

fn append_text(
    stack: &mut [Element],
    content: &str,
    offset: u64,
    at: &dyn Fn(u64) -> Position,
) -> Result<(), ParseError> {
    // XML whitespace is ASCII, so the first other byte starts the first other character.
    let significant = content
        .bytes()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    match stack.last_mut() {
        Some(element) => {
            if element.text_position.is_none() {
                if let Some(skip) = significant {
                    // Point at the first non-whitespace character, not the start of the run. Skipped
                    // characters are XML whitespace, one byte each (a normalized CRLF counts one short).
                    element.text_position = Some(at(offset + skip as u64));
                }
            }
            element.text.push_str(content);
            Ok(())
        }
        None if significant.is_none() => Ok(()),
        None => Err(ParseError::new(
            ParseErrorKind::Syntax,
            "",
            at(offset),
            "text outside the root element",
        )),
    }
}

/// The element path of the open elements below the root, as validation writes it (`Report.Bucket`).
/// Indices are not known here; the mapping layer adds them.
fn path_of(stack: &[Element]) -> String {
    stack
        .iter()
        .skip(1)
        .map(|e| e.name)
        .collect::<Vec<_>>()
        .join(".")
}

fn child_path(stack: &[Element], name: &str) -> String {
    if stack.is_empty() {
        String::new()
    } else {
        let parent = path_of(stack);
        if parent.is_empty() {
            name.to_string()
        } else {
            format!("{parent}.{name}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::MAX_INPUT_BYTES;

    #[test]
    fn builds_tree_with_text_and_positions() {
        let root = parse(
            "<?xml version=\"1.0\"?>\n<A>\n  <B>x &amp; y</B>\n  <C/>\n</A>",
            false,
        )
        .unwrap();
        assert_eq!(root.name, "A");
        assert_eq!(root.position, Position { line: 2, column: 1 });
        assert!(!root.has_text());
        assert_eq!(root.children[0].text, "x & y");
        assert_eq!(root.children[0].position, Position { line: 3, column: 3 });
        assert_eq!(root.children[1].name, "C");
        assert_eq!(root.children[1].text, "");
    }

    #[test]
    fn resolves_character_references_and_cdata() {
        let root = parse("<A>&#13;&#x1F600;<![CDATA[<raw>]]></A>", false).unwrap();
        assert_eq!(root.text, "\r😀<raw>");
    }

    #[test]
    fn normalizes_line_ends() {
        let root = parse("<A>a\r\nb\rc</A>", false).unwrap();
        assert_eq!(root.text, "a\nb\nc");
    }

    #[test]
    fn refuses_doctype_pi_entities_attributes() {
        let kind = |s: &str| parse(s, false).unwrap_err().kind;
        assert_eq!(
            kind("<!DOCTYPE A [<!ENTITY x \"y\">]><A>&x;</A>"),
            ParseErrorKind::Doctype
        );
        assert_eq!(
            kind("<A><?php x ?></A>"),
            ParseErrorKind::ProcessingInstruction
        );
        assert_eq!(kind("<A>&nbsp;</A>"), ParseErrorKind::UnknownEntity);
        assert_eq!(
            kind("<A><B id=\"1\"/></A>"),
            ParseErrorKind::UnexpectedAttribute
        );
        assert!(parse(
            "<A xmlns=\"http://doc.oss-cn-hangzhou.aliyuncs.com\"/>",
            false
        )
        .is_ok());
        assert!(parse("<A><B id=\"1\"/></A>", true).is_ok());
    }

    #[test]
    fn refuses_malformed_input_with_position() {
        let error = parse("<A>\n  <B></C>\n</A>", false).unwrap_err();
        assert_eq!(error.kind, ParseErrorKind::Syntax);
        assert_eq!(error.line, 2, "{error}");
        let error = parse("<A><B>", false).unwrap_err();
        assert_eq!(error.kind, ParseErrorKind::Syntax);
        assert_eq!(parse("", false).unwrap_err().kind, ParseErrorKind::NoRoot);
        assert_eq!(
            parse("<A/><B/>", false).unwrap_err().kind,
            ParseErrorKind::Syntax
        );
        assert_eq!(
            parse("<A/>text", false).unwrap_err().kind,
            ParseErrorKind::Syntax
        );
    }

    #[test]
    fn enforces_limits() {
        let deep = "<a>".repeat(33) + &"</a>".repeat(33);
        assert_eq!(
            parse(&deep, false).unwrap_err().kind,
            ParseErrorKind::TooDeep
        );
        let ok = "<a>".repeat(32) + &"</a>".repeat(32);
        assert!(parse(&ok, false).is_ok());
        let big = format!("<a>{}</a>", "x".repeat(MAX_INPUT_BYTES));
        assert_eq!(
            parse(&big, false).unwrap_err().kind,
            ParseErrorKind::TooLarge
        );
    }
}

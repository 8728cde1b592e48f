//! One CSV line into its fields (RFC 4180 quoting within the line).

use std::borrow::Cow;

/// Splits one CSV line: fields separated by commas; a field that starts with `"` runs to the next `"`
/// not doubled, and must be followed by a comma or the end of the line. Unquoted fields are borrowed.
pub fn split_csv_row(line: &str) -> Result<Vec<Cow<'_, str>>, String> {
    let mut fields: Vec<Cow<'_, str>> = Vec::with_capacity(3);
    let mut rest = line;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let after = loop {
                match chars.next() {
                    Some((i, '"')) => {
                        if quoted[i + 1..].starts_with('"') {
                            value.push('"');
                            chars.next();
                        } else {
                            break &quoted[i + 1..];
                        }
                    }
                    Some((_, c)) => value.push(c),
                    None => {
                        return Err(format!(
                            "field {} opens a quote that the line never closes",
                            fields.len() + 1
                        ))
                    }
                }
            };
            fields.push(Cow::Owned(value));
            match after.strip_prefix(',') {
                Some(next) => rest = next,
                None if after.is_empty() => return Ok(fields),
                None => {
                    return Err(format!(
                        "field {} has text after its closing quote",
                        fields.len()
                    ))
                }
            }
        } else {
            match rest.find(',') {
                Some(comma) => {
                    fields.push(Cow::Borrowed(&rest[..comma]));
                    rest = &rest[comma + 1..];
                }
                None => {
                    fields.push(Cow::Borrowed(rest));
                    return Ok(fields);
                }
            }
        }
    }
}

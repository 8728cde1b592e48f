//! Putting ossbatch's texts into a language (issue #14): issue messages composed in Chinese from the
//! rule's summary and the values the issue carries, and read errors. Languages themselves are
//! [`crate::lang`]; the rule summaries are [`crate::rules`].

use crate::issue::Issue;
use crate::lang::{Lang, Localized};
use crate::xml::{ParseError, ParseErrorKind};

/// How an issue parameter reads in a Chinese message: the text before and after its value.
/// Parameters not listed here (limits such as `min`/`max`, which the rule's summary already states)
/// are not repeated.
pub const ZH_PARAMS: &[(&str, &str, &str)] = &[
    ("actual", "当前为 ", ""),
    ("value", "当前值为“", "”"),
    ("invalid", "不允许的字符：", ""),
    ("key", "重复的键：", ""),
    ("operations", "当前给出：", ""),
    ("current", "任务当前状态：", ""),
    ("requested", "请求的状态：", ""),
    ("total", "共 ", " 项"),
    ("expected", "应为 ", ""),
    ("field", "列：", ""),
    ("account", "账号：", ""),
    ("first_row", "首次出现于第 ", " 行"),
    ("byte", "第 ", " 字节"),
    ("rows", "已读 ", " 行"),
];

/// Parameters an issue may carry that a Chinese message deliberately leaves out: the rule's summary
/// states them (limits, allowed values) or they are positions the path already gives.
pub const ZH_PARAMS_NOT_SHOWN: &[&str] = &[
    "min",
    "max",
    "allowed",
    "archive_max",
    "shown",
    "checked",
    "known",
    "first_index",
];

/// Appends a parameter's value. Written with `push_str` rather than the formatting machinery, which
/// would make the npm validation wasm several KB larger (docs/benchmarks.md).
fn push_param(out: &mut String, value: &serde_json::Value) {
    match value {
        serde_json::Value::String(text) => out.push_str(text),
        // Issue parameters are integers; a float printer would be linked in for nothing.
        serde_json::Value::Number(number) => {
            if let Some(signed) = number.as_i64() {
                out.push_str(&signed.to_string());
            } else if let Some(unsigned) = number.as_u64() {
                out.push_str(&unsigned.to_string());
            }
        }
        serde_json::Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push('、');
                }
                push_param(out, item);
            }
        }
        serde_json::Value::Null | serde_json::Value::Object(_) => {}
    }
}

/// The Chinese message of an issue: its path, the rule's Chinese summary, and the values it was
/// built from (`Report.Bucket：存储空间名称的长度为 3 到 63 个字符。当前为 2。`).
fn zh_message(issue: &Issue) -> String {
    // The issue carries its rule, whichever catalogue it is from: no lookup.
    let summary = issue.rule().summary_zh;
    let mut message = String::with_capacity(issue.path.len() + summary.len() + 64);
    if !issue.path.is_empty() {
        message.push_str(&issue.path);
        message.push('：');
    }
    message.push_str(summary);
    let mut first = true;
    for (name, before, after) in ZH_PARAMS {
        if let Some(value) = issue.params.get(*name) {
            if !first {
                message.push('；');
            }
            first = false;
            message.push_str(before);
            push_param(&mut message, value);
            message.push_str(after);
        }
    }
    if !first {
        message.push('。');
    }
    message
}

impl Issue {
    /// The issue's message in `lang` (the English message is the one `validate` built).
    pub fn message_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.message.clone(),
            Lang::Zh => zh_message(self),
        }
    }

    /// The issue with its message in `lang`.
    pub fn localized(mut self, lang: Lang) -> Issue {
        if lang != Lang::En {
            self.message = self.message_in(lang);
        }
        self
    }
}

impl ParseErrorKind {
    /// What the kind means, in `lang`.
    pub fn describe(self, lang: Lang) -> &'static str {
        let text = match self {
            ParseErrorKind::TooLarge => Localized {
                en: "the document is over 1 MiB",
                zh: "文档超过 1 MiB",
            },
            ParseErrorKind::TooDeep => Localized {
                en: "elements are nested too deeply",
                zh: "元素嵌套过深",
            },
            ParseErrorKind::Syntax => Localized {
                en: "the document is not well-formed",
                zh: "文档格式不正确",
            },
            ParseErrorKind::Doctype => Localized {
                en: "DOCTYPE declarations are refused",
                zh: "不接受 DOCTYPE 声明",
            },
            ParseErrorKind::ProcessingInstruction => Localized {
                en: "processing instructions are not allowed",
                zh: "不允许处理指令",
            },
            ParseErrorKind::UnknownEntity => Localized {
                en: "only the five predefined entities and character references are allowed",
                zh: "只允许五个预定义实体和字符引用",
            },
            ParseErrorKind::NoRoot => Localized {
                en: "the document has no root element",
                zh: "文档没有根元素",
            },
            ParseErrorKind::UnexpectedRoot => Localized {
                en: "the root element is not <CreateJobRequest>",
                zh: "根元素不是 <CreateJobRequest>",
            },
            ParseErrorKind::UnknownElement => Localized {
                en: "the API defines no such element here",
                zh: "API 在此处未定义该元素",
            },
            ParseErrorKind::RepeatedElement => Localized {
                en: "the element may appear only once",
                zh: "该元素只能出现一次",
            },
            ParseErrorKind::UnexpectedText => Localized {
                en: "a container element cannot hold text",
                zh: "容器元素不能包含文本",
            },
            ParseErrorKind::UnexpectedChild => Localized {
                en: "a text value cannot hold elements",
                zh: "文本值中不能包含元素",
            },
            ParseErrorKind::UnexpectedAttribute => Localized {
                en: "the API defines no attributes",
                zh: "API 未定义任何属性",
            },
            ParseErrorKind::BadBoolean => Localized {
                en: "must be true or false",
                zh: "必须为 true 或 false",
            },
            ParseErrorKind::BadInteger => Localized {
                en: "must be an integer in range",
                zh: "必须为范围内的整数",
            },
            ParseErrorKind::BadValue => Localized {
                en: "a value has the wrong type",
                zh: "值的类型不正确",
            },
        };
        text.get(lang)
    }
}

impl ParseError {
    /// The error as shown to people in `lang`: English is the detailed message; Chinese gives the
    /// position, the path and what the kind means, with the English detail after it.
    pub fn message_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => {
                let path = if self.path.is_empty() {
                    String::new()
                } else {
                    format!("{}：", self.path)
                };
                format!(
                    "第 {} 行第 {} 列：{path}{}（{}）",
                    self.line,
                    self.column,
                    self.kind.describe(Lang::Zh),
                    self.message
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_an_issue_can_carry_reads_in_chinese_or_is_left_out_on_purpose() {
        for (name, before, _) in ZH_PARAMS {
            assert!(!before.is_empty(), "{name}");
            assert!(
                !ZH_PARAMS_NOT_SHOWN.contains(name),
                "{name} is in both lists"
            );
        }
    }

    #[test]
    fn issues_of_either_catalogue_read_in_chinese_through_the_same_call() {
        let manifest = crate::manifest_file::check_manifest(
            b"",
            vec![crate::manifest_file::ManifestField::Key],
            None,
        );
        let empty = &manifest.issues[0];
        assert_eq!(empty.code, "manifest_file.empty");
        assert_eq!(empty.message_in(Lang::Zh), "清单文件没有任何行。");
        let validation = crate::validate(&crate::CreateJobRequest::default());
        assert!(validation[0].message_in(Lang::Zh).contains('：'));
        assert_eq!(validation[0].message_in(Lang::En), validation[0].message);
    }
}

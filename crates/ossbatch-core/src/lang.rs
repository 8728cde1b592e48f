//! The languages ossbatch speaks to people: English and Simplified Chinese (issue #14). Machine-facing
//! text (codes, paths, the wire formats) is never translated; messages, rule summaries, OSS error hints
//! and read errors are, here in the core, so the CLI (`--lang zh`), the npm package
//! (`validate(r, { lang: 'zh' })`) and the app say the same thing.

//!
//! This module is a leaf: the two types every other module may use. Putting texts into a language is
//! [`crate::localize`]'s work.

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag (`<html lang>`): `en`, `zh-CN`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Reads a language tag as browsers and people write it (`zh`, `zh-CN`, `zh-Hans-CN`, `en-US`,
    /// `EN`); `None` for a language ossbatch does not speak.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The first language of a preference list (`navigator.languages`) that ossbatch speaks.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter().find_map(Lang::parse).unwrap_or_default()
    }
}

/// One text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// The text in `lang` with `{0}`, `{1}`, … replaced by `values` (the catalogues' templates).
    pub fn fill(&self, lang: Lang, values: &[&dyn std::fmt::Display]) -> String {
        let mut out = self.get(lang).to_string();
        for (index, value) in values.iter().enumerate() {
            out = out.replace(&format!("{{{index}}}"), &value.to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_as_browsers_write_them() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh_TW"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN-us"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::from_preferences(["fr-FR", "zh-CN", "en"]), Lang::Zh);
        assert_eq!(Lang::from_preferences(["de"]), Lang::En);
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.as_str()), Some(lang));
        }
    }
}

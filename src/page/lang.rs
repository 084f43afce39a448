//! The page's languages: English and Korean. The page, its embeds and its lessons speak
//! either; the CLI's messages stay English. A language is named by its BCP 47 primary tag
//! (`en`, `ko`), as `<html lang>`, `navigator.languages` and an embed's `data-lang` name it.

use serde::{Deserialize, Serialize};

/// A language of the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "ko")]
    Ko,
}

impl Lang {
    /// Every language, in the order the language switch lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 tag, as `<html lang>` takes it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's own name, as the switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// The language a tag names (`ko`, `ko-KR`, `EN-us`), if it is one of the page's.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// The first of the browser's preferred languages (`navigator.languages`, in order) the
    /// page speaks; English when none is.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter().find_map(Lang::parse).unwrap_or_default()
    }
}

/// The query string (`?…`, as `location.search` gives it) with its `lang=` parameter naming
/// `lang`, or `None` when it has none. A language picked in the header replaces the one the
/// address asked for, so a reload keeps the reader's choice; an address without `lang=`
/// is left alone (the saved choice already covers it).
pub fn search_with_lang(search: &str, lang: Lang) -> Option<String> {
    let query = search.strip_prefix('?').unwrap_or(search);
    let mut found = false;
    let pairs: Vec<String> = query
        .split('&')
        .map(|p| match p.strip_prefix("lang=") {
            Some(_) => {
                found = true;
                format!("lang={}", lang.tag())
            }
            None => p.to_string(),
        })
        .collect();
    found.then(|| format!("?{}", pairs.join("&")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_language_replaces_the_address_lang_and_nothing_else() {
        assert_eq!(
            search_with_lang("?lang=en", Lang::Ko).as_deref(),
            Some("?lang=ko")
        );
        assert_eq!(
            search_with_lang("?embed&lang=ko&view=graph", Lang::En).as_deref(),
            Some("?embed&lang=en&view=graph")
        );
        assert_eq!(search_with_lang("?view=graph", Lang::Ko), None);
        assert_eq!(search_with_lang("", Lang::Ko), None);
        // `xlang=` is another parameter.
        assert_eq!(search_with_lang("?xlang=en", Lang::Ko), None);
    }

    #[test]
    fn tags_with_regions_and_any_case_name_their_language() {
        assert_eq!(Lang::parse("ko-KR"), Some(Lang::Ko));
        assert_eq!(Lang::parse("EN_us"), Some(Lang::En));
        assert_eq!(Lang::parse("kok"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn the_first_spoken_preference_wins_and_english_is_the_fallback() {
        assert_eq!(Lang::preferred(["fr-FR", "ko", "en"]), Lang::Ko);
        assert_eq!(Lang::preferred(["de", "ja"]), Lang::En);
        assert_eq!(Lang::preferred([]), Lang::En);
    }
}

//! Every word Vigil shows or sends, through Fluent (`locales/{en,lv,ja}/*.ftl`, compiled in).
//! English is complete and the fallback; a missing key shows as the key itself, which the
//! tests forbid.

use crate::hints::{HintCode, Severity, Slot};
use crate::taxonomy::{Category, Finality, ReasonCode};
use chrono::{Datelike, NaiveDate};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks would show up in logs and exports.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages Vigil speaks, for its reviewers and in applicant messages.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    #[default]
    En,
    Lv,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Lv, Lang::Ja];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Lv => "lv",
            Lang::Ja => "ja",
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Lv => "Latviešu",
            Lang::Ja => "日本語",
        }
    }

    /// The language of a BCP 47 tag (`lv`, `lv-LV`, `ja_JP`…); None when Vigil lacks it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language an applicant is written to in: theirs when Vigil has it, else English
    /// (SUBMISSION.md).
    pub fn for_applicant(tag: &str) -> Lang {
        Lang::from_tag(tag).unwrap_or(Lang::En)
    }

    fn id(self) -> LanguageIdentifier {
        // The three codes are valid identifiers; parsing cannot fail.
        self.code().parse().unwrap_or_default()
    }

    /// The text of message `key`.
    pub fn text(self, key: &str) -> String {
        LOCALES
            .try_lookup(&self.id(), key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The text of message `key` with its arguments (numbers select plural forms).
    pub fn text_with(self, key: &str, args: &[(&'static str, Arg)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    Arg::Text(t) => FluentValue::from(t.as_str()),
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Word(k) => FluentValue::from(self.text(k)),
                };
                (Cow::Borrowed(*k), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(&self.id(), key, &map)
            .unwrap_or_else(|| key.to_owned())
    }

    /// Message `key` in this language itself, only when every argument it names is given.
    pub fn text_exact(
        self,
        key: &str,
        args: &HashMap<Cow<'static, str>, FluentValue<'_>>,
    ) -> Option<String> {
        LOCALES
            .lookup_single_language(&self.id(), key, Some(args))
            .ok()
    }

    /// Whether message `key`, which takes no arguments, exists in this language itself,
    /// without falling back to English.
    pub fn has(self, key: &str) -> bool {
        LOCALES
            .lookup_single_language::<&str>(&self.id(), key, None)
            .is_ok()
    }

    pub fn reason_label(self, r: ReasonCode) -> String {
        self.text(&format!("{}-label", reason_key(r)))
    }

    pub fn reason_description(self, r: ReasonCode) -> String {
        self.text(&format!("{}-description", reason_key(r)))
    }

    pub fn reason_applicant(self, r: ReasonCode) -> String {
        self.text(&format!("{}-applicant", reason_key(r)))
    }

    /// An image slot's name: "Document front", "Liveness 2".
    pub fn slot(self, s: Slot) -> String {
        match s {
            Slot::DocumentFront => self.text("slot-document-front"),
            Slot::DocumentBack => self.text("slot-document-back"),
            Slot::Selfie => self.text("slot-selfie"),
            Slot::Liveness(n) => self.text_with("slot-liveness", &[("n", (n as usize + 1).into())]),
        }
    }

    pub fn severity(self, s: Severity) -> String {
        self.text(match s {
            Severity::Fail => "severity-fail",
            Severity::Warn => "severity-warn",
            Severity::Info => "severity-info",
        })
    }

    /// A document type as the applicant chose it; a type Vigil does not know stays as sent.
    pub fn document_type(self, t: &str) -> String {
        match t {
            "passport" => self.text("doctype-passport"),
            "id_card" => self.text("doctype-id-card"),
            "visa" => self.text("doctype-visa"),
            other => other.to_owned(),
        }
    }

    /// An MRZ field by its code in hint evidence (`date_of_birth`); an unknown code as sent.
    pub fn mrz_field(self, code: &str) -> String {
        let key = match code {
            "expiry_date" => "field-expiry".to_owned(),
            "surname" | "given_names" | "date_of_birth" | "sex" | "nationality"
            | "document_number" | "issuing_country" | "personal_number" | "composite" => {
                format!("field-{}", code.replace('_', "-"))
            }
            other => return other.to_owned(),
        };
        self.text(&key)
    }

    pub fn category(self, c: Category) -> String {
        self.text(category_key(c))
    }

    pub fn finality(self, f: Finality) -> String {
        self.text(match f {
            Finality::Retry => "finality-retry",
            Finality::Final => "finality-final",
        })
    }

    pub fn hint_title(self, h: HintCode) -> String {
        self.text(&format!("hint-{}", h.code().replace('.', "-")))
    }

    /// A date as people of this language write it.
    pub fn date(self, d: NaiveDate) -> String {
        match self {
            Lang::En => d.format("%-d %b %Y").to_string(),
            Lang::Lv => format!("{:02}.{:02}.{}.", d.day(), d.month(), d.year()),
            Lang::Ja => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        }
    }
}

/// Something to say, kept as its key and arguments so that it is said again in the
/// reviewer's language when they switch (a status line, a notice).
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Key(&'static str, Vec<(&'static str, Arg)>),
    /// Text that comes already worded (an error from the store or a file).
    Plain(String),
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message::Key(key, Vec::new())
    }

    pub fn with(key: &'static str, args: &[(&'static str, Arg)]) -> Message {
        Message::Key(key, args.to_vec())
    }

    pub fn render(&self, lang: Lang) -> String {
        match self {
            Message::Key(key, args) => lang.text_with(key, args),
            Message::Plain(text) => text.clone(),
        }
    }
}

/// A Fluent argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
    /// A message key, said in the language the whole message is said in.
    Word(String),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(n as f64)
    }
}

impl From<f64> for Arg {
    fn from(n: f64) -> Arg {
        Arg::Number(n)
    }
}

/// `reason-validity-document_expired` for `validity.document_expired`.
pub fn reason_key(r: ReasonCode) -> String {
    format!("reason-{}", r.code().replace('.', "-"))
}

pub fn category_key(c: Category) -> &'static str {
    match c {
        Category::Fraud => "category-fraud",
        Category::Manipulation => "category-manipulation",
        Category::Security => "category-security",
        Category::Biometric => "category-biometric",
        Category::Visibility => "category-visibility",
        Category::Validity => "category-validity",
        Category::Other => "category-other",
    }
}

/// Every message key the domain asks for, so tests can prove each language has them all.
pub fn domain_keys() -> Vec<String> {
    let mut keys: Vec<String> = ReasonCode::ALL
        .iter()
        .flat_map(|r| {
            ["label", "description", "applicant"].map(|part| format!("{}-{part}", reason_key(*r)))
        })
        .collect();
    keys.extend(Category::ALL.iter().map(|c| category_key(*c).to_owned()));
    keys.extend(
        HintCode::ALL
            .iter()
            .map(|h| format!("hint-{}", h.code().replace('.', "-"))),
    );
    keys.extend(
        [
            "finality-retry",
            "finality-final",
            "applicant-approved",
            "applicant-escalated",
            "applicant-rejected-retry-intro",
            "applicant-rejected-final-intro",
            "applicant-rejected-neutral",
        ]
        .map(str::to_owned),
    );
    keys
}

/// `docs/reasons.md`: every reason code, its category, retry/final, and its label in the
/// three languages, generated from the data (a test keeps the file current).
pub fn reasons_reference() -> String {
    let mut out = String::from(
        "# Rejection reasons\n\nGenerated from the taxonomy and `locales/` by `tests/i18n.rs`; do not edit by hand.\n\n\
         | code | category | retry/final | flags | English | Latviešu | 日本語 |\n|---|---|---|---|---|---|---|\n",
    );
    for r in ReasonCode::ALL {
        let flag = match r.flag() {
            crate::taxonomy::Flag::Fraud => "fraud",
            crate::taxonomy::Flag::Victim => "victim",
            crate::taxonomy::Flag::None => "",
        };
        let fin = match r.finality() {
            Finality::Retry => "retry",
            Finality::Final => "final",
        };
        out.push_str(&format!(
            "| `{}` | {} | {fin} | {flag} | {} | {} | {} |\n",
            r.code(),
            Lang::En.category(r.category()),
            Lang::En.reason_label(*r),
            Lang::Lv.reason_label(*r),
            Lang::Ja.reason_label(*r),
        ));
    }
    out
}

/// Where Debian, Ubuntu and Fedora put a CJK font, which Japanese needs (the window's and the
/// evidence packet's fonts do not carry one).
const CJK_FONT_FILES: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
];

/// The path of an installed CJK font, if any.
pub fn cjk_font_path() -> Option<&'static str> {
    CJK_FONT_FILES
        .iter()
        .copied()
        .find(|p| std::path::Path::new(p).is_file())
}

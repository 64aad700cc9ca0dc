//! Search that forgives what a reviewer cannot type quickly: case and diacritics, so
//! "berz" finds BĒRZIŅA and "jose" finds JOSÉ.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `s` decomposed, without combining marks, in lower case: the form both the query and the
/// text are compared in.
pub fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn case_and_diacritics_fold_away() {
        assert!(fold("BĒRZIŅA Anna").contains(&fold("berz")));
        assert!(fold("Līga Ozoliņa").contains(&fold("OZOLINA")));
        assert_eq!(fold("JOSÉ"), "jose");
        assert_eq!(fold("Ｗｉｄｅ"), "wide");
        // Letters that are not a base letter with a mark stay themselves.
        assert_eq!(fold("Łukasz Ørsted"), "łukasz ørsted");
        assert!(!fold("BĒRZIŅA").contains("bers"));
    }
}

//! The codes in ../shared/spec are contracts: the code must carry exactly what they list.

use std::collections::BTreeMap;
use vigil::hints::HintCode;
use vigil::taxonomy::{Category, Finality, Flag, ReasonCode};

fn spec(name: &str) -> Option<String> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/spec")
        .join(name);
    match std::fs::read_to_string(&p) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!("skipped: {} is absent", p.display());
            None
        }
    }
}

/// Rows of the markdown tables whose first cell is a `code`.
fn code_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn reason_codes_match_taxonomy_md() {
    let Some(text) = spec("TAXONOMY.md") else {
        return;
    };
    let rows: Vec<_> = code_rows(&text)
        .into_iter()
        .filter(|r| r.len() == 5)
        .collect();
    assert_eq!(rows.len(), 43);
    let category = |s: &str| match s {
        "fraud" => Category::Fraud,
        "information manipulation" => Category::Manipulation,
        "security features" => Category::Security,
        "images" => Category::Biometric,
        "visibility" => Category::Visibility,
        "validity" => Category::Validity,
        "other" => Category::Other,
        other => panic!("unknown category {other}"),
    };
    for r in &rows {
        let code: ReasonCode = r[0].parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(code.category(), category(&r[1]), "{}", r[0]);
        let fin = if r[2] == "final" {
            Finality::Final
        } else {
            Finality::Retry
        };
        assert_eq!(code.finality(), fin, "{}", r[0]);
        let flag = match r[3].as_str() {
            "fraud" => Flag::Fraud,
            "victim" => Flag::Victim,
            "" => Flag::None,
            other => panic!("unknown flag {other}"),
        };
        assert_eq!(code.flag(), flag, "{}", r[0]);
    }
}

#[test]
fn hint_codes_match_hints_md() {
    let Some(text) = spec("HINTS.md") else { return };
    let rows: BTreeMap<String, String> = code_rows(&text)
        .into_iter()
        .filter(|r| r.len() == 3)
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect();
    assert_eq!(rows.len(), HintCode::ALL.len());
    for (code, suggests) in rows {
        let h: HintCode = code.parse().unwrap();
        match h.suggests() {
            Some(r) => assert_eq!(r.code(), suggests, "{code}"),
            None => assert!(suggests.starts_with("(none"), "{code}"),
        }
    }
}

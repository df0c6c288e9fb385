//! Random sequences of bookmark, note and delete operations, from one store or from two stores
//! on the same file interleaved, against a plain map: the store that acted, a store that
//! reloads and a fresh one all equal the model after every step.

use std::collections::BTreeMap;

use c34::userdata::NotesStore;
use proptest::prelude::*;

const SYMBOLS: [&str; 2] = ["A/76/505/Add.1", "A/77/571/Add.1"];

#[derive(Debug, Clone)]
enum Op {
    SetBookmark(bool),
    Note(String),
    Remove,
}

#[derive(Debug, Clone)]
struct Step {
    store: usize,
    symbol: usize,
    para: u32,
    op: Op,
}

fn step() -> impl Strategy<Value = Step> {
    let op = prop_oneof![
        any::<bool>().prop_map(Op::SetBookmark),
        // Words separated by spaces and line breaks, sometimes only blanks.
        "( |\n)?([a-z]{1,4}( |\n|\r\n)){0,3}( |\n)?".prop_map(Op::Note),
        Just(Op::Remove),
    ];
    (0..2usize, 0..2usize, 1..5u32, op).prop_map(|(store, symbol, para, op)| Step {
        store,
        symbol,
        para,
        op,
    })
}

/// (symbol, para) → (bookmark, note); entries with neither are absent.
type Model = BTreeMap<(usize, u32), (bool, Option<String>)>;

fn apply(model: &mut Model, step: &Step) {
    let key = (step.symbol, step.para);
    let (mut bookmark, mut note) = model.remove(&key).unwrap_or((false, None));
    match &step.op {
        Op::SetBookmark(on) => bookmark = *on,
        Op::Note(text) => {
            // The rule from the brief: one paragraph, words kept, blank means none.
            let words: Vec<&str> = text.split_whitespace().collect();
            note = (!words.is_empty()).then(|| words.join(" "));
        }
        Op::Remove => (bookmark, note) = (false, None),
    }
    if bookmark || note.is_some() {
        model.insert(key, (bookmark, note));
    }
}

fn contents(store: &NotesStore) -> Model {
    let mut seen = Model::new();
    for (s, symbol) in SYMBOLS.iter().enumerate() {
        for (para, annotation) in store.annotated(symbol) {
            seen.insert(
                (s, para),
                (
                    annotation.bookmark,
                    annotation.stored_note().map(str::to_string),
                ),
            );
        }
    }
    seen
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(48)))]

    #[test]
    fn stores_agree_with_a_plain_map(steps in prop::collection::vec(step(), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c34").join("notes.json");
        let mut stores = [NotesStore::open(path.clone()), NotesStore::open(path.clone())];
        let mut model = Model::new();
        for step in &steps {
            let store = &mut stores[step.store];
            let symbol = SYMBOLS[step.symbol];
            match &step.op {
                Op::SetBookmark(on) => {
                    let applied = store.set_bookmark(symbol, step.para, *on).unwrap();
                    prop_assert_eq!(applied.annotation.bookmark, *on);
                }
                Op::Note(text) => drop(store.set_note(symbol, step.para, text).unwrap()),
                Op::Remove => {
                    store.set_bookmark(symbol, step.para, false).unwrap();
                    store.set_note(symbol, step.para, "").unwrap();
                }
            }
            apply(&mut model, step);
            prop_assert_eq!(&contents(&stores[step.store]), &model, "the store that acted");
        }
        stores[0].reload();
        prop_assert_eq!(&contents(&stores[0]), &model, "a store that reloads");
        prop_assert_eq!(&contents(&NotesStore::open(path)), &model, "a fresh store");
    }
}

/// `default` cases, or `PROPTEST_CASES` when set: CI runs the default, a developer raises it.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

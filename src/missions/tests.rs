use super::*;

fn acronyms(text: &str) -> Vec<&'static str> {
    gazetteer()
        .mentioned_in(text)
        .into_iter()
        .map(|m| entries()[m].acronym)
        .collect()
}

#[test]
fn acronyms_count_inside_compounds_and_possessives() {
    assert_eq!(
        acronyms("several MINUSMA-funded civil society projects"),
        ["MINUSMA"]
    );
    assert_eq!(acronyms("MONUSCO's drawdown"), ["MONUSCO"]);
    assert_eq!(acronyms("UNMISS and MINUSCA"), ["MINUSCA", "UNMISS"]);
}

#[test]
fn full_names_count_across_small_words_and_line_breaks() {
    assert_eq!(
        acronyms(
            "rolled out to the United Nations Military Observer Group in India and\nPakistan and the United Nations Truce Supervision Organization by the end"
        ),
        ["UNMOGIP", "UNTSO"]
    );
    assert_eq!(
        acronyms("to the United Nations Integrated Transition Assistance Mission in the Sudan and"),
        ["UNITAMS"]
    );
    assert_eq!(
        acronyms("the African Union-United Nations Hybrid Operation in Darfur (UNAMID)"),
        ["UNAMID"]
    );
}

#[test]
fn places_alone_and_look_alike_names_are_not_mentions() {
    assert!(acronyms("In Mali, the Justice and Corrections Standing Capacity").is_empty());
    assert!(acronyms("In South Sudan, for example").is_empty());
    // Part of a name is not the name.
    assert!(acronyms("the United Nations Mission in South").is_empty());
}

#[test]
fn partner_operations_are_mentions_of_partners_not_of_the_united_nations() {
    // Deliberately changed with the partners' arrival: these were "not mentions" before.
    assert_eq!(
        acronyms("the European Union Training Mission in Mali"),
        ["EUTM"]
    );
    assert_eq!(acronyms("the African Union Mission in Somalia"), ["AMISOM"]);
    assert_eq!(
        acronyms("the Group of Five for the Sahel, Operation Barkhane and"),
        ["Barkhane", "FC-G5S"]
    );
    for acronym in ["AMISOM", "Barkhane", "EUTM", "FC-G5S"] {
        assert!(entry(acronym).unwrap().is_partner(), "{acronym}");
    }
    assert!(!entry("MINUSMA").unwrap().is_partner());
}

fn named(text: &str) -> Vec<(&'static str, By)> {
    gazetteer()
        .named_in(text)
        .into_iter()
        .map(|(m, by)| (entries()[m].acronym, by))
        .collect()
}

#[test]
fn named_in_gives_each_mission_once_by_its_strongest_name() {
    assert_eq!(
        named(
            "In Mali, MINUSMA works. The United Nations Multidimensional Integrated Stabilization Mission in Mali too."
        ),
        // Mali is also the place of a partner, the EU Training Mission.
        [("MINUSMA", By::Acronym), ("EUTM", By::Place)]
    );
    assert_eq!(
        named("the United Nations Mission in South Sudan; and Bamako."),
        [("MINUSMA", By::Place), ("UNMISS", By::Name)]
    );
    // "Sudan" inside "South Sudan" names neither mission in the Sudan.
    assert_eq!(named("In South Sudan."), [("UNMISS", By::Place)]);
    assert_eq!(
        named("In Darfur, Sudan."),
        [("UNAMID", By::Place), ("UNITAMS", By::Place)]
    );
    // Mali inside a partner's name is the partner's, not MINUSMA's place.
    assert_eq!(
        named("the European Union Training Mission in Mali"),
        [("EUTM", By::Name)]
    );
    assert!(named("nothing here").is_empty());
}

#[test]
fn sudan_and_south_sudan_are_different_keys() {
    let g = gazetteer();
    let sudan = g.lookup(&normalise("Sudan")).unwrap();
    let south = g.lookup(&normalise("South Sudan")).unwrap();
    assert_ne!(sudan, south);
    let acr = |k: usize| -> Vec<&str> {
        g.key(k)
            .unwrap()
            .missions()
            .map(|m| entries()[m].acronym)
            .collect()
    };
    assert_eq!(acr(sudan), ["UNAMID", "UNITAMS"]);
    assert_eq!(acr(south), ["UNMISS"]);
    let hits = g.find_in_text("the Republic of South Sudan").0;
    // "south sudan" (longest first) and the nested "sudan".
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].key, south);
    assert_eq!(hits[1].key, sudan);
}

#[test]
fn entries_are_found_by_acronym_in_any_case() {
    let entry = entry("unficyp").unwrap();
    assert_eq!(entry.location, "Cyprus");
    assert_eq!(entry.kind, Kind::PeacekeepingOperation);
    assert!(super::entry("UNXYZ").is_none());
}

#[test]
fn the_gazetteer_file_is_valid() {
    // Parsed again here so that an error names its line and column.
    let data = parse(GAZETTEER_TOML).unwrap_or_else(|e| panic!("{e}"));
    assert!(data.entries.len() >= 30);
    let mut acronyms = std::collections::HashSet::new();
    for entry in &data.entries {
        assert!(
            acronyms.insert(entry.acronym.to_lowercase()),
            "{} twice",
            entry.acronym
        );
        assert!(
            !entry.acronym.is_empty() && !entry.acronym.contains(char::is_whitespace),
            "{:?}: an acronym is one word",
            entry.acronym
        );
        assert!(
            !entry.name.trim().is_empty(),
            "{} has no name",
            entry.acronym
        );
        assert!(
            !entry.location.trim().is_empty(),
            "{} has no location",
            entry.acronym
        );
        assert!(!entry.places.is_empty(), "{} has no place", entry.acronym);
        for name in entry.all_places().chain(entry.other_names.iter().copied()) {
            assert!(
                !normalise(name).is_empty(),
                "{}: {name:?} has no words",
                entry.acronym
            );
        }
    }
    // Kinds in the order `c34 missions` lists them.
    let rank = |kind: Kind| match kind {
        Kind::PeacekeepingOperation => 0,
        Kind::SpecialPoliticalMission | Kind::Office => 1,
        Kind::Partner => 2,
    };
    assert!(
        data.entries
            .windows(2)
            .all(|w| rank(w[0].kind) <= rank(w[1].kind))
    );
    for (place, others) in &data.place_names {
        assert!(
            data.entries.iter().any(|e| e.places.contains(place)),
            "[[place]] {place:?} is no mission's place"
        );
        assert!(
            !others.is_empty(),
            "[[place]] {place:?} gives no other name"
        );
    }
    let mut shorts = std::collections::HashSet::new();
    for alias in &data.aliases {
        assert!(
            shorts.insert(alias.short.to_lowercase()),
            "alias {} twice",
            alias.short
        );
        assert!(
            !alias.expansions.is_empty(),
            "alias {} means nothing",
            alias.short
        );
        for expansion in &alias.expansions {
            assert!(
                !normalise(expansion).is_empty(),
                "{}: {expansion:?}",
                alias.short
            );
        }
    }
}

#[test]
fn a_broken_file_names_the_line() {
    let error = parse("[[mission]]\nacronym = \"X\"\nname = 3\n").unwrap_err();
    assert!(error.to_string().contains("line 3"), "{error}");
    // Optional fields default to empty.
    let data =
        parse("[[mission]]\nacronym = \"X\"\nname = \"Y\"\nlocation = \"Z\"\nkind = \"office\"\n")
            .unwrap();
    assert!(data.entries[0].places.is_empty() && data.aliases.is_empty());
}

#[test]
fn french_and_spanish_places_are_the_english_place() {
    let g = gazetteer();
    let key = |place: &str| g.lookup(&normalise(place)).unwrap();
    for (english, others) in [
        ("South Sudan", &["Soudan du Sud", "Sudán del Sur"][..]),
        (
            "Central African Republic",
            &[
                "République centrafricaine",
                "República Centroafricana",
                "RCA",
            ],
        ),
        (
            "Democratic Republic of the Congo",
            &["RDC", "DRC", "République démocratique du Congo"],
        ),
        ("Cyprus", &["Chypre", "Chipre"]),
    ] {
        for other in others {
            assert!(g.same_place(key(english), key(other)), "{other}");
            assert_eq!(
                g.key(key(english)).unwrap().missions().collect::<Vec<_>>(),
                g.key(key(other)).unwrap().missions().collect::<Vec<_>>()
            );
        }
    }
    assert!(!g.same_place(key("Sudan"), key("South Sudan")));
    assert!(!g.same_place(key("Soudan"), key("Soudan du Sud")));
}

#[test]
fn the_embedded_dataset_names_the_missions_it_lists() {
    // Checked here rather than at every start (see `reconcile`).
    let dataset = Dataset::embedded();
    assert_eq!(index(&dataset), dataset.missions);
}

/// Every gazetteer name, acronym and place, written as a reader would meet it (capitals, all
/// capitals, small words, a line break, accents): the prefilter must never hide a key.
fn written_forms() -> Vec<String> {
    let mut forms = Vec::new();
    for entry in entries() {
        let names = std::iter::once(entry.acronym)
            .chain(std::iter::once(entry.name))
            .chain(entry.other_names.iter().copied())
            .chain(entry.places.iter().copied())
            .chain(entry.other_places.iter().copied());
        for name in names {
            forms.push(format!("Support to the {name}, in 2021."));
            forms.push(format!("({})", name.to_uppercase()));
            forms.push(format!("the {}.", name.replace(' ', "\n")));
            forms.push(name.to_lowercase());
        }
    }
    for (_, others) in &data().place_names {
        for other in others {
            forms.push(format!("à {other}"));
        }
    }
    forms
}

/// The sentences of `text` the search index reads for keys.
fn key_sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let sentences = text::sentences(text);
    let keep = gazetteer().may_hold_keys(text, &sentences);
    sentences
        .into_iter()
        .zip(keep)
        .filter_map(|(sentence, keep)| keep.then_some(sentence))
        .collect()
}

/// The missions `text` mentions, reading only the sentences the prefilter keeps.
fn read_in_part(text: &str) -> Vec<usize> {
    let gazetteer = gazetteer();
    let mut found: Vec<usize> = gazetteer
        .mention_sentences(text)
        .into_iter()
        .flat_map(|sentence| gazetteer.mentioned_in(&text[sentence]))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Every mission `text` names (places too), reading only the sentences the key prefilter keeps.
fn named_in_part(text: &str) -> Vec<(usize, By)> {
    let gazetteer = gazetteer();
    let mut found: Vec<(usize, By)> = Vec::new();
    for sentence in key_sentences(text) {
        for (mission, by) in gazetteer.named_in(&text[sentence]) {
            match found.iter_mut().find(|(m, _)| *m == mission) {
                Some((_, known)) => *known = (*known).min(by),
                None => found.push((mission, by)),
            }
        }
    }
    found.sort_unstable();
    found
}

#[test]
fn the_prefilter_passes_every_written_key() {
    let gazetteer = gazetteer();
    for form in written_forms() {
        assert_eq!(
            read_in_part(&form),
            gazetteer.mentioned_in(&form),
            "{form:?}"
        );
        assert_eq!(named_in_part(&form), gazetteer.named_in(&form), "{form:?}");
    }
}

#[test]
fn the_prefilter_skips_text_without_a_key_and_reads_accents_anywhere() {
    let gazetteer = gazetteer();
    let plain = "The Secretariat continues to strengthen cooperation and operations.";
    assert!(gazetteer.named_in(plain).is_empty());
    assert!(gazetteer.mention_sentences(plain).is_empty());
    assert!(key_sentences(plain).is_empty());
    // An accented letter may fold into any key's word: such a sentence is always read, the
    // others of its paragraph not.
    let text = "Côté cooperation. The Secretariat continues.";
    assert_eq!(
        gazetteer.mention_sentences(text),
        vec![0.."Côté cooperation.".len()]
    );
    // Only the sentence with an anchor is read.
    let text = "Operations continue. MINUSMA reported. Support continues.";
    assert_eq!(gazetteer.mention_sentences(text), vec![21..38]);
}

#[test]
fn the_missions_index_is_the_same_with_and_without_the_prefilter() {
    let dataset = Dataset::embedded();
    let named = index(&dataset);
    let gazetteer = gazetteer();
    // Read every response whole, skipping nothing: the missions it names by acronym or name.
    let mut expected: Vec<(usize, u32)> = Vec::new();
    for (_, recommendation) in dataset.recommendations() {
        for paragraph in &recommendation.paragraphs {
            for mission in gazetteer.mentioned_in(paragraph) {
                expected.push((mission, recommendation.para));
            }
        }
    }
    expected.sort_unstable();
    expected.dedup();
    let mut found: Vec<(usize, u32)> = named
        .iter()
        .flat_map(|m| {
            let mission = position(&m.acronym).expect("a gazetteer mission");
            m.paras.iter().map(move |&para| (mission, para))
        })
        .collect();
    found.sort_unstable();
    assert!(!found.is_empty());
    assert_eq!(found, expected);
}

#[test]
fn the_missions_index_read_in_parts_is_the_index_read_at_once() {
    let dataset = Dataset::embedded();
    let recommendations: Vec<_> = dataset.recommendations().collect();
    let once = index_in(&recommendations, 1);
    assert!(!once.is_empty());
    for threads in [2, 3, 7] {
        assert_eq!(
            index_in(&recommendations, threads),
            once,
            "{threads} threads"
        );
    }
    assert_eq!(index(&dataset), once);
}

proptest::proptest! {
    #[test]
    fn the_prefilter_never_hides_a_key(
        picks in proptest::collection::vec((0usize..10_000, 0u8..4), 1..12),
        glue in proptest::collection::vec(proptest::sample::select(vec![" ", " of the ", "\n", ", ", ". ", "-", " in "]), 12),
    ) {
        let forms = written_forms();
        let mut text = String::new();
        for (i, (pick, case)) in picks.iter().enumerate() {
            let form = &forms[pick % forms.len()];
            let form = match case {
                0 => form.clone(),
                1 => form.to_uppercase(),
                2 => form.to_lowercase(),
                _ => form.split_whitespace().rev().collect::<Vec<_>>().join(" "),
            };
            text.push_str(&form);
            text.push_str(glue[i % glue.len()]);
        }
        let gazetteer = gazetteer();
        proptest::prop_assert_eq!(read_in_part(&text), gazetteer.mentioned_in(&text), "{:?}", text);
        proptest::prop_assert_eq!(named_in_part(&text), gazetteer.named_in(&text), "{:?}", text);
    }
}

/// `text`'s words as [`Gazetteer::find_in_text`] streams them.
fn stream_of(text: &str) -> WordStream {
    let mut stream = WordStream::default();
    let mut token = 0;
    for (_, words) in text::sentence_words(text) {
        for word in words {
            stream.push_word(token, &text[word]);
            token += 1;
        }
        stream.end_sentence();
    }
    stream
}

/// The hits of both ways of finding keys, sorted as `find` sorts them.
fn both_ways(text: &str) -> (Vec<KeyHit>, Vec<KeyHit>) {
    let gazetteer = gazetteer();
    let stream = stream_of(text);
    let order = |hits: &mut Vec<KeyHit>| {
        hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.key));
    };
    let (mut looked_up, mut matched) =
        (gazetteer.look_up(&stream), gazetteer.run_automaton(&stream));
    order(&mut looked_up);
    order(&mut matched);
    (looked_up, matched)
}

#[test]
fn looking_keys_up_finds_what_the_automaton_finds() {
    let dataset = Dataset::embedded();
    let mut found = 0;
    for (_, recommendation) in dataset.recommendations() {
        let text = recommendation.paragraphs.join("\n\n");
        let (looked_up, matched) = both_ways(&text);
        assert_eq!(looked_up, matched, "¶ {}", recommendation.para);
        found += matched.len();
    }
    assert!(found > 100, "{found}");
    for form in written_forms() {
        let (looked_up, matched) = both_ways(&form);
        assert_eq!(looked_up, matched, "{form:?}");
    }
}

proptest::proptest! {
    #[test]
    fn looking_keys_up_agrees_with_the_automaton_on_mixed_text(
        picks in proptest::collection::vec((0usize..10_000, 0u8..3), 1..12),
        glue in proptest::collection::vec(proptest::sample::select(vec![" ", " of the ", "\n", ". ", ". The ", "-", " in "]), 12),
    ) {
        let forms = written_forms();
        let mut text = String::new();
        for (i, (pick, case)) in picks.iter().enumerate() {
            let form = &forms[pick % forms.len()];
            text.push_str(&match case {
                0 => form.clone(),
                1 => form.to_uppercase(),
                _ => form.split_whitespace().rev().collect::<Vec<_>>().join(" "),
            });
            text.push_str(glue[i % glue.len()]);
        }
        let (looked_up, matched) = both_ways(&text);
        proptest::prop_assert_eq!(looked_up, matched, "{:?}", text);
    }
}

#[test]
fn the_gazetteer_the_build_embedded_is_the_file() {
    let file = parse(GAZETTEER_TOML).unwrap_or_else(|e| panic!("{e}"));
    let embedded = data();
    assert!(!embedded.entries.is_empty() && !embedded.aliases.is_empty());
    assert_eq!(embedded.entries, file.entries);
    assert_eq!(embedded.place_names, file.place_names);
    assert_eq!(embedded.aliases, file.aliases);
}

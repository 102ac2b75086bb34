//! Each competency question of shared/spec/competency-questions.md, asked
//! of the graph of `seeds/` through its query in `queries/`, against the
//! answer in `tests/data/cq/`.

mod common;

macro_rules! competency_questions {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                common::check_competency_question($name);
            }
        )*
    };
}

competency_questions! {
    cq01_osce_field_missions => "cq01-osce-field-missions",
    cq02_engagements_where_when => "cq02-engagements-where-when",
    cq03_bih_assessment_topics => "cq03-bih-assessment-topics",
    cq04_armenia_workshop_roles => "cq04-armenia-workshop-roles",
    cq05_podgorica_vacancies => "cq05-podgorica-vacancies",
    cq06_osce_units => "cq06-osce-units",
    cq07_dcaf_odihr_publications => "cq07-dcaf-odihr-publications",
    cq08_gender_publications => "cq08-gender-publications",
    cq09_corruption_publications => "cq09-corruption-publications",
    cq10_police_reform_places => "cq10-police-reform-places",
    cq11_ukraine_almanac => "cq11-ukraine-almanac",
    cq12_osce_demining => "cq12-osce-demining",
    cq13_salw_agreement_parties => "cq13-salw-agreement-parties",
    cq14_central_actors => "cq14-central-actors",
    cq16_evidence_montenegro_mission => "cq16-evidence-montenegro-mission",
    cq17_no_page_furniture => "cq17-no-page-furniture",
}

#[test]
fn every_query_has_a_test() {
    let names: Vec<String> = std::fs::read_dir(common::root().join("queries"))
        .unwrap_or_else(|e| panic!("queries/: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rq"))
        .collect();
    let source = include_str!("competency.rs");
    for name in names {
        let stem = name.trim_end_matches(".rq");
        assert!(source.contains(&format!("\"{stem}\"")), "queries/{name} has no test");
    }
}

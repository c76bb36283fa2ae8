//! Where a track sits in the remediation plan. The stage follows from the files its
//! exercises edit, as the plan assigns findings (tests: stage 2, the rest: stage 3);
//! the weeks come from the last audit's computed schedule, when there is one.

use otp_audit_engine::FileScope;
use otp_audit_project::report::{Area, Schedule, StageKind, weeks};
use otp_audit_workshop::Exercise;

/// The plan stage whose findings an exercise's file belongs to.
pub fn of_exercise(ex: &Exercise) -> StageKind {
    match Area::of_scope(FileScope::of_path(&ex.path)) {
        Area::Tests => StageKind::TestRemediation,
        Area::Production | Area::Other => StageKind::ProductionHardening,
    }
}

/// The stages a track's exercises belong to, in plan order, once each.
pub fn of_track<'a>(exercises: impl IntoIterator<Item = &'a Exercise>) -> Vec<StageKind> {
    let mut kinds: Vec<StageKind> = exercises.into_iter().map(of_exercise).collect();
    kinds.sort_by_key(|k| k.number());
    kinds.dedup();
    kinds
}

/// `Stage 2 of the remediation plan: Test suite remediation.`, and with the last
/// audit (its name and schedule) when that stage falls in it.
pub fn label(kinds: &[StageKind], last: Option<(&str, &Schedule)>) -> String {
    kinds
        .iter()
        .map(|k| {
            let n = k.number();
            let mut s = format!("Stage {n} of the remediation plan: {}", k.title());
            let entry = last.and_then(|(name, sch)| {
                Some((name, sch, sch.entries.iter().find(|e| e.stage == n)?))
            });
            match entry {
                Some((name, _, e)) if e.weeks == 0 => {
                    s.push_str(&format!(", nothing to do in the plan for {name}"));
                }
                Some((name, sch, e)) => s.push_str(&format!(
                    ", {} of the plan for {name} at {} h a week",
                    weeks(e),
                    sch.hours_per_week
                )),
                None => {}
            }
            s + "."
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use otp_audit_project::report::ScheduleEntry;

    fn ex(path: &str) -> Exercise {
        let mut e = otp_audit_workshop::curriculum::packs().unwrap()[0].exercises[0].clone();
        e.path = path.into();
        e
    }

    #[test]
    fn the_stage_follows_the_file_and_the_weeks_the_schedule() {
        let exercises = [ex("test/a_test.exs"), ex("lib/a.ex"), ex("test/b_test.exs")];
        let kinds = of_track(&exercises);
        assert_eq!(
            kinds,
            [StageKind::TestRemediation, StageKind::ProductionHardening]
        );
        assert_eq!(
            label(&kinds[..1], None),
            "Stage 2 of the remediation plan: Test suite remediation."
        );
        let schedule = Schedule {
            hours_per_week: 6,
            total_minutes: 0,
            total_weeks: 4,
            entries: [(1, 1, 1), (2, 3, 2), (3, 0, 0)]
                .into_iter()
                .map(|(stage, weeks, first_week)| ScheduleEntry {
                    stage,
                    title: String::new(),
                    effort_minutes: 0,
                    weeks,
                    first_week,
                    last_week: first_week + weeks.saturating_sub(1),
                })
                .collect(),
        };
        assert_eq!(
            label(&kinds, Some(("shop.zip", &schedule))),
            "Stage 2 of the remediation plan: Test suite remediation, weeks 2–4 of the plan for shop.zip at 6 h a week. \
             Stage 3 of the remediation plan: Production hardening, nothing to do in the plan for shop.zip."
        );
    }
}

//! What the workshop offers: the built-in curriculum plus the trainer packs loaded on
//! this machine, and the workshop's routes. Pure, so it is tested natively.

use crate::sections::percent_decode;
use otp_audit_workshop::{Exercise, Pack, Track, curriculum};

pub struct Catalog {
    /// Built-in packs first, then loaded ones in loading order.
    pub packs: Vec<Pack>,
    builtin: usize,
}

impl Catalog {
    pub fn builtin() -> Catalog {
        let packs = curriculum::packs().unwrap_or_else(|(file, e)| {
            // The curriculum tests keep this from happening in a release.
            panic!("built-in curriculum {file}: {e}")
        });
        let builtin = packs.len();
        Catalog { packs, builtin }
    }

    pub fn is_builtin(&self, pack_id: &str) -> bool {
        self.packs[..self.builtin].iter().any(|p| p.id == pack_id)
    }

    /// The trainer packs, built-in ones left out.
    pub fn loaded(&self) -> &[Pack] {
        &self.packs[self.builtin..]
    }

    /// Add a trainer pack, replacing an earlier version of the same pack. Its exercise
    /// ids must not clash with another pack's: progress is kept by exercise id.
    pub fn add(&mut self, pack: Pack) -> Result<(), String> {
        if self.is_builtin(&pack.id) {
            return Err(format!(
                "id: \"{}\" is the id of a built-in pack; give the trainer pack its own id",
                pack.id
            ));
        }
        for (i, ex) in pack.exercises.iter().enumerate() {
            if let Some(other) = self
                .packs
                .iter()
                .filter(|p| p.id != pack.id)
                .find(|p| p.exercise(&ex.id).is_some())
            {
                return Err(format!(
                    "exercises[{i}].id: \"{}\" is already an exercise of the pack \"{}\"; exercise ids must be unique across loaded packs",
                    ex.id, other.title
                ));
            }
        }
        match self.packs.iter().position(|p| p.id == pack.id) {
            Some(i) => self.packs[i] = pack,
            None => self.packs.push(pack),
        }
        Ok(())
    }

    pub fn remove(&mut self, pack_id: &str) {
        if !self.is_builtin(pack_id) {
            self.packs.retain(|p| p.id != pack_id);
        }
    }

    pub fn exercise(&self, id: &str) -> Option<(&Pack, &Exercise)> {
        self.packs
            .iter()
            .find_map(|p| p.exercise(id).map(|e| (p, e)))
    }

    pub fn tracks(&self) -> impl Iterator<Item = (&Pack, &Track)> {
        self.packs
            .iter()
            .flat_map(|p| p.tracks.iter().map(move |t| (p, t)))
    }

    pub fn exercise_count(&self) -> usize {
        self.packs.iter().map(|p| p.exercises.len()).sum()
    }

    /// The exercise after `id` in the same track, for the "next" link.
    pub fn next_after(&self, id: &str) -> Option<&Exercise> {
        let (pack, ex) = self.exercise(id)?;
        let mut it = pack.track_exercises(&ex.track).skip_while(|e| e.id != id);
        it.next();
        it.next()
    }
}

/// A view of the workshop, from the part of the fragment after `#/workshop`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    List,
    Exercise(String),
    Present(String),
}

impl Route {
    /// The route and a `pack=` URL to load, from `ex/some-id`, `present/some-id` or
    /// `?pack=/packs/x.json`.
    pub fn parse(rest: &str) -> (Route, Option<String>) {
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let pack = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("pack="))
            .map(percent_decode)
            .filter(|p| !p.is_empty());
        let path = path.trim_matches('/');
        let route = if let Some(id) = path.strip_prefix("ex/") {
            Route::Exercise(percent_decode(id))
        } else if let Some(id) = path.strip_prefix("present/") {
            Route::Present(percent_decode(id))
        } else {
            Route::List
        };
        (route, pack)
    }

    pub fn href(&self) -> String {
        match self {
            Route::List => "#/workshop".into(),
            Route::Exercise(id) => format!("#/workshop/ex/{id}"),
            Route::Present(id) => format!("#/workshop/present/{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str =
        include_str!("../../../crates/otp-audit-workshop/packs/example-trainer-pack.json");

    #[test]
    fn routes() {
        assert_eq!(Route::parse(""), (Route::List, None));
        assert_eq!(
            Route::parse("ex/sleep-after-cast"),
            (Route::Exercise("sleep-after-cast".into()), None)
        );
        assert_eq!(
            Route::parse("present/x"),
            (Route::Present("x".into()), None)
        );
        assert_eq!(
            Route::parse("?pack=%2Fpacks%2Fa.json"),
            (Route::List, Some("/packs/a.json".into()))
        );
        assert_eq!(
            Route::parse("ex/a?pack=/p.json&x=1"),
            (Route::Exercise("a".into()), Some("/p.json".into()))
        );
        assert_eq!(Route::Exercise("a".into()).href(), "#/workshop/ex/a");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn stored_packs_parse_back_to_themselves() {
        // Loaded packs are kept in localStorage as their serialized form.
        for pack in Catalog::builtin()
            .packs
            .into_iter()
            .chain([Pack::from_json(EXAMPLE).unwrap()])
        {
            let text = serde_json::to_string(&pack).unwrap();
            assert_eq!(Pack::from_json(&text).unwrap(), pack);
        }
    }

    #[test]
    fn packs_are_added_replaced_and_removed() {
        let mut c = Catalog::builtin();
        let n = c.exercise_count();
        assert!(n >= 20);
        let pack = Pack::from_json(EXAMPLE).unwrap();
        c.add(pack.clone()).unwrap();
        assert_eq!(c.exercise_count(), n + 2);
        c.add(pack.clone()).unwrap();
        assert_eq!(c.exercise_count(), n + 2, "a reloaded pack replaces itself");
        assert_eq!(c.loaded().len(), 1);
        assert_eq!(
            c.next_after("warmup-assert-receive").unwrap().id,
            "warmup-call-timeout"
        );
        let mut clash = pack.clone();
        clash.id = "other".into();
        assert!(c.add(clash).unwrap_err().starts_with("exercises[0].id: "));
        let mut builtin = pack;
        builtin.id = "test-hygiene".into();
        assert!(c.add(builtin).unwrap_err().starts_with("id: "));
        c.remove("example-trainer-pack");
        assert_eq!(c.exercise_count(), n);
        c.remove("test-hygiene");
        assert_eq!(c.exercise_count(), n, "built-in packs stay");
    }
}

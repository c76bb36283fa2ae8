//! The pack format: one JSON document with tracks and exercises. Parsed by hand over
//! `serde_json::Value` rather than derived, so that every error names the field it is
//! about (`exercises[3].checks[1].kind: unknown check "foo"; expected one of ...`).

use crate::checks::Check;
use otp_audit_engine::{guide, rules};
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

/// The version of the pack format this crate reads.
pub const FORMAT: u64 = 1;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pack {
    pub format: u64,
    pub id: String,
    pub title: String,
    pub description: String,
    pub tracks: Vec<Track>,
    pub exercises: Vec<Exercise>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Track {
    pub id: String,
    pub title: String,
    /// What the track is about and which stage of the audit plan it belongs to.
    pub overview: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exercise {
    pub id: String,
    pub track: String,
    pub title: String,
    pub brief: String,
    /// The file's path; it sets the scope (`lib/`, `test/`) the rules see.
    pub path: String,
    /// Rule ids whose findings must be gone.
    pub rules: Vec<String>,
    pub hints: Vec<Hint>,
    pub start: String,
    pub solution: String,
    pub checks: Vec<Check>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hint {
    pub text: String,
    /// A guide reference (`test/no-sleep#how-to-fix`, `patterns#mg-5-...`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
}

/// A problem in a pack, at a field path such as `exercises[3].checks[1].kind`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for PackError {}

pub type Result<T> = std::result::Result<T, PackError>;

/// A JSON value with the path that leads to it.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub value: &'a Value,
    pub path: &'a str,
}

pub(crate) fn err<T>(path: &str, message: impl Into<String>) -> Result<T> {
    Err(PackError {
        path: path.to_string(),
        message: message.into(),
    })
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// An object's fields, read one by one; unknown fields are an error.
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: &'a str,
}

impl<'a> Fields<'a> {
    pub fn of(at: At<'a>, allowed: &[&str]) -> Result<Fields<'a>> {
        let Value::Object(map) = at.value else {
            return err(
                at.path,
                format!("expected an object, found {}", type_name(at.value)),
            );
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                return err(
                    &join(at.path, key),
                    format!("unknown field; expected one of {}", allowed.join(", ")),
                );
            }
        }
        Ok(Fields { map, path: at.path })
    }

    pub fn path(&self, key: &str) -> String {
        join(self.path, key)
    }

    pub fn opt_value(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<String>> {
        match self.opt_value(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => err(
                &self.path(key),
                format!("expected a string, found {}", type_name(v)),
            ),
        }
    }

    /// A string that must be there and not be blank.
    pub fn str(&self, key: &str) -> Result<String> {
        match self.opt_str(key)? {
            None => err(&self.path(key), "missing; it is required"),
            Some(s) if s.trim().is_empty() => err(&self.path(key), "must not be empty"),
            Some(s) => Ok(s),
        }
    }

    pub fn opt_uint(&self, key: &str) -> Result<Option<u64>> {
        match self.opt_value(key) {
            None => Ok(None),
            Some(v) => match v.as_u64() {
                Some(n) => Ok(Some(n)),
                None => err(
                    &self.path(key),
                    format!("expected a whole number, found {}", type_name(v)),
                ),
            },
        }
    }

    pub fn array(&self, key: &str) -> Result<&'a Vec<Value>> {
        match self.opt_value(key) {
            None => err(&self.path(key), "missing; it is required"),
            Some(Value::Array(a)) => Ok(a),
            Some(v) => err(
                &self.path(key),
                format!("expected an array, found {}", type_name(v)),
            ),
        }
    }
}

/// An id as used in URLs and storage keys: lowercase letters, digits and dashes.
fn check_id(path: &str, id: &str) -> Result<()> {
    let ok = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && id.len() <= 64;
    if ok {
        Ok(())
    } else {
        err(
            path,
            format!("\"{id}\" is not a valid id; use lowercase letters, digits and dashes"),
        )
    }
}

impl Pack {
    /// Parse and validate a pack's JSON text.
    pub fn from_json(text: &str) -> Result<Pack> {
        let value: Value = serde_json::from_str(text).map_err(|e| PackError {
            path: String::new(),
            message: format!(
                "not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        })?;
        Pack::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<Pack> {
        let top = Fields::of(
            At { value, path: "" },
            &[
                "$schema",
                "format",
                "id",
                "title",
                "description",
                "tracks",
                "exercises",
            ],
        )?;
        let format = match top.opt_uint("format")? {
            None => return err("format", "missing; it is required (use 1)"),
            Some(FORMAT) => FORMAT,
            Some(n) => {
                return err(
                    "format",
                    format!("version {n} is not supported; this app reads format {FORMAT}"),
                );
            }
        };
        let id = top.str("id")?;
        check_id("id", &id)?;
        let title = top.str("title")?;
        let description = top.opt_str("description")?.unwrap_or_default();

        let mut tracks = Vec::new();
        for (i, v) in top.array("tracks")?.iter().enumerate() {
            let path = format!("tracks[{i}]");
            let f = Fields::of(
                At {
                    value: v,
                    path: &path,
                },
                &["id", "title", "overview"],
            )?;
            let track = Track {
                id: f.str("id")?,
                title: f.str("title")?,
                overview: f.str("overview")?,
            };
            check_id(&f.path("id"), &track.id)?;
            if tracks.iter().any(|t: &Track| t.id == track.id) {
                return err(
                    &f.path("id"),
                    format!("track \"{}\" is defined twice", track.id),
                );
            }
            tracks.push(track);
        }
        if tracks.is_empty() {
            return err("tracks", "a pack needs at least one track");
        }

        let mut exercises: Vec<Exercise> = Vec::new();
        for (i, v) in top.array("exercises")?.iter().enumerate() {
            let path = format!("exercises[{i}]");
            let ex = parse_exercise(
                At {
                    value: v,
                    path: &path,
                },
                &tracks,
            )?;
            if exercises.iter().any(|e| e.id == ex.id) {
                return err(
                    &format!("{path}.id"),
                    format!("exercise \"{}\" is defined twice", ex.id),
                );
            }
            exercises.push(ex);
        }
        if exercises.is_empty() {
            return err("exercises", "a pack needs at least one exercise");
        }
        Ok(Pack {
            format,
            id,
            title,
            description,
            tracks,
            exercises,
        })
    }

    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// The exercises of a track, in pack order.
    pub fn track_exercises<'a>(&'a self, track: &'a str) -> impl Iterator<Item = &'a Exercise> {
        self.exercises.iter().filter(move |e| e.track == track)
    }
}

fn parse_exercise(at: At, tracks: &[Track]) -> Result<Exercise> {
    let f = Fields::of(
        at,
        &[
            "id", "track", "title", "brief", "path", "rules", "hints", "start", "solution",
            "checks",
        ],
    )?;
    let id = f.str("id")?;
    check_id(&f.path("id"), &id)?;
    let track = f.str("track")?;
    if !tracks.iter().any(|t| t.id == track) {
        let ids: Vec<&str> = tracks.iter().map(|t| t.id.as_str()).collect();
        return err(
            &f.path("track"),
            format!(
                "no track \"{track}\" in this pack; expected one of {}",
                ids.join(", ")
            ),
        );
    }
    let path = f.str("path")?;
    if path.starts_with('/')
        || path.contains("..")
        || !(path.ends_with(".ex") || path.ends_with(".exs"))
    {
        return err(
            &f.path("path"),
            format!(
                "\"{path}\" must be a relative path to an .ex or .exs file, such as lib/my_app/worker.ex"
            ),
        );
    }

    let mut rule_ids = Vec::new();
    for (i, v) in f.array("rules")?.iter().enumerate() {
        let p = format!("{}[{i}]", f.path("rules"));
        let Some(r) = v.as_str() else {
            return err(&p, format!("expected a rule id, found {}", type_name(v)));
        };
        if rules::by_id(r).is_none() {
            return err(
                &p,
                format!(
                    "unknown rule \"{r}\"; use an id such as test/no-sleep (see the rule list in the README)"
                ),
            );
        }
        rule_ids.push(r.to_string());
    }
    if rule_ids.is_empty() {
        return err(&f.path("rules"), "an exercise targets at least one rule");
    }

    let mut hints = Vec::new();
    for (i, v) in f.array("hints")?.iter().enumerate() {
        let p = format!("{}[{i}]", f.path("hints"));
        hints.push(parse_hint(At { value: v, path: &p })?);
    }
    if hints.is_empty() {
        return err(&f.path("hints"), "an exercise has at least one hint");
    }

    let mut checks = Vec::new();
    for (i, v) in f.array("checks")?.iter().enumerate() {
        let p = format!("{}[{i}]", f.path("checks"));
        checks.push(Check::parse(At { value: v, path: &p })?);
    }
    if checks.is_empty() {
        return err(
            &f.path("checks"),
            "an exercise declares at least one behaviour check, so that deleting the code does not solve it",
        );
    }

    Ok(Exercise {
        id,
        track,
        title: f.str("title")?,
        brief: f.str("brief")?,
        path,
        rules: rule_ids,
        hints,
        start: f.str("start")?,
        solution: f.str("solution")?,
        checks,
    })
}

fn parse_hint(at: At) -> Result<Hint> {
    if let Value::String(s) = at.value {
        if s.trim().is_empty() {
            return err(at.path, "must not be empty");
        }
        return Ok(Hint {
            text: s.clone(),
            guide: None,
        });
    }
    let f = Fields::of(at, &["text", "guide"])?;
    let guide_ref = f.opt_str("guide")?;
    if let Some(g) = &guide_ref
        && !guide::resolves(g)
    {
        return err(
            &f.path("guide"),
            format!(
                "\"{g}\" names no guide page or section; use rule/id or rule/id#heading-slug, or patterns#mg-..."
            ),
        );
    }
    Ok(Hint {
        text: f.str("text")?,
        guide: guide_ref,
    })
}

//! Name resolution: `alias`, `import`, Kernel's auto-imports, and the exports of the
//! standard modules our rules care about.

/// Functions of standard modules that an `import Mod` (without `only:`) brings in,
/// limited to the modules rules look at. `(module, name, arities)`.
pub(crate) const EXPORTS: &[(&str, &str, &[usize])] = &[
    ("Kernel", "send", &[2]),
    ("Kernel", "spawn", &[1, 3]),
    ("Kernel", "spawn_link", &[1, 3]),
    ("Kernel", "spawn_monitor", &[1, 3]),
    ("Kernel", "self", &[0]),
    ("Kernel", "apply", &[2, 3]),
    ("Kernel", "elem", &[2]),
    ("Kernel", "exit", &[1]),
    ("Kernel", "make_ref", &[0]),
    ("Kernel", "node", &[0, 1]),
    ("Process", "send", &[3]),
    ("Process", "send_after", &[3, 4]),
    ("Process", "sleep", &[1]),
    ("Process", "put", &[2]),
    ("Process", "get", &[0, 1, 2]),
    ("Process", "get_keys", &[0, 1]),
    ("Process", "delete", &[1]),
    ("Process", "monitor", &[1, 2]),
    ("Process", "demonitor", &[1, 2]),
    ("Process", "spawn", &[2, 4]),
    ("Process", "exit", &[2]),
    ("Process", "whereis", &[1]),
    ("Process", "flag", &[2, 3]),
    ("Process", "register", &[2]),
    ("Process", "alias", &[0, 1]),
    ("GenServer", "call", &[2, 3]),
    ("GenServer", "cast", &[2]),
    ("GenServer", "reply", &[2]),
    ("GenServer", "start", &[2, 3]),
    ("GenServer", "start_link", &[2, 3]),
    ("GenServer", "stop", &[1, 2, 3]),
    ("GenServer", "whereis", &[1]),
    ("Task", "async", &[1, 3]),
    ("Task", "await", &[1, 2]),
    ("Task", "start", &[1, 3]),
    ("Task", "start_link", &[1, 3]),
    ("Task", "yield", &[1, 2]),
    ("Agent", "start", &[1, 2, 3, 4]),
    ("Agent", "start_link", &[1, 2, 3, 4]),
    ("Agent", "get", &[2, 3, 4, 5]),
    ("Agent", "update", &[2, 3, 4, 5]),
    (":timer", "sleep", &[1]),
    (":timer", "send_after", &[2, 3]),
    (":timer", "send_interval", &[2, 3]),
    (":sys", "get_state", &[1, 2]),
    (":sys", "replace_state", &[2, 3]),
    (":sys", "get_status", &[1, 2]),
];

/// Is `module` one whose exports the table above lists completely enough to say
/// what an `import` of it brings in?
pub(crate) fn exports_known(module: &str) -> bool {
    EXPORTS.iter().any(|(m, _, _)| *m == module)
}

pub fn exports(module: &str, name: &str, arity: usize) -> bool {
    EXPORTS
        .iter()
        .any(|(m, n, a)| *m == module && *n == name && a.contains(&arity))
}

/// Which names an `import` brings in.
#[derive(Debug, Clone)]
pub enum ImportFilter {
    All,
    Only(Vec<(String, Option<usize>)>),
    Except(Vec<(String, Option<usize>)>),
}

#[derive(Debug, Clone)]
pub struct Import {
    pub module: String,
    pub filter: ImportFilter,
}

impl Import {
    /// Does this import make a local `name/arity` call a call to `self.module`?
    pub fn provides(&self, name: &str, arity: usize) -> bool {
        let listed = |list: &[(String, Option<usize>)]| {
            list.iter()
                .any(|(n, a)| n == name && a.is_none_or(|a| a == arity))
        };
        match &self.filter {
            // Only our table can tell what a bare import brings in.
            ImportFilter::All => exports(&self.module, name, arity),
            ImportFilter::Only(list) => listed(list),
            ImportFilter::Except(list) => !listed(list) && exports(&self.module, name, arity),
        }
    }
    /// May this import bring in `name/arity` without our table knowing? True for a
    /// bare or `except:` import of a module whose functions we do not list.
    pub fn may_provide(&self, name: &str, arity: usize) -> bool {
        match &self.filter {
            ImportFilter::Only(_) => self.provides(name, arity),
            _ if !exports_known(&self.module) => !self.excludes(name, arity),
            _ => self.provides(name, arity),
        }
    }
    /// `import Kernel, except: [send: 2]` removes an auto-import.
    pub fn excludes(&self, name: &str, arity: usize) -> bool {
        match &self.filter {
            ImportFilter::All => false,
            ImportFilter::Only(list) => !list
                .iter()
                .any(|(n, a)| n == name && a.is_none_or(|a| a == arity)),
            ImportFilter::Except(list) => list
                .iter()
                .any(|(n, a)| n == name && a.is_none_or(|a| a == arity)),
        }
    }
}

/// Lexical names in one scope (module body, function body, fn).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    pub aliases: Vec<(String, String)>,
    pub imports: Vec<Import>,
}

/// The scope chain, innermost last.
#[derive(Debug, Default)]
pub struct Scopes {
    pub stack: Vec<Scope>,
}

/// What an `alias`, `require ..., as:`, nested `defmodule` or `import` binds.
#[derive(Debug, Clone)]
pub enum Name {
    /// (short, full): `alias MyApp.Repo` binds `Repo` to `MyApp.Repo`.
    Alias(String, String),
    Import(Import),
}

/// A name bound by the code, with the bytes of source where it is in effect: from
/// its statement to the end of the enclosing lexical scope (module, def, test, fn).
#[derive(Debug, Clone)]
pub struct Binding {
    pub from: usize,
    pub until: usize,
    pub name: Name,
}

impl Scopes {
    /// The names in effect at byte `at`, rebuilt from the file's bindings (which are in
    /// source order). One flat scope is enough: a binding that is in effect at `at` and
    /// starts later is always the inner or the more recent one.
    pub fn at(bindings: &[Binding], at: usize) -> Scopes {
        let mut scope = Scope::default();
        for b in bindings.iter().filter(|b| b.from <= at && at < b.until) {
            match &b.name {
                Name::Alias(short, full) => scope.aliases.push((short.clone(), full.clone())),
                Name::Import(import) => scope.imports.push(import.clone()),
            }
        }
        Scopes { stack: vec![scope] }
    }

    /// Expand the first segment of `Foo.Bar` through the alias table. `Elixir.Foo` is
    /// never expanded: the prefix names the top-level module.
    pub fn expand_alias(&self, written: &str) -> String {
        if let Some(absolute) = written.strip_prefix("Elixir.") {
            return absolute.to_string();
        }
        let (head, rest) = match written.find('.') {
            Some(i) => (&written[..i], &written[i..]),
            None => (written, ""),
        };
        for scope in self.stack.iter().rev() {
            if let Some((_, full)) = scope.aliases.iter().rev().find(|(short, _)| short == head) {
                return format!("{full}{rest}");
            }
        }
        written.to_string()
    }

    /// Resolve a local call that is not a function of the enclosing module.
    pub fn resolve_local(&self, name: &str, arity: usize) -> Option<String> {
        let mut kernel_excluded = false;
        for scope in self.stack.iter().rev() {
            for import in scope.imports.iter().rev() {
                if import.module == "Kernel" {
                    kernel_excluded |= import.excludes(name, arity);
                } else if import.provides(name, arity) {
                    return Some(import.module.clone());
                }
            }
        }
        (!kernel_excluded && exports("Kernel", name, arity)).then(|| "Kernel".to_string())
    }

    /// Could a local call `name/arity` mean a function of an imported module whose
    /// exports we do not know?
    pub fn unknown_import_may_provide(&self, name: &str, arity: usize) -> bool {
        self.stack.iter().flat_map(|s| s.imports.iter()).any(|i| {
            i.module != "Kernel" && !exports_known(&i.module) && i.may_provide(name, arity)
        })
    }

    pub fn add_alias(&mut self, short: String, full: String) {
        if let Some(s) = self.stack.last_mut() {
            s.aliases.push((short, full));
        }
    }
    pub fn add_import(&mut self, import: Import) {
        if let Some(s) = self.stack.last_mut() {
            s.imports.push(import);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_except_hides_the_auto_import() {
        let mut s = Scopes::default();
        s.stack.push(Scope::default());
        assert_eq!(s.resolve_local("send", 2).as_deref(), Some("Kernel"));
        assert_eq!(s.resolve_local("send", 3), None);
        s.add_import(Import {
            module: "Kernel".into(),
            filter: ImportFilter::Except(vec![("send".into(), Some(2))]),
        });
        assert_eq!(s.resolve_local("send", 2), None);
    }

    #[test]
    fn import_only_and_aliases() {
        let mut s = Scopes::default();
        s.stack.push(Scope::default());
        s.add_import(Import {
            module: "Process".into(),
            filter: ImportFilter::Only(vec![("sleep".into(), Some(1))]),
        });
        s.add_alias("GS".into(), "GenServer".into());
        assert_eq!(s.resolve_local("sleep", 1).as_deref(), Some("Process"));
        assert_eq!(s.resolve_local("put", 2), None);
        assert_eq!(s.expand_alias("GS"), "GenServer");
        assert_eq!(s.expand_alias("GS.Sub"), "GenServer.Sub");
        assert_eq!(s.expand_alias("Other"), "Other");
    }
}

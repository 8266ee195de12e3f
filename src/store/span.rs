//! Positions of the values in a RON text, by path (`groups[0].items[2].max`), so that a
//! problem found after parsing can still be reported as `file:line:col`.
//!
//! This is a tolerant walker over the RON grammar, not a parser: it runs only on text serde has
//! already accepted, and simply stops where it does not understand the text.

use std::collections::HashMap;

use crate::model::Path;
use crate::model::path::Seg;

/// A 1-based line and column (in characters), as `ron` counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

pub struct SpanMap {
    spans: HashMap<String, Pos>,
}

impl SpanMap {
    pub fn new(text: &str) -> SpanMap {
        let mut w = Walker {
            chars: text.chars().collect(),
            at: 0,
            line: 1,
            col: 1,
            spans: HashMap::new(),
        };
        w.skip_ws();
        w.value(String::new());
        SpanMap { spans: w.spans }
    }

    /// Where the value at `path` starts, or its nearest enclosing value that the text has.
    pub fn locate(&self, path: &Path) -> Pos {
        let mut path = path.clone();
        loop {
            if let Some(pos) = self.spans.get(&key(&path)) {
                return *pos;
            }
            match path.parent() {
                Some(p) => path = p,
                None => return Pos { line: 1, col: 1 },
            }
        }
    }
}

fn key(path: &Path) -> String {
    let mut s = String::new();
    for seg in &path.0 {
        match seg {
            Seg::Field(name) => push_field(&mut s, name),
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
            Seg::Key(k) => push_key(&mut s, k),
        }
    }
    s
}

fn push_field(s: &mut String, name: &str) {
    if !s.is_empty() {
        s.push('.');
    }
    s.push_str(name);
}

fn push_key(s: &mut String, k: &str) {
    s.push_str(&format!("[{k:?}]"));
}

struct Walker {
    chars: Vec<char>,
    at: usize,
    line: usize,
    col: usize,
    spans: HashMap<String, Pos>,
}

impl Walker {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.at + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.bump(), self.peek()) {
                            (Some('*'), Some('/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                depth += 1;
                            }
                            (None, _) => return,
                            _ => {}
                        }
                    }
                }
                (Some('#'), _) => {
                    // `#![enable(...)]`: skip to the closing bracket.
                    while self.peek().is_some_and(|c| c != ']') {
                        self.bump();
                    }
                    self.bump();
                }
                _ => return,
            }
        }
    }

    fn record(&mut self, path: &str) {
        let pos = Pos {
            line: self.line,
            col: self.col,
        };
        self.spans.entry(path.to_string()).or_insert(pos);
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    fn string(&mut self) -> String {
        let mut s = String::new();
        if self.peek() == Some('r') {
            self.bump();
            let mut hashes = 0;
            while self.peek() == Some('#') {
                hashes += 1;
                self.bump();
            }
            self.bump(); // opening quote
            loop {
                match self.bump() {
                    None => return s,
                    Some('"') if (0..hashes).all(|n| self.peek_at(n) == Some('#')) => {
                        for _ in 0..hashes {
                            self.bump();
                        }
                        return s;
                    }
                    Some(c) => s.push(c),
                }
            }
        }
        self.bump(); // opening quote
        while let Some(c) = self.bump() {
            match c {
                '"' => break,
                '\\' => {
                    if let Some(e) = self.bump() {
                        s.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            other => other,
                        });
                    }
                }
                c => s.push(c),
            }
        }
        s
    }

    fn value(&mut self, path: String) {
        self.skip_ws();
        self.record(&path);
        match self.peek() {
            Some('(') => self.parens(&path),
            Some('[') => {
                self.bump();
                let mut i = 0;
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(']') | None => {
                            self.bump();
                            return;
                        }
                        _ => {}
                    }
                    let before = self.at;
                    self.value(format!("{path}[{i}]"));
                    i += 1;
                    self.skip_ws();
                    if self.peek() == Some(',') {
                        self.bump();
                    } else if self.at == before {
                        return;
                    }
                }
            }
            Some('{') => {
                self.bump();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some('}') | None => {
                            self.bump();
                            return;
                        }
                        Some('"') => {
                            // A map entry is located at its key: "which unit", "which criterion".
                            let key_pos = Pos {
                                line: self.line,
                                col: self.col,
                            };
                            let k = self.string();
                            self.skip_ws();
                            if self.peek() != Some(':') {
                                return;
                            }
                            self.bump();
                            let mut p = path.clone();
                            push_key(&mut p, &k);
                            self.spans.entry(p.clone()).or_insert(key_pos);
                            self.value(p);
                        }
                        _ => {
                            // A non-string key: walk it and its value without recording.
                            let before = self.at;
                            self.value(format!("{path}[?]"));
                            self.skip_ws();
                            if self.peek() == Some(':') {
                                self.bump();
                                self.value(format!("{path}[?]"));
                            } else if self.at == before {
                                return;
                            }
                        }
                    }
                    self.skip_ws();
                    if self.peek() == Some(',') {
                        self.bump();
                    }
                }
            }
            Some('"') => {
                self.string();
            }
            Some('r') if matches!(self.peek_at(1), Some('#' | '"')) => {
                self.string();
            }
            Some('\'') => {
                self.bump();
                while let Some(c) = self.bump() {
                    match c {
                        '\\' => {
                            self.bump();
                        }
                        '\'' => break,
                        _ => {}
                    }
                }
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                self.ident();
                self.skip_ws();
                if self.peek() == Some('(') {
                    self.parens(&path);
                }
            }
            Some(_) => {
                while self
                    .peek()
                    .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '+' | '_'))
                {
                    self.bump();
                }
            }
            None => {}
        }
    }

    /// The inside of `( … )`: named fields, or the transparent contents of a newtype.
    fn parens(&mut self, path: &str) {
        self.bump();
        loop {
            self.skip_ws();
            match self.peek() {
                Some(')') | None => {
                    self.bump();
                    return;
                }
                _ => {}
            }
            let before = self.at;
            if self.named_field_ahead() {
                let name = self.ident();
                self.skip_ws();
                self.bump(); // ':'
                let mut p = path.to_string();
                push_field(&mut p, &name);
                self.value(p);
            } else {
                self.value(path.to_string());
            }
            self.skip_ws();
            if self.peek() == Some(',') {
                self.bump();
            } else if self.at == before {
                return;
            }
        }
    }

    fn named_field_ahead(&self) -> bool {
        let mut n = 0;
        while self
            .peek_at(n)
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            n += 1;
        }
        if n == 0 {
            return false;
        }
        while self.peek_at(n).is_some_and(char::is_whitespace) {
            n += 1;
        }
        self.peek_at(n) == Some(':')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_fields_lists_and_map_keys() {
        let text = "#![enable(implicit_some)]\n// c\nScheme(\n  id: \"x\",\n  groups: [\n    Group(code: \"I\", items: [\n      Criterion(code: \"1\", max: 10),\n    ]),\n  ],\n  targets: { \"a\": { \"1\": 5 } },\n)\n";
        let map = SpanMap::new(text);
        let at = |p: Path| map.locate(&p);
        let root = Path::root();
        assert_eq!(at(root.field("id")), Pos { line: 4, col: 7 });
        let crit = root.field("groups").index(0).field("items").index(0);
        assert_eq!(at(crit.clone()), Pos { line: 7, col: 7 });
        assert_eq!(at(crit.field("max")), Pos { line: 7, col: 33 });
        // A map entry is located at its key.
        assert_eq!(
            at(root.field("targets").key("a").key("1")),
            Pos { line: 10, col: 21 }
        );
        // A field the text lacks falls back to its parent.
        assert_eq!(at(crit.field("scale")), Pos { line: 7, col: 7 });
    }
}

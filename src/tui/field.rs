//! A one- or multi-line text field that Vietnamese input methods can type into.
//!
//! Telex and VNI input methods replace a letter by sending a backspace and then the new text in
//! one burst; a paste can bring combining diacritics. The field keeps its text in NFC at all
//! times, keeps the cursor on a grapheme boundary and moves it by grapheme, so every burst
//! leaves the same text a careful typist would have.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Byte offset, always on a grapheme boundary.
    cursor: usize,
    multiline: bool,
}

impl TextField {
    pub fn new(text: &str) -> TextField {
        let text: String = text.nfc().collect();
        TextField {
            cursor: text.len(),
            text,
            multiline: false,
        }
    }

    pub fn multiline(text: &str) -> TextField {
        TextField {
            multiline: true,
            ..TextField::new(text)
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts typed or pasted text at the cursor. A one-line field turns line breaks into
    /// spaces; a multi-line field keeps them as `\n`.
    pub fn insert(&mut self, input: &str) {
        let input = input.replace("\r\n", "\n").replace('\r', "\n");
        let input = if self.multiline {
            input
        } else {
            input.replace('\n', " ")
        };
        let input: String = input
            .chars()
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        if input.is_empty() {
            return;
        }
        // A combining mark typed after a letter composes with it, and one after the cursor can
        // compose with what is typed: the last grapheme before the cursor, the input and the
        // first grapheme after it are normalised together. The rest of the text is NFC already
        // and stays as it is, so typing a long note costs the same for every key.
        let start = self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(self.cursor, |(i, _)| i);
        let end = self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len());
        let before: String = format!("{}{}", &self.text[start..self.cursor], input)
            .nfc()
            .collect();
        let joined = format!("{before}{}", &self.text[self.cursor..end]);
        let normal: String = joined.nfc().collect();
        let cursor = if normal == joined {
            before.len()
        } else {
            // The text after the cursor began with a combining mark that has now composed:
            // keep the cursor after as many graphemes as were before it.
            let graphemes = before.graphemes(true).count();
            normal
                .grapheme_indices(true)
                .nth(graphemes)
                .map_or(normal.len(), |(i, _)| i)
        };
        self.text.replace_range(start..end, &normal);
        self.cursor = start + cursor;
    }

    /// Deletes the grapheme before the cursor (what an input method's backspace means).
    pub fn backspace(&mut self) {
        if let Some((start, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.text.replace_range(start..self.cursor, "");
            self.cursor = start;
        }
    }

    /// Deletes the grapheme after the cursor.
    pub fn delete(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            let end = self.cursor + g.len();
            self.text.replace_range(self.cursor..end, "");
        }
    }

    pub fn left(&mut self) {
        if let Some((start, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.cursor = start;
        }
    }

    pub fn right(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            self.cursor += g.len();
        }
    }

    /// To the start of the current line.
    pub fn home(&mut self) {
        self.cursor = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
    }

    /// To the end of the current line.
    pub fn end(&mut self) {
        self.cursor = self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i);
    }

    /// The editing keys: typed or pasted text, Backspace, Delete and moving the cursor. Other
    /// actions are the dialog's.
    pub fn act(&mut self, action: &super::keymap::Action) {
        use super::keymap::Action;
        match action {
            Action::Input(text) => self.insert(text),
            Action::Backspace => self.backspace(),
            Action::Delete => self.delete(),
            Action::Left => self.left(),
            Action::Right => self.right(),
            Action::Home => self.home(),
            Action::End => self.end(),
            _ => {}
        }
    }

    /// To the end of the whole text.
    pub fn end_of_text(&mut self) {
        self.cursor = self.text.len();
    }

    /// To the byte offset `at`, moved back to the grapheme boundary at or before it.
    pub fn set_cursor(&mut self, at: usize) {
        let at = at.min(self.text.len());
        self.cursor = self
            .text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .take_while(|&i| i <= at)
            .last()
            .unwrap_or(0);
        if at == self.text.len() {
            self.cursor = at;
        }
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// The cursor's line (0-based) and column in terminal cells, for drawing it.
    pub fn cursor_position(&self) -> (usize, usize) {
        let before = &self.text[..self.cursor];
        let line = before.matches('\n').count();
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[start..].width())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telex_burst_replaces_the_last_letter() {
        let mut f = TextField::new("");
        for c in ["T", "i", "e", "e"] {
            f.insert(c);
        }
        // The input method turns "ee" into "ê": a backspace, then the new letter.
        f.backspace();
        f.backspace();
        f.insert("ê");
        f.insert("n");
        assert_eq!(f.text(), "Tiên");
        assert_eq!(f.cursor_position(), (0, 4));
    }

    #[test]
    fn combining_marks_compose_and_the_cursor_moves_by_grapheme() {
        let mut f = TextField::new("");
        f.insert("Đa");
        f.insert("\u{323}"); // combining dot below
        f.insert("t");
        assert_eq!(f.text(), "Đạt");
        assert_eq!(f.text().chars().count(), 3);
        f.left();
        f.left();
        f.backspace();
        assert_eq!(f.text(), "ạt");
        f.end();
        f.insert("e\u{302}\u{301}");
        assert_eq!(f.text(), "ạtế");
    }

    #[test]
    fn a_combining_mark_inserted_before_text_keeps_the_cursor_in_place() {
        let mut f = TextField::new("ab");
        f.left();
        f.insert("\u{301}");
        assert_eq!(f.text(), "áb");
        assert_eq!(f.cursor_position(), (0, 1));
    }

    #[test]
    fn line_breaks_only_in_multiline_fields() {
        let mut one = TextField::new("");
        one.insert("a\r\nb");
        assert_eq!(one.text(), "a b");
        let mut many = TextField::multiline("");
        many.insert("a\r\nb\tc");
        assert_eq!(many.text(), "a\nbc");
        assert_eq!(many.cursor_position(), (1, 2));
        many.home();
        assert_eq!(many.cursor_position(), (1, 0));
    }

    /// What the field holds after `steps` when the whole text is normalised at each insert.
    fn normalised_whole(steps: &[(u8, &str)]) -> (String, usize) {
        let mut text = String::new();
        let mut cursor = 0;
        for (op, input) in steps {
            match op % 3 {
                0 => {
                    let before: String = format!("{}{}", &text[..cursor], input).nfc().collect();
                    let joined = format!("{before}{}", &text[cursor..]);
                    let normal: String = joined.nfc().collect();
                    cursor = if normal == joined {
                        before.len()
                    } else {
                        let graphemes = before.graphemes(true).count();
                        normal
                            .grapheme_indices(true)
                            .nth(graphemes)
                            .map_or(normal.len(), |(i, _)| i)
                    };
                    text = normal;
                }
                1 => {
                    if let Some((start, _)) = text[..cursor].grapheme_indices(true).next_back() {
                        cursor = start;
                    }
                }
                _ => {
                    if let Some((start, _)) = text[..cursor].grapheme_indices(true).next_back() {
                        text.replace_range(start..cursor, "");
                        cursor = start;
                    }
                }
            }
        }
        (text, cursor)
    }

    proptest::proptest! {
        /// Normalising only around the cursor gives the text and cursor that normalising the
        /// whole text gives, for letters, precomposed and combining marks typed anywhere.
        #[test]
        fn typing_normalises_as_the_whole_text_would(
            steps in proptest::collection::vec(
                (0u8..6, proptest::sample::select(vec![
                    "a", "e", "ê", "\u{301}", "\u{323}", "\u{302}", "đ", "Ư", "\u{309}", " ", "中",
                ])),
                0..40,
            )
        ) {
            let mut field = TextField::multiline("");
            for (op, input) in &steps {
                match op % 3 {
                    0 => field.insert(input),
                    1 => field.left(),
                    _ => field.backspace(),
                }
            }
            let (text, cursor) = normalised_whole(&steps);
            proptest::prop_assert_eq!(field.text(), text.as_str());
            proptest::prop_assert_eq!(field.cursor(), cursor);
        }
    }

    #[test]
    fn wide_characters_count_two_cells() {
        let f = TextField::new("中文");
        assert_eq!(f.cursor_position(), (0, 4));
    }
}

//! Plain text tables aligned by display width (Vietnamese letters with diacritics are one
//! column wide; this measures them as such).

use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

pub struct Table {
    pub head: Vec<String>,
    pub align: Vec<Align>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Each column's width: its widest cell or heading.
    pub fn widths(&self) -> Vec<usize> {
        let columns = self.head.len();
        let mut widths: Vec<usize> = self.head.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (c, cell) in row.iter().enumerate().take(columns) {
                widths[c] = widths[c].max(cell.width());
            }
        }
        widths
    }

    pub fn render(&self) -> String {
        let columns = self.head.len();
        let widths = self.widths();
        let line = |cells: &[String]| {
            let mut out = String::new();
            for (c, cell) in cells.iter().enumerate().take(columns) {
                let gap = " ".repeat(widths[c].saturating_sub(cell.width()));
                if c > 0 {
                    out.push_str("  ");
                }
                match self.align.get(c).copied().unwrap_or(Align::Left) {
                    Align::Left => {
                        out.push_str(cell);
                        if c + 1 < columns {
                            out.push_str(&gap);
                        }
                    }
                    Align::Right => {
                        out.push_str(&gap);
                        out.push_str(cell);
                    }
                }
            }
            out.trim_end().to_string()
        };
        let mut out = line(&self.head);
        out.push('\n');
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        out.push_str(&line(&rule));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }
}

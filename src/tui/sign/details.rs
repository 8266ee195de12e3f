//! The document's number, date and recipients, asked before the passphrase: the number may be
//! left blank on purpose for the clerk; the date is today's unless changed; the recipients are
//! the bloc file's, one a line, unless changed. Each is checked (`model::numbering`) before the
//! passphrase is asked for.

use chrono::NaiveDate;

use crate::model::Bloc;
use crate::model::numbering::{self, DetailError};
use crate::tui::field::TextField;
use crate::tui::keymap::Action;

/// The form's fields, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Number,
    Date,
    Recipients,
}

const ORDER: [Field; 3] = [Field::Number, Field::Date, Field::Recipients];

#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    pub number: TextField,
    pub date: TextField,
    /// One recipient a line.
    pub recipients: TextField,
    pub focus: Field,
}

/// What the form gives the issue, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub number: Option<String>,
    pub date: NaiveDate,
    pub recipients: Vec<String>,
}

impl Details {
    /// The form as the bloc file and today fill it.
    pub fn new(bloc: &Bloc, today: NaiveDate) -> Details {
        Details {
            number: TextField::new(""),
            date: TextField::new(&numbering::date_text(today)),
            recipients: TextField::multiline(&bloc.recipients.join("\n")),
            focus: Field::Number,
        }
    }

    /// The field with the focus.
    pub fn field(&mut self) -> &mut TextField {
        match self.focus {
            Field::Number => &mut self.number,
            Field::Date => &mut self.date,
            Field::Recipients => &mut self.recipients,
        }
    }

    /// A key in the form other than Enter and Esc, which the dialog takes.
    pub fn act(&mut self, action: &Action) {
        let at = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        match action {
            Action::NextColumn | Action::Down => self.focus = ORDER[(at + 1) % ORDER.len()],
            Action::PrevColumn | Action::Up => {
                self.focus = ORDER[(at + ORDER.len() - 1) % ORDER.len()]
            }
            Action::NewLine if self.focus == Field::Recipients => self.recipients.insert("\n"),
            other => self.field().act(other),
        }
    }

    /// The details checked; on a problem, the focus goes to the field at fault.
    pub fn chosen(&mut self, bloc: &Bloc) -> Result<Chosen, DetailError> {
        let number = numbering::number(self.number.text(), &bloc.number_suffix)
            .inspect_err(|_| self.focus = Field::Number)?;
        let date = numbering::date(self.date.text()).inspect_err(|_| self.focus = Field::Date)?;
        let lines: Vec<String> = self.recipients.text().lines().map(str::to_string).collect();
        let recipients =
            numbering::recipients(&lines).inspect_err(|_| self.focus = Field::Recipients)?;
        Ok(Chosen {
            number,
            date,
            recipients,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bloc() -> Bloc {
        crate::store::load_covenant(std::path::Path::new("blocs/khoi-8.ron"))
            .expect("the sample bloc")
            .covenant
            .bloc
    }

    #[test]
    fn the_form_starts_from_the_bloc_and_today_and_checks_what_is_typed() {
        let bloc = bloc();
        let today = NaiveDate::from_ymd_opt(2026, 7, 5).unwrap();
        let mut form = Details::new(&bloc, today);
        let chosen = form.chosen(&bloc).unwrap();
        assert_eq!(chosen.number, None, "blank on purpose for the clerk");
        assert_eq!(chosen.date, today);
        assert_eq!(chosen.recipients, bloc.recipients);

        form.act(&Action::Input("12/".into()));
        form.act(&Action::NextColumn);
        assert_eq!(form.focus, Field::Date);
        assert!(form.chosen(&bloc).is_err());
        assert_eq!(
            form.focus,
            Field::Number,
            "the focus goes to the field at fault"
        );
        form.act(&Action::Backspace);
        form.act(&Action::NextColumn);
        form.act(&Action::End);
        for _ in 0..4 {
            form.act(&Action::Backspace);
        }
        form.act(&Action::Input("2027".into()));
        form.act(&Action::NextColumn);
        form.act(&Action::NewLine);
        form.act(&Action::Input("- Thường trực Đảng ủy phường;".into()));
        let chosen = form.chosen(&bloc).unwrap();
        assert_eq!(chosen.number.as_deref(), Some("12"));
        assert_eq!(chosen.date, NaiveDate::from_ymd_opt(2027, 7, 5).unwrap());
        assert_eq!(
            chosen.recipients.last().unwrap(),
            "Thường trực Đảng ủy phường"
        );
    }
}

//! The plain types of the domain and their validation. No I/O here.

pub mod ballot;
pub mod bloc;
pub mod election;
pub mod id;
pub mod layout;
pub mod limits;
pub mod minutes;
pub mod numbering;
pub mod path;
pub mod period;
pub mod scheme;
pub mod sections;
pub mod sheet;
pub mod text;
pub mod validate;
pub mod value;

pub use ballot::{Ballot, Tally};
pub use bloc::{Bloc, Member, Signer};
pub use layout::{Item, ItemKind, Layout, Rule};
pub use path::Path;
pub use period::Period;
pub use scheme::Scheme;
pub use sheet::Sheet;
pub use value::Value;

fn period_index(period: Period) -> usize {
    match period {
        Period::MidYear => 0,
        Period::YearEnd => 1,
    }
}

/// A bloc together with the scheme it scores with, both validated, and the scheme's layout.
#[derive(Debug, Clone)]
pub struct Covenant {
    pub bloc: Bloc,
    pub scheme: Scheme,
    pub layout: Layout,
    /// Covenant targets as a dense table, unit × item, for the engine's inner loop.
    targets: Vec<Option<rust_decimal::Decimal>>,
    /// Whether each item applies to each unit, unit × item.
    applies: Vec<bool>,
    /// Each unit's maximum from the criteria that apply to it: mid-year, year-end.
    unit_max: Vec<[rust_decimal::Decimal; 2]>,
    /// How many cells each unit has to enter: mid-year, year-end.
    needed: Vec<[usize; 2]>,
    /// Each member's index by id: every stored cell names its unit, and a bloc has up to 200.
    unit_by_id: std::collections::HashMap<String, usize>,
}

impl Covenant {
    /// Builds a covenant, or returns every problem of the pair.
    pub fn new(bloc: Bloc, scheme: Scheme) -> Result<Covenant, Vec<validate::Issue>> {
        let mut issues = validate::scheme(&scheme);
        issues.extend(validate::bloc(&bloc, &scheme));
        if !issues.is_empty() {
            return Err(issues);
        }
        Ok(Covenant::checked(bloc, scheme))
    }

    /// The covenant of a bloc and scheme in which `validate::scheme` and `validate::bloc` found
    /// nothing: the loader has checked them already, at their places in the files, and a large
    /// bloc's checks are not made twice.
    pub fn checked(bloc: Bloc, scheme: Scheme) -> Covenant {
        let layout = Layout::new(&scheme);
        let width = layout.items.len();
        let mut targets = vec![None; bloc.members.len() * width];
        let mut applies = vec![true; bloc.members.len() * width];
        for (u, member) in bloc.members.iter().enumerate() {
            for (code, value) in bloc.targets.get(&member.id).into_iter().flatten() {
                if let Some(i) = layout.index_of(code) {
                    targets[u * width + i] = Some(*value);
                }
            }
            for code in bloc.not_applicable(&member.id) {
                for i in layout.items_under(code) {
                    applies[u * width + i] = false;
                }
            }
        }
        let periods = [Period::MidYear, Period::YearEnd];
        let rows = || (0..bloc.members.len()).map(|u| &applies[u * width..(u + 1) * width]);
        let unit_max = rows()
            .map(|row| periods.map(|p| layout.maxima(Some(p), |i| row[i]).1))
            .collect();
        let needed = rows()
            .map(|row| {
                periods.map(|p| {
                    (layout.items.iter().zip(row))
                        .filter(|(item, applies)| **applies && item.is_scored_in(p))
                        .count()
                })
            })
            .collect();
        let unit_by_id = (bloc.members.iter().enumerate())
            .map(|(u, m)| (m.id.clone(), u))
            .collect();
        Covenant {
            bloc,
            scheme,
            layout,
            targets,
            applies,
            unit_max,
            needed,
            unit_by_id,
        }
    }

    /// The covenant target of member `unit` on item `item`, by index.
    pub fn target(&self, unit: usize, item: usize) -> Option<rust_decimal::Decimal> {
        self.targets[unit * self.layout.items.len() + item]
    }

    /// Whether item `item` applies to member `unit` (it is not written as "không áp dụng").
    pub fn applies(&self, unit: usize, item: usize) -> bool {
        self.applies[unit * self.layout.items.len() + item]
    }

    /// The most member `unit` can reach in `period` from the criteria that apply to it.
    pub fn unit_max(&self, unit: usize, period: Period) -> rust_decimal::Decimal {
        self.unit_max[unit][period_index(period)]
    }

    /// How many cells member `unit` has to enter in `period`.
    pub fn needed_of(&self, unit: usize, period: Period) -> usize {
        self.needed[unit][period_index(period)]
    }

    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.unit_by_id.get(id).copied()
    }

    pub fn empty_sheet(&self) -> Sheet {
        Sheet::new(self.bloc.members.len(), self.layout.items.len())
    }
}

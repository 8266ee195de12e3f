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

/// A bloc together with the scheme it scores with, both validated, and the scheme's layout.
#[derive(Debug, Clone)]
pub struct Covenant {
    pub bloc: Bloc,
    pub scheme: Scheme,
    pub layout: Layout,
    /// Covenant targets as a dense table, unit × item, for the engine's inner loop.
    targets: Vec<Option<rust_decimal::Decimal>>,
}

impl Covenant {
    /// Builds a covenant, or returns every problem of the pair.
    pub fn new(bloc: Bloc, scheme: Scheme) -> Result<Covenant, Vec<validate::Issue>> {
        let mut issues = validate::scheme(&scheme);
        issues.extend(validate::bloc(&bloc, &scheme));
        if !issues.is_empty() {
            return Err(issues);
        }
        let layout = Layout::new(&scheme);
        let targets = bloc
            .members
            .iter()
            .flat_map(|m| layout.items.iter().map(|i| bloc.target(&m.id, &i.code)))
            .collect();
        Ok(Covenant {
            bloc,
            scheme,
            layout,
            targets,
        })
    }

    /// The covenant target of member `unit` on item `item`, by index.
    pub fn target(&self, unit: usize, item: usize) -> Option<rust_decimal::Decimal> {
        self.targets[unit * self.layout.items.len() + item]
    }

    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.bloc.members.iter().position(|m| m.id == id)
    }

    pub fn empty_sheet(&self) -> Sheet {
        Sheet::new(self.bloc.members.len(), self.layout.items.len())
    }
}

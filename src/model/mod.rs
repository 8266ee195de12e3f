//! The plain types of the domain and their validation. No I/O here.

pub mod bloc;
pub mod layout;
pub mod path;
pub mod period;
pub mod scheme;
pub mod sheet;
pub mod text;
pub mod validate;
pub mod value;

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
        Ok(Covenant {
            bloc,
            scheme,
            layout,
        })
    }

    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.bloc.members.iter().position(|m| m.id == id)
    }

    pub fn empty_sheet(&self) -> Sheet {
        Sheet::new(self.bloc.members.len(), self.layout.items.len())
    }
}

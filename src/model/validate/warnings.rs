//! What `check` says of a scheme that loads without refusing it.

use rust_decimal::Decimal;

use super::super::layout::{Layout, key};
use super::super::path::Path;
use super::super::scheme::{Node, Scheme};
use super::{Issue, IssueKind, issue};

/// What `check` warns about in a scheme that loads: a group's printed maximum that differs from
/// what its children allow.
pub fn warnings(scheme: &Scheme) -> Vec<Issue> {
    let (allowed, _) = Layout::new(scheme).maxima(None, |_| true);
    let mut out = Vec::new();
    let mut index = 0;
    for (i, g) in scheme.groups.iter().enumerate() {
        let path = Path::root().field("groups").index(i);
        stated_max(path, g, &mut index, &allowed, &mut out);
    }
    out
}

/// Compares each group's printed maximum with what it allows (`allowed`, by the layout's
/// group index, which is the tree order walked here).
fn stated_max(
    path: Path,
    g: &super::super::scheme::Group,
    index: &mut usize,
    allowed: &[Decimal],
    out: &mut Vec<Issue>,
) {
    let own = *index;
    *index += 1;
    if let Some(stated) = g.stated_max
        && stated != allowed[own]
    {
        out.push(issue(
            path.field("stated_max"),
            IssueKind::StatedMaxDiffers {
                group: key(&g.code).to_string(),
                stated,
                allowed: allowed[own],
            },
        ));
    }
    for (i, node) in g.items.iter().enumerate() {
        if let Node::Group(child) = node {
            stated_max(path.field("items").index(i), child, index, allowed, out);
        }
    }
}

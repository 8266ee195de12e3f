//! A bloc (khối thi đua): its members, officers, report details and covenant targets, read
//! from `blocs/<id>.ron`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bloc {
    pub id: String,
    /// "Khối thi đua số 8".
    pub name: String,
    /// The covenant year; sessions default to it.
    pub year: i32,
    /// The body the bloc reports to, in capitals as on the letterhead: "UBND THÀNH PHỐ HẢI PHÒNG".
    pub parent_body: String,
    /// "Kính gửi" and "Nơi nhận" of the bloc's reports.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The place name of the date line: "Thành Đông, ngày …".
    pub place: String,
    /// The document number's suffix: "BC-KTĐ" in "Số: 12/BC-KTĐ".
    pub number_suffix: String,
    /// The id of the scoring scheme, `scoring/<scheme>.ron`.
    pub scheme: String,
    pub members: Vec<Member>,
    /// Member ids.
    pub head: String,
    #[serde(default)]
    pub deputy: Option<String>,
    pub signer: Signer,
    /// Covenant targets: member id → criterion code → target value.
    #[serde(default)]
    pub targets: BTreeMap<String, BTreeMap<String, Decimal>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: String,
    /// "Ủy ban nhân dân phường Thành Đông".
    pub name: String,
    /// "Thành Đông", for the grid and tables.
    pub short: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    pub name: String,
    /// The signer's post in their own agency: "Chủ tịch UBND phường Thành Đông".
    pub post: String,
}

impl Bloc {
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    pub fn target(&self, member: &str, criterion: &str) -> Option<Decimal> {
        self.targets.get(member)?.get(criterion).copied()
    }
}

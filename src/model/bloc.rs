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
    /// Covenant targets: member id → criterion code → target value. A member or criterion
    /// written twice is refused, not silently overwritten.
    #[serde(default, deserialize_with = "unique_targets")]
    pub targets: BTreeMap<String, BTreeMap<String, Decimal>>,
    /// Items that do not apply to a member under the covenant ("không áp dụng": a ward without
    /// industrial zones): member id → criterion or group codes. They are left out of the
    /// member's maximum, its points and what it still needs.
    #[serde(
        default,
        deserialize_with = "unique_lists",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub not_applicable: BTreeMap<String, Vec<String>>,
}

/// How a duplicate key in a map of the bloc is reported, for the catalogs to word.
pub const DUPLICATE_KEY: &str = "duplicate key: ";

/// A map read with every key once; a key read twice is an error naming it.
struct Unique<T>(BTreeMap<String, T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Unique<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = Unique<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<String, T>()? {
                    if out.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!("{DUPLICATE_KEY}{key}")));
                    }
                    out.insert(key, value);
                }
                Ok(Unique(out))
            }
        }
        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

fn unique_targets<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, BTreeMap<String, Decimal>>, D::Error> {
    let outer = Unique::<Unique<Decimal>>::deserialize(deserializer)?;
    Ok(outer.0.into_iter().map(|(k, v)| (k, v.0)).collect())
}

fn unique_lists<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    Ok(Unique::<Vec<String>>::deserialize(deserializer)?.0)
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

    /// The codes written as not applying to `member`.
    pub fn not_applicable(&self, member: &str) -> &[String] {
        self.not_applicable.get(member).map_or(&[], Vec::as_slice)
    }
}

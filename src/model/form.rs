//! The names of form knowledge, each spelled once: which form a table is (`TableKind`), which
//! contract meta field a key fills (`MetaKey`), and which role a column of the indicator block
//! plays (`ColumnRole`). Each has `as_str` (the spelling in the outputs and the vocabulary
//! files) and `FromStr` (reading a vocabulary file: an unknown name is an error there).

use serde::{Serialize, Serializer};
use std::str::FromStr;

/// A name a vocabulary file or an option spelled that is none of the known ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    pub what: &'static str,
    pub name: String,
    /// The names that would have been read.
    pub known: Vec<&'static str>,
}

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown {} `{}` (known: {})",
            self.what,
            self.name,
            self.known.join(", ")
        )
    }
}

/// Implements `as_str`, `ALL`, `FromStr` and `Serialize` (as the name) for a plain enum.
macro_rules! named {
    ($ty:ident, $what:literal, $($variant:ident => $name:literal),+ $(,)?) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The name as the outputs and vocabulary files spell it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }
        }

        impl FromStr for $ty {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, UnknownName> {
                match s {
                    $($name => Ok($ty::$variant),)+
                    _ => Err(UnknownName {
                        what: $what,
                        name: s.to_string(),
                        known: vec![$($name),+],
                    }),
                }
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

/// Which form a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableKind {
    Department,
    Project,
}

named!(TableKind, "table kind", Department => "department", Project => "project");

/// A meta field of the output contract (SCHEMA.md) that a `[meta]` key fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaKey {
    ProjectName,
    /// The department's name; a code printed with it goes to `department_code`.
    Department,
    ImplementingUnit,
    ProjectSource,
    ProjectPeriod,
    FundsTotal,
    FundsFiscal,
    FundsCarryover,
    FundsOther,
    Goals,
}

named!(MetaKey, "meta field",
    ProjectName => "project_name",
    Department => "department",
    ImplementingUnit => "implementing_unit",
    ProjectSource => "project_source",
    ProjectPeriod => "project_period",
    FundsTotal => "funds_total",
    FundsFiscal => "funds_fiscal",
    FundsCarryover => "funds_carryover",
    FundsOther => "funds_other",
    Goals => "goals",
);

impl MetaKey {
    /// An amount in 万元 (the funds fields).
    pub const fn is_amount(self) -> bool {
        matches!(
            self,
            MetaKey::FundsTotal
                | MetaKey::FundsFiscal
                | MetaKey::FundsCarryover
                | MetaKey::FundsOther
        )
    }
}

/// The role a column of the indicator block plays, read from its header word (the `[column]`
/// section of the vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// The merged leftmost column (绩效指标): labels and names, read by content.
    Frame,
    /// The first-level category (一级指标).
    Level1,
    /// The second-level category (二级指标).
    Level2,
    /// The indicator's name (三级指标).
    Name,
    /// The target value (指标值).
    Value,
    /// A comparison sign printed apart from the value (指标性质 when it holds ≥ ≤ =).
    Operator,
    /// The unit printed apart from the value (度量单位).
    Unit,
    /// 正向 / 反向 (指标方向).
    Direction,
    /// The indicator's weight in points (权重, 分值).
    Weight,
    /// The value reached (实际完成值), on self-evaluation forms.
    Actual,
    /// The points scored (得分), on self-evaluation forms.
    Score,
    /// Why the value reached differs from the target (偏差原因分析).
    Deviation,
    /// How the target is defined or scored (指标解释, 评分标准).
    Basis,
    /// A sub-header of a two-row 指标值 that is not the form's target (上年实际实现值).
    Previous,
    /// A known header with no field of its own (备注): kept in the record's `extra`.
    Extra,
    /// One of several columns that each hold the target for one place (a village, town or
    /// county printed as the header): one record per place.
    Place,
}

impl ColumnRole {
    /// Whether the column feeds the indicator's name, value or categories (read by content).
    pub fn is_content(self) -> bool {
        matches!(
            self,
            ColumnRole::Frame
                | ColumnRole::Level1
                | ColumnRole::Level2
                | ColumnRole::Name
                | ColumnRole::Value
        )
    }
}

named!(ColumnRole, "column role",
    Frame => "frame",
    Level1 => "level1",
    Level2 => "level2",
    Name => "name",
    Value => "value",
    Operator => "operator",
    Unit => "unit",
    Direction => "direction",
    Weight => "weight",
    Actual => "actual",
    Score => "score",
    Deviation => "deviation",
    Basis => "basis",
    Previous => "previous",
    Extra => "extra",
    Place => "place",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_and_unknown_ones_are_refused() {
        for k in MetaKey::ALL {
            assert_eq!(k.as_str().parse::<MetaKey>(), Ok(*k));
        }
        for r in ColumnRole::ALL {
            assert_eq!(r.as_str().parse::<ColumnRole>(), Ok(*r));
        }
        assert_eq!("project".parse::<TableKind>(), Ok(TableKind::Project));
        let e = "fund_total".parse::<MetaKey>().err().map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.starts_with("unknown meta field `fund_total`")));
        assert_eq!(
            serde_json::to_string(&TableKind::Department)
                .ok()
                .as_deref(),
            Some("\"department\"")
        );
    }
}

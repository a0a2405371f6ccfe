//! What a cell's text is, judged on its own: the `Class` that `classify` gives a text and the
//! per-thread memo (`memo`) keeps with it. Its own module so the memo need not import the
//! classifier.

use super::{LabelMatch, MetaField, ValueKind};

/// What a cell's text is, judged on its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Class {
    Empty,
    Header,
    MetaKey(MetaField),
    Label(LabelMatch),
    Value(ValueKind),
    Text,
}

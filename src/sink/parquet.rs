//! Documents → one Parquet file of flat indicator rows: the columns of JSONL and CSV
//! (`flat::COLUMNS`, then `flat::FAMILY_COLUMNS`), typed — text as UTF8, `table`/`year` INT32,
//! positions and `framework` INT64, `number` and the family's REAL columns DOUBLE, `confidence`
//! FLOAT, `repairs` a list of `{code, reason}` structs (what JSONL holds, read natively by
//! DuckDB, pyarrow and Spark), `extra` its JSON text (as in CSV and SQLite). Rows are buffered column by column and written as a row group
//! every `ROW_GROUP_ROWS` rows, so memory stays flat however long the run. The file is written
//! through a temporary file beside the output and renamed into place by `finish`: a run that
//! fails or is killed leaves an existing output as it was. A Parquet file is written whole, so
//! it cannot be resumed (`sink::open` refuses `--resume`; the README says how a killed run is
//! redone).

use super::atomic::AtomicFile;
use super::flat::{
    tables, ColumnType as Kind, FlatValue, RecordColumns, TableColumns, COLUMNS, COLUMN_TYPES,
    FAMILY_COLUMNS,
};
use super::{Extracted, Sink, SinkError};
use bytes::Bytes;
use parquet::basic::{LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, FloatType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::{Type, TypePtr};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per row group: a group's columns are held in memory until it is written (~15 MB).
pub const ROW_GROUP_ROWS: usize = 32_768;

/// The type of a family column, from its SQLite type.
fn family_kind(sql: &str) -> Kind {
    match sql {
        "INTEGER" => Kind::Int64,
        "REAL" => Kind::Double,
        _ => Kind::Text,
    }
}

/// Every column: name, type, never null; in output order.
fn columns() -> impl Iterator<Item = (&'static str, Kind, bool)> {
    COLUMNS
        .iter()
        .zip(COLUMN_TYPES)
        .map(|(n, (k, req))| (*n, k, req))
        .chain(
            FAMILY_COLUMNS
                .iter()
                .map(|c| (c.name, family_kind(c.sql), false)),
        )
}

fn primitive(name: &str, kind: Kind, required: bool) -> Result<TypePtr, ParquetError> {
    let (physical, logical) = match kind {
        Kind::Int32 => (Physical::INT32, None),
        Kind::Int64 => (Physical::INT64, None),
        Kind::Double => (Physical::DOUBLE, None),
        Kind::Float => (Physical::FLOAT, None),
        Kind::Text | Kind::Repairs => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
    };
    let repetition = if required {
        Repetition::REQUIRED
    } else {
        Repetition::OPTIONAL
    };
    Ok(Arc::new(
        Type::primitive_type_builder(name, physical)
            .with_repetition(repetition)
            .with_logical_type(logical)
            .build()?,
    ))
}

/// `required group repairs (LIST) { repeated group list { required group element { required
/// binary code (UTF8); required binary reason (UTF8) } } }`
fn repairs_type(name: &str) -> Result<TypePtr, ParquetError> {
    let element = Type::group_type_builder("element")
        .with_repetition(Repetition::REQUIRED)
        .with_fields(vec![
            primitive("code", Kind::Text, true)?,
            primitive("reason", Kind::Text, true)?,
        ])
        .build()?;
    let list = Type::group_type_builder("list")
        .with_repetition(Repetition::REPEATED)
        .with_fields(vec![Arc::new(element)])
        .build()?;
    Ok(Arc::new(
        Type::group_type_builder(name)
            .with_repetition(Repetition::REQUIRED)
            .with_logical_type(Some(LogicalType::List))
            .with_fields(vec![Arc::new(list)])
            .build()?,
    ))
}

/// The file's schema (message `tablemend`).
pub fn schema() -> Result<TypePtr, ParquetError> {
    let fields = columns()
        .map(|(name, kind, required)| match kind {
            Kind::Repairs => repairs_type(name),
            _ => primitive(name, kind, required),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Arc::new(
        Type::group_type_builder("tablemend")
            .with_fields(fields)
            .build()?,
    ))
}

/// The buffered values of one leaf column.
enum Values {
    /// UTF-8 bytes end to end, and where each value ends
    Text {
        data: Vec<u8>,
        ends: Vec<usize>,
    },
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Double(Vec<f64>),
    Float(Vec<f32>),
}

/// One leaf column of the row group being gathered: its values and levels.
struct Leaf {
    values: Values,
    /// definition levels (empty for a required, unrepeated column)
    defs: Vec<i16>,
    /// repetition levels (the repairs' leaves only)
    reps: Vec<i16>,
    optional: bool,
    repeated: bool,
}

impl Leaf {
    fn new(kind: Kind, optional: bool, repeated: bool) -> Leaf {
        let values = match kind {
            Kind::Int32 => Values::Int32(Vec::new()),
            Kind::Int64 => Values::Int64(Vec::new()),
            Kind::Double => Values::Double(Vec::new()),
            Kind::Float => Values::Float(Vec::new()),
            Kind::Text | Kind::Repairs => Values::Text {
                data: Vec::new(),
                ends: Vec::new(),
            },
        };
        Leaf {
            values,
            defs: Vec::new(),
            reps: Vec::new(),
            optional,
            repeated,
        }
    }

    /// Marks the value present (optional columns).
    fn present(&mut self, yes: bool) {
        if self.optional {
            self.defs.push(i16::from(yes));
        }
    }

    fn text(&mut self, s: Option<&str>) {
        self.present(s.is_some());
        if let (Some(s), Values::Text { data, ends }) = (s, &mut self.values) {
            data.extend_from_slice(s.as_bytes());
            ends.push(data.len());
        }
    }

    fn int(&mut self, n: Option<i64>) {
        self.present(n.is_some());
        match (n, &mut self.values) {
            (Some(n), Values::Int64(v)) => v.push(n),
            // `table` and `year`, which fit (a year is an i32; a document has far fewer
            // than 2³¹ tables)
            (Some(n), Values::Int32(v)) => v.push(i32::try_from(n).unwrap_or(i32::MAX)),
            _ => {}
        }
    }

    fn real(&mut self, n: Option<f64>) {
        self.present(n.is_some());
        match (n, &mut self.values) {
            (Some(n), Values::Double(v)) => v.push(n),
            (Some(n), Values::Float(v)) => v.push(n as f32),
            _ => {}
        }
    }

    /// A family column's value.
    fn flat(&mut self, v: &FlatValue<'_>) {
        match v {
            FlatValue::Null => self.present(false),
            FlatValue::Text(s) => self.text(Some(s)),
            FlatValue::Owned(s) => self.text(Some(s)),
            FlatValue::Int(n) => self.int(Some(*n)),
            FlatValue::Real(n) => self.real(Some(*n)),
        }
    }

    /// Writes the leaf's values into the column and empties it.
    fn write(
        &mut self,
        col: &mut parquet::column::writer::ColumnWriter<'_>,
    ) -> Result<(), ParquetError> {
        use parquet::column::writer::get_typed_column_writer_mut as typed;
        let defs = (self.optional || self.repeated).then_some(self.defs.as_slice());
        let reps = self.repeated.then_some(self.reps.as_slice());
        match &mut self.values {
            Values::Text { data, ends } => {
                let bytes = Bytes::from(std::mem::take(data));
                let mut start = 0;
                let values: Vec<ByteArray> = ends
                    .iter()
                    .map(|&end| {
                        let v = ByteArray::from(bytes.slice(start..end));
                        start = end;
                        v
                    })
                    .collect();
                ends.clear();
                typed::<ByteArrayType>(col).write_batch(&values, defs, reps)?;
            }
            Values::Int32(v) => {
                typed::<Int32Type>(col).write_batch(v, defs, reps)?;
                v.clear();
            }
            Values::Int64(v) => {
                typed::<Int64Type>(col).write_batch(v, defs, reps)?;
                v.clear();
            }
            Values::Double(v) => {
                typed::<DoubleType>(col).write_batch(v, defs, reps)?;
                v.clear();
            }
            Values::Float(v) => {
                typed::<FloatType>(col).write_batch(v, defs, reps)?;
                v.clear();
            }
        }
        self.defs.clear();
        self.reps.clear();
        Ok(())
    }
}

/// The leaf columns, in schema order (the repairs are two: code and reason).
fn leaves() -> Vec<Leaf> {
    let mut out = Vec::new();
    for (_, kind, required) in columns() {
        if kind == Kind::Repairs {
            out.push(Leaf::new(Kind::Text, false, true));
            out.push(Leaf::new(Kind::Text, false, true));
        } else {
            out.push(Leaf::new(kind, !required, false));
        }
    }
    out
}

/// Rows gathered column by column until a row group is written.
struct Group {
    leaves: Vec<Leaf>,
    rows: usize,
}

impl Group {
    /// Appends one row; the leaves are filled in `columns()` order.
    fn push(&mut self, t: &TableColumns<'_>, r: &RecordColumns<'_>) {
        let to_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let mut it = self.leaves.iter_mut();
        let mut next = || it.next();
        let text = |leaf: Option<&mut Leaf>, s: Option<&str>| {
            if let Some(l) = leaf {
                l.text(s)
            }
        };
        text(next(), Some(t.source));
        if let Some(l) = next() {
            l.int(Some(to_i64(t.table)));
        }
        text(next(), Some(t.kind));
        if let Some(l) = next() {
            l.int(t.year.map(i64::from));
        }
        text(next(), t.project_name);
        text(next(), t.department);
        text(next(), t.department_code);
        text(next(), t.implementing_unit);
        text(next(), Some(r.level1));
        text(next(), Some(r.level2));
        text(next(), Some(r.name));
        text(next(), r.value);
        text(next(), r.op);
        if let Some(l) = next() {
            l.real(r.number);
        }
        text(next(), r.unit);
        if let Some(l) = next() {
            l.real(Some(r.confidence));
        }
        if let (Some(code), Some(reason)) = (next(), next()) {
            if r.repairs.is_empty() {
                code.defs.push(0);
                code.reps.push(0);
                reason.defs.push(0);
                reason.reps.push(0);
            }
            for (i, repair) in r.repairs.iter().enumerate() {
                let rep = i16::from(i > 0);
                for (leaf, s) in [
                    (&mut *code, repair.code()),
                    (&mut *reason, repair.reason.as_str()),
                ] {
                    leaf.defs.push(1);
                    leaf.reps.push(rep);
                    if let Values::Text { data, ends } = &mut leaf.values {
                        data.extend_from_slice(s.as_bytes());
                        ends.push(data.len());
                    }
                }
            }
        }
        for n in [Some(r.line), Some(r.col), r.value_line, r.value_col] {
            if let Some(l) = next() {
                l.int(n.map(to_i64));
            }
        }
        for v in &r.family {
            if let Some(l) = next() {
                l.flat(v);
            }
        }
        self.rows += 1;
    }
}

/// Writes flat rows to a Parquet file.
pub struct ParquetSink {
    writer: SerializedFileWriter<AtomicFile>,
    group: Group,
    path: PathBuf,
    documents: usize,
    completed: HashMap<String, String>,
}

impl ParquetSink {
    /// Starts the temporary file of `path` (the output itself is replaced only by `finish`).
    pub fn open(path: &Path) -> Result<ParquetSink, SinkError> {
        let file = AtomicFile::create(path)?;
        let props = WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .set_created_by(format!("tablemend {}", env!("CARGO_PKG_VERSION")))
            .build();
        let schema = schema().map_err(fail(path))?;
        let writer =
            SerializedFileWriter::new(file, schema, Arc::new(props)).map_err(fail(path))?;
        Ok(ParquetSink {
            writer,
            group: Group {
                leaves: leaves(),
                rows: 0,
            },
            path: path.to_path_buf(),
            documents: 0,
            completed: HashMap::new(),
        })
    }

    /// Writes the gathered rows as one row group.
    fn flush(&mut self) -> Result<(), SinkError> {
        if self.group.rows == 0 {
            return Ok(());
        }
        let path = self.path.clone();
        let mut rg = self.writer.next_row_group().map_err(fail(&path))?;
        for leaf in &mut self.group.leaves {
            let Some(mut col) = rg.next_column().map_err(fail(&path))? else {
                break;
            };
            leaf.write(col.untyped()).map_err(fail(&path))?;
            col.close().map_err(fail(&path))?;
        }
        rg.close().map_err(fail(&path))?;
        self.group.rows = 0;
        Ok(())
    }
}

fn fail(path: &Path) -> impl FnOnce(ParquetError) -> SinkError {
    let path = path.to_path_buf();
    move |e| SinkError::Io {
        action: "writing Parquet",
        path,
        source: match e {
            ParquetError::External(e) => match e.downcast::<std::io::Error>() {
                Ok(io) => *io,
                Err(e) => std::io::Error::other(e),
            },
            e => std::io::Error::other(e),
        },
    }
}

impl Sink for ParquetSink {
    fn completed(&self) -> &HashMap<String, String> {
        &self.completed
    }

    fn write(&mut self, item: &Extracted) -> Result<(), SinkError> {
        for (table, records) in tables(&item.doc) {
            for record in &records {
                self.group.push(&table, record);
                if self.group.rows >= ROW_GROUP_ROWS {
                    self.flush()?;
                }
            }
        }
        self.documents += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), SinkError> {
        self.flush()?;
        let ParquetSink {
            writer,
            path,
            documents,
            ..
        } = *self;
        let file = writer.into_inner().map_err(fail(&path))?;
        // nothing written: an output that exists stays as it was (the temporary file goes)
        if documents == 0 && file.path().exists() {
            return Ok(file.abandon()?);
        }
        Ok(file.commit()?)
    }
}

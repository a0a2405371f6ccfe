//! The SQLite sink (rusqlite, bundled SQLite): documents go in; out comes a database with the
//! tables `documents`, `tables`, `indicators`, `unassigned` and `diagnostics`, linked by foreign
//! keys (ON DELETE CASCADE) and indexed for the usual lookups. Each document is written in its
//! own transaction, so the database only ever holds whole documents; `documents` keeps each
//! input's path and content hash, which is what `--resume` reads. An input whose content changed
//! since it was written is replaced (its old rows are deleted in the same transaction). A fresh
//! run removes an existing database only when its first document is ready to be written, so a
//! run where every input fails leaves the old one untouched.

use super::flat::{
    record_column_types, record_family, table_family, FlatValue, Scope, FAMILY_COLUMNS,
    RECORD_COLUMNS,
};
use super::{Extracted, Sink, SinkError};
use crate::model::{FundsUnit, Severity, SCHEMA_VERSION};
use rusqlite::types::{ToSql, ToSqlOutput, Value as SqlValue};
use rusqlite::{params, params_from_iter, Connection};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The schema, created when the database is new; the columns of `tables` and `indicators` are
/// filled in by `schema` from `TABLE_CORE`, `flat::RECORD_COLUMNS` and `flat::FAMILY_COLUMNS`.
pub const SCHEMA: &str = "
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    encoding TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tables (
    id INTEGER PRIMARY KEY,
    /*table columns*/
    UNIQUE (document_id, idx)
);
CREATE TABLE IF NOT EXISTS indicators (
    id INTEGER PRIMARY KEY,
    /*indicator columns*/
    UNIQUE (table_id, idx)
);
CREATE TABLE IF NOT EXISTS repairs (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    UNIQUE (indicator_id, idx)
);
CREATE TABLE IF NOT EXISTS unassigned (
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
    line INTEGER NOT NULL,
    col INTEGER NOT NULL,
    text TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS diagnostics (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    line INTEGER,
    col INTEGER
);
CREATE INDEX IF NOT EXISTS tables_document ON tables(document_id);
CREATE INDEX IF NOT EXISTS indicators_table ON indicators(table_id);
CREATE INDEX IF NOT EXISTS indicators_name ON indicators(name);
CREATE INDEX IF NOT EXISTS unassigned_table ON unassigned(table_id);
CREATE INDEX IF NOT EXISTS repairs_indicator ON repairs(indicator_id);
CREATE INDEX IF NOT EXISTS repairs_code ON repairs(code);
CREATE INDEX IF NOT EXISTS diagnostics_document ON diagnostics(document_id);
CREATE INDEX IF NOT EXISTS diagnostics_code ON diagnostics(code);
";

/// The family columns of one scope, in `FAMILY_COLUMNS` order.
fn family_names(scope: Scope) -> impl Iterator<Item = &'static str> {
    FAMILY_COLUMNS
        .iter()
        .filter(move |c| c.scope == scope)
        .map(|c| c.name)
}

/// `SCHEMA` with the columns of `tables` (`TABLE_CORE`, then the table family columns) and of
/// `indicators` (its keys, `flat::RECORD_COLUMNS` typed by `flat::COLUMN_TYPES`, then the record
/// family columns): one list of columns for every flat output, and one for each insert.
pub fn schema() -> String {
    let defs = |core: Vec<(&str, &str)>, scope: Scope| -> String {
        core.into_iter()
            .chain(
                FAMILY_COLUMNS
                    .iter()
                    .filter(|c| c.scope == scope)
                    .map(|c| (c.name, c.sql)),
            )
            .map(|(name, sql)| format!("{name} {sql},\n    "))
            .collect()
    };
    let indicators: Vec<(&str, &str)> = INDICATOR_KEYS
        .iter()
        .copied()
        .chain(record_column_types().map(|(n, t, req)| (n, t.sql(req))))
        .collect();
    SCHEMA
        .replace(
            "/*table columns*/\n    ",
            &defs(TABLE_CORE.to_vec(), Scope::Table),
        )
        .replace(
            "/*indicator columns*/\n    ",
            &defs(indicators, Scope::Record),
        )
}

/// The `tables` columns written before the family columns, with their SQLite declarations, in
/// the order `insert` binds them.
const TABLE_CORE: &[(&str, &str)] = &[
    (
        "document_id",
        "INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE",
    ),
    ("idx", "INTEGER NOT NULL"),
    ("kind", "TEXT NOT NULL"),
    ("year", "INTEGER"),
    ("title", "TEXT"),
    ("line", "INTEGER NOT NULL"),
    ("project_name", "TEXT"),
    ("department", "TEXT"),
    ("department_code", "TEXT"),
    ("implementing_unit", "TEXT"),
    ("project_source", "TEXT"),
    ("project_period", "TEXT"),
    ("funds_total", "REAL"),
    ("funds_fiscal", "REAL"),
    ("funds_carryover", "REAL"),
    ("funds_other", "REAL"),
    ("funds_unit", "TEXT NOT NULL"),
    ("goals", "TEXT NOT NULL"),
    ("tasks", "TEXT NOT NULL"),
    ("other", "TEXT NOT NULL"),
];

/// The keys of an `indicators` row, before its flat record columns.
const INDICATOR_KEYS: [(&str, &str); 2] = [
    (
        "table_id",
        "INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE",
    ),
    ("idx", "INTEGER NOT NULL"),
];

/// The `indicators` columns written before the family columns, in the order bound: its keys,
/// then the flat record columns (`flat::RECORD_COLUMNS`).
fn indicator_core_columns() -> impl Iterator<Item = &'static str> {
    INDICATOR_KEYS
        .iter()
        .map(|(name, _)| *name)
        .chain(RECORD_COLUMNS)
}

/// Inserts record `r` (the `ri`-th of table `table_id`) and its repairs.
fn insert_indicator(
    tx: &rusqlite::Transaction<'_>,
    ind_st: &mut rusqlite::CachedStatement<'_>,
    rep_st: &mut rusqlite::CachedStatement<'_>,
    table_id: i64,
    ri: usize,
    r: &crate::model::Record,
) -> rusqlite::Result<()> {
    let repairs: Vec<&str> = r.repairs.iter().map(|x| x.code()).collect();
    let core = params![
        table_id,
        ri as i64 + 1,
        r.level1,
        r.level2,
        r.name,
        r.value,
        r.parsed.as_ref().map(|p| p.op),
        r.parsed.as_ref().map(|p| p.number),
        r.parsed.as_ref().map(|p| p.unit.as_str()),
        r.confidence,
        repairs.join(";"),
        r.source.line as i64,
        r.source.col as i64,
        r.value_source.as_ref().map(|s| s.line as i64),
        r.value_source.as_ref().map(|s| s.col as i64),
    ];
    let family = record_family(r);
    ind_st.execute(params_from_iter(
        core.iter()
            .copied()
            .chain(family.iter().map(|v| v as &dyn ToSql)),
    ))?;
    let indicator_id = tx.last_insert_rowid();
    for (k, x) in r.repairs.iter().enumerate() {
        rep_st.execute(params![indicator_id, k as i64 + 1, x.code(), x.reason])?;
    }
    Ok(())
}

/// `INSERT INTO table (columns…, family columns…) VALUES (?1, …)`.
fn insert_sql(
    table: &str,
    columns: impl IntoIterator<Item = &'static str>,
    scope: Scope,
) -> String {
    let cols: Vec<&str> = columns.into_iter().chain(family_names(scope)).collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        cols.join(", "),
        marks.join(", ")
    )
}

impl ToSql for FlatValue<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            FlatValue::Null => ToSqlOutput::Owned(SqlValue::Null),
            FlatValue::Text(s) => ToSqlOutput::from(*s),
            FlatValue::Owned(s) => ToSqlOutput::from(s.as_str()),
            FlatValue::Int(n) => ToSqlOutput::Owned(SqlValue::Integer(*n)),
            FlatValue::Real(n) => ToSqlOutput::Owned(SqlValue::Real(*n)),
        })
    }
}

/// Why a database cannot be resumed: it was written before the form-family columns (a
/// `tables`/`indicators` table without them).
fn old_schema(conn: &Connection) -> rusqlite::Result<Option<String>> {
    for (table, scope) in [("tables", Scope::Table), ("indicators", Scope::Record)] {
        let mut st = conn.prepare(&format!("PRAGMA table_info({table})"))?;
        let have: Vec<String> = st
            .query_map([], |r| r.get::<_, String>(1))?
            .collect::<rusqlite::Result<_>>()?;
        if have.is_empty() {
            continue; // a new database
        }
        if let Some(missing) = family_names(scope).find(|c| !have.iter().any(|h| h == c)) {
            return Ok(Some(format!(
                "its `{table}` table has no `{missing}` column: it was written by an older \
                 tablemend (before the form-family columns); run without --resume to rewrite \
                 it, or write to a new file"
            )));
        }
    }
    Ok(None)
}

/// Writes documents into a SQLite database.
pub struct SqliteSink {
    path: PathBuf,
    /// `None` until a fresh run's first document (the old database is still in place).
    conn: Option<Connection>,
    /// Whether the database existed before this fresh run (if not, `finish` creates it empty).
    existed: bool,
    completed: HashMap<String, String>,
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// Opens (creating if needed) the database at `path` with the schema.
fn connect(path: &Path) -> Result<Connection, SinkError> {
    let err = |source| SinkError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let conn = Connection::open(path).map_err(err)?;
    // WAL with NORMAL sync: a commit survives a crash of the process without an fsync each
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
        .map_err(err)?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(err)?;
    if let Some(reason) = old_schema(&conn).map_err(err)? {
        return Err(SinkError::Resume {
            path: path.to_path_buf(),
            reason,
        });
    }
    conn.execute_batch(&schema()).map_err(err)?;
    // written once (a resumed database that has it is left byte for byte as it was)
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(err)?;
    if version != SCHEMA_VERSION {
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(err)?;
    }
    Ok(conn)
}

/// Removes the database at `path` and its journal files (those that exist).
fn remove_database(path: &Path) -> Result<(), SinkError> {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(PathBuf::from(p)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(SinkError::io("removing the old", path)(e)),
        }
    }
    Ok(())
}

impl SqliteSink {
    /// Opens the database at `path`: `resume` keeps the documents already in it; a fresh run
    /// starts from an empty database once its first document comes (until then an existing one
    /// is left as it is).
    pub fn open(path: &Path, resume: bool) -> Result<SqliteSink, SinkError> {
        if !resume {
            let existed = path.exists();
            if !existed {
                // an unwritable place fails now, not after the first chunk is extracted (an
                // empty file is an empty database to SQLite)
                std::fs::File::create(path).map_err(SinkError::io("creating", path))?;
            }
            return Ok(SqliteSink {
                path: path.to_path_buf(),
                conn: None,
                existed,
                completed: HashMap::new(),
            });
        }
        let err = |source| SinkError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = connect(path)?;
        let mut completed = HashMap::new();
        {
            let mut st = conn
                .prepare("SELECT path, hash FROM documents")
                .map_err(err)?;
            let rows = st
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .map_err(err)?;
            for row in rows {
                let (p, h) = row.map_err(err)?;
                completed.insert(p, h);
            }
        }
        Ok(SqliteSink {
            path: path.to_path_buf(),
            conn: Some(conn),
            existed: true,
            completed,
        })
    }

    /// The connection, replacing the old database with a new empty one on first use.
    fn conn(&mut self) -> Result<&mut Connection, SinkError> {
        if self.conn.is_none() {
            remove_database(&self.path)?;
            self.conn = Some(connect(&self.path)?);
        }
        self.conn.as_mut().ok_or_else(|| SinkError::Resume {
            path: self.path.clone(),
            reason: "the database could not be opened".into(),
        })
    }

    fn insert(conn: &mut Connection, item: &Extracted) -> rusqlite::Result<()> {
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM documents WHERE path = ?1", params![item.name])?;
        tx.execute(
            "INSERT INTO documents (path, hash, encoding) VALUES (?1, ?2, ?3)",
            params![item.name, item.hash, item.doc.encoding],
        )?;
        let doc_id = tx.last_insert_rowid();
        {
            let mut table_st = tx.prepare_cached(&insert_sql(
                "tables",
                TABLE_CORE.iter().map(|(name, _)| *name),
                Scope::Table,
            ))?;
            let mut ind_st = tx.prepare_cached(&insert_sql(
                "indicators",
                indicator_core_columns(),
                Scope::Record,
            ))?;
            let mut rep_st = tx.prepare_cached(
                "INSERT INTO repairs (indicator_id, idx, code, reason) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut un_st = tx.prepare_cached(
                "INSERT INTO unassigned (table_id, line, col, text, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (ti, t) in item.doc.tables.iter().enumerate() {
                let m = &t.meta;
                let json = |v: Result<String, serde_json::Error>| v.unwrap_or_else(|_| "[]".into());
                let goals = json(serde_json::to_string(&m.goals));
                let tasks = json(serde_json::to_string(&m.tasks));
                let other = json(serde_json::to_string(&m.other));
                let core = params![
                    doc_id,
                    ti as i64 + 1,
                    t.kind.as_str(),
                    t.year,
                    t.title,
                    t.line as i64,
                    m.project_name,
                    m.department,
                    m.department_code,
                    m.implementing_unit,
                    m.project_source,
                    m.project_period,
                    m.funds_total,
                    m.funds_fiscal,
                    m.funds_carryover,
                    m.funds_other,
                    FundsUnit::NAME,
                    goals,
                    tasks,
                    other,
                ];
                let family = table_family(t);
                table_st.execute(params_from_iter(
                    core.iter()
                        .copied()
                        .chain(family.iter().map(|v| v as &dyn ToSql)),
                ))?;
                let table_id = tx.last_insert_rowid();
                for (ri, r) in t.indicators.iter().enumerate() {
                    insert_indicator(&tx, &mut ind_st, &mut rep_st, table_id, ri, r)?;
                }
                for u in &t.unassigned {
                    un_st.execute(params![
                        table_id,
                        u.line as i64,
                        u.col as i64,
                        u.text,
                        u.reason
                    ])?;
                }
            }
            let mut diag_st = tx.prepare_cached(
                "INSERT INTO diagnostics (document_id, code, severity, message, line, col)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for d in &item.doc.diagnostics {
                diag_st.execute(params![
                    doc_id,
                    d.code(),
                    severity_name(d.severity),
                    d.message,
                    d.line.map(|x| x as i64),
                    d.col.map(|x| x as i64),
                ])?;
            }
        }
        tx.commit()
    }
}

impl Sink for SqliteSink {
    fn completed(&self) -> &HashMap<String, String> {
        &self.completed
    }

    fn can_replace(&self) -> bool {
        true
    }

    fn write(&mut self, item: &Extracted) -> Result<(), SinkError> {
        let path = self.path.clone();
        Self::insert(self.conn()?, item).map_err(|source| SinkError::Sqlite { path, source })
    }

    fn finish(mut self: Box<Self>) -> Result<(), SinkError> {
        // nothing written: an old database stays as it was; a new one gets its schema
        if self.conn.is_none() && !self.existed {
            self.conn()?;
        }
        let path = self.path.clone();
        match self.conn.take() {
            Some(conn) => conn
                .close()
                .map_err(|(_, source)| SinkError::Sqlite { path, source }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_columns_come_from_the_flat_list() {
        let s = schema();
        for c in FAMILY_COLUMNS {
            assert!(s.contains(&format!("{} {},", c.name, c.sql)), "{}", c.name);
        }
        assert!(!s.contains("/*"));
    }

    #[test]
    fn indicator_columns_are_the_flat_record_columns_with_their_types() -> rusqlite::Result<()> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(&schema())?;
        let mut st = conn.prepare("PRAGMA table_info(indicators)")?;
        let have: Vec<(String, String, bool)> = st
            .query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? == 1)))?
            .collect::<rusqlite::Result<_>>()?;
        // id, table_id, idx, then the flat record columns in order, typed as COLUMN_TYPES says
        let want: Vec<(String, String, bool)> = record_column_types()
            .map(|(n, t, req)| {
                let sql = t.sql(req).trim_end_matches(" NOT NULL").to_string();
                (n.to_string(), sql, req)
            })
            .collect();
        assert_eq!(have.get(3..3 + want.len()), Some(&want[..]));
        let mut st = conn.prepare("PRAGMA table_info(tables)")?;
        let names: Vec<String> = st
            .query_map([], |r| r.get(1))?
            .collect::<rusqlite::Result<_>>()?;
        let core: Vec<&str> = TABLE_CORE.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names.get(1..1 + core.len()),
            Some(&core.iter().map(|n| n.to_string()).collect::<Vec<_>>()[..])
        );
        Ok(())
    }

    #[test]
    fn resuming_a_database_written_before_the_family_columns_says_why_it_cannot() {
        let dir = std::env::temp_dir().join(format!("tablemend-old-schema-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("old.sqlite");
        let _ = std::fs::remove_file(&path);
        // today's schema without the family columns
        let old = FAMILY_COLUMNS.iter().fold(schema(), |s, c| {
            s.replace(&format!("{} {},\n    ", c.name, c.sql), "")
        });
        let made = Connection::open(&path).and_then(|c| c.execute_batch(&old));
        assert!(made.is_ok(), "{made:?}");
        match SqliteSink::open(&path, true) {
            Err(SinkError::Resume { reason, .. }) => {
                assert!(reason.contains("older tablemend"), "{reason}")
            }
            Err(e) => panic!("another error: {e}"),
            Ok(_) => panic!("an old database was resumed"),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

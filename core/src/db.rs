//! The database connection: embedded SQLite in WAL mode under the data directory (the
//! default), or PostgreSQL when `POPUTCHIKI_DATABASE_URL` is a `postgres://` URL. Both go
//! through sqlx's `Any` driver, so one set of store functions serves both; the migrations
//! of the chosen backend are applied at start-up (start-up fails loudly if they fail).

use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{ConnectOptions, Executor};

/// The pool every data-access function takes.
pub type Db = sqlx::AnyPool;
/// What one statement runs on: the pool (`&Db`) or one connection (`&mut *conn`). A page
/// with several reads shares one connection: each time the pool lends a connection and takes
/// it back, sqlx checks it with a round trip to the connection's worker thread.
pub use sqlx::any::AnyExecutor;
/// A transaction on [`Db`].
pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;
/// One connection of [`Db`] (inside a transaction or not).
pub type Conn = sqlx::AnyConnection;

/// Which database engine a pool talks to, for the few statements that differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The engine behind a connection (sqlx names it).
    pub fn of_conn(conn: &Conn) -> Self {
        Self::from_name(conn.backend_name())
    }

    /// Parameters one multi-row statement should bind at most on this backend. sqlx finds
    /// each `$N` of a SQLite statement by asking SQLite for every parameter's name, and
    /// SQLite walks its list of names for each, so binding grows with the square of the
    /// count: 10,000 a statement made a 100,000-row import 35 % slower than one statement per
    /// organization. About 300 balances that against the ~80 µs each statement costs.
    pub fn params_per_statement(self) -> usize {
        match self {
            Self::Sqlite => 300,
            Self::Postgres => 10_000,
        }
    }

    /// The engine behind a pool.
    pub fn of(db: &Db) -> Self {
        match db.connect_options().database_url.scheme() {
            "postgres" | "postgresql" => Self::Postgres,
            _ => Self::Sqlite,
        }
    }

    fn from_name(name: &str) -> Self {
        if name.eq_ignore_ascii_case("postgresql") || name.eq_ignore_ascii_case("postgres") {
            Self::Postgres
        } else {
            Self::Sqlite
        }
    }
}

/// A moment as stored in the database: UTC RFC 3339 with seconds.
pub fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The current time as stored in the database.
pub fn now() -> String {
    stamp(chrono::Utc::now())
}

/// A moment `d` from now (negative: ago), as stored in the database.
pub fn from_now(d: chrono::Duration) -> String {
    stamp(chrono::Utc::now() + d)
}

fn install_drivers() {
    static DRIVERS: Once = Once::new();
    DRIVERS.call_once(sqlx::any::install_default_drivers);
}

/// Opens the database: `database_url` when given (`postgres://…` or `sqlite://…`), else
/// (creating if needed) `poputchiki.db` in `data_dir`; then runs the migrations.
pub async fn connect(data_dir: &Path, database_url: Option<&str>) -> anyhow::Result<Db> {
    match database_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            connect_postgres(url).await
        }
        Some(url) if url.starts_with("sqlite:") => {
            let path = url
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:");
            let path = path.split('?').next().unwrap_or(path);
            connect_file(Path::new(path)).await
        }
        Some(other) => anyhow::bail!(
            "POPUTCHIKI_DATABASE_URL must start with sqlite:// or postgres:// (got {:?})",
            other.split(':').next().unwrap_or("")
        ),
        None => {
            std::fs::create_dir_all(data_dir).with_context(|| {
                format!("cannot create the data directory {}", data_dir.display())
            })?;
            connect_file(&data_dir.join("poputchiki.db")).await
        }
    }
}

/// Opens a specific SQLite file; used by [`connect`] and by tests with temporary files.
pub async fn connect_file(path: &Path) -> anyhow::Result<Db> {
    install_drivers();
    let url = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .to_url_lossy();
    let options = AnyConnectOptions::from_url(&url)?
        // Loading 100,000 organizations at start-up takes a second or two; that is expected.
        .log_slow_statements(log::LevelFilter::Warn, Duration::from_secs(10));
    let db = AnyPoolOptions::new()
        .max_connections(4)
        // sqlx pings a connection before lending it by default: a round trip to the
        // connection's worker thread each time a statement takes one from the pool, worth
        // it for a server across a network, not for a file in this process (profiled at
        // 6 % of an organization page; connections are still checked when given back).
        .test_before_acquire(false)
        .after_connect(|conn, _| {
            Box::pin(async move {
                // WAL lets readers go on while one writer writes; foreign keys are off by
                // default in SQLite. A 16 MiB page cache per connection (the default is
                // 2 MiB) helps big imports; it is per connection, so more would multiply
                // across the pool.
                conn.execute(
                    "pragma journal_mode = wal; pragma synchronous = normal; \
                     pragma foreign_keys = on; pragma busy_timeout = 5000; \
                     pragma cache_size = -16384; pragma temp_store = memory;",
                )
                .await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {}", path.display()))?;
    sqlx::migrate!("../migrations/sqlite")
        .run(&db)
        .await
        .context("database migrations failed; the database was left as it was")?;
    Ok(db)
}

/// Connects to PostgreSQL and runs its migrations.
pub async fn connect_postgres(url: &str) -> anyhow::Result<Db> {
    install_drivers();
    let options = AnyConnectOptions::from_url(&url.parse()?)?
        .log_slow_statements(log::LevelFilter::Warn, Duration::from_secs(10));
    let db = AnyPoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .context("cannot connect to PostgreSQL (POPUTCHIKI_DATABASE_URL)")?;
    sqlx::migrate!("../migrations/postgres")
        .run(&db)
        .await
        .context("database migrations failed; the database was left as it was")?;
    Ok(db)
}

/// Whether the database answers; used by `/healthz`.
pub async fn ping(db: &Db) -> bool {
    sqlx::query_scalar::<_, i64>("select 1")
        .fetch_one(db)
        .await
        .is_ok()
}

/// `$start, $start+1, …` for `n` parameters, the placeholders of an `in (…)` list.
pub fn params(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A boolean read from either backend: PostgreSQL answers `bool` for a comparison,
/// SQLite an integer 0 or 1 (and flags are stored as 0 or 1 on both). Read with
/// `#[sqlx(try_from = "Flag")]` on a `bool` field, or `Flag` in a tuple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(f: Flag) -> Self {
        f.0
    }
}

impl sqlx::Type<sqlx::Any> for Flag {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <bool as sqlx::Type<sqlx::Any>>::type_info()
    }

    fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
        <bool as sqlx::Type<sqlx::Any>>::compatible(ty)
            || <i64 as sqlx::Type<sqlx::Any>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Any> for Flag {
    fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        match <bool as sqlx::Decode<sqlx::Any>>::decode(value.clone()) {
            Ok(b) => Ok(Flag(b)),
            Err(_) => Ok(Flag(<i64 as sqlx::Decode<sqlx::Any>>::decode(value)? != 0)),
        }
    }
}

/// An optional double to bind. sqlx 0.8.6's `Any` driver sends `Option::<f64>::None` to
/// PostgreSQL as a 4-byte float null; PostgreSQL caches a statement's parameter types
/// from its first run on a connection, so a later run of the same statement with a value
/// (8 bytes) was refused ("incorrect binary data format"). This sends the null as an
/// 8-byte one (sqlx maps its `Real` null kind to `f64`). SQLite reads both alike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptF64(pub Option<f64>);

impl sqlx::Type<sqlx::Any> for OptF64 {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <f64 as sqlx::Type<sqlx::Any>>::type_info()
    }
}

impl<'q> sqlx::Encode<'q, sqlx::Any> for OptF64 {
    fn encode_by_ref(
        &self,
        buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        match self.0 {
            Some(x) => <f64 as sqlx::Encode<'q, sqlx::Any>>::encode(x, buf),
            None => {
                buf.0.push(sqlx_core::any::AnyValueKind::Null(
                    sqlx::any::AnyTypeInfoKind::Real,
                ));
                Ok(sqlx::encode::IsNull::Yes)
            }
        }
    }
}

/// A multi-row `insert … values (…), (…)` with `$N` placeholders, which both backends
/// read (sqlx's `QueryBuilder` writes `?` through the `Any` driver, which PostgreSQL
/// refuses). One statement instead of one per row saves a round trip per row.
pub struct Values<'q> {
    sql: String,
    args: sqlx::any::AnyArguments<'q>,
    count: usize,
    error: Option<sqlx::error::BoxDynError>,
}

/// One row of [`Values`]: its parameters, in column order.
pub struct ValuesRow<'a, 'q> {
    values: &'a mut Values<'q>,
    first: bool,
}

impl<'q> ValuesRow<'_, 'q> {
    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + 'q,
    {
        use sqlx::Arguments;
        let v = &mut *self.values;
        if !self.first {
            v.sql.push_str(", ");
        }
        self.first = false;
        v.count += 1;
        v.sql.push('$');
        v.sql.push_str(&v.count.to_string());
        if let Err(e) = v.args.add(value) {
            v.error.get_or_insert(e);
        }
        self
    }
}

impl<'q> Values<'q> {
    /// `head` is `insert into t (a, b) `; rows follow `values`.
    pub fn new(head: &str) -> Self {
        Self {
            sql: format!("{head} values "),
            args: Default::default(),
            count: 0,
            error: None,
        }
    }

    /// Adds a row whose parameters `bind` pushes.
    pub fn row(&mut self, bind: impl FnOnce(ValuesRow<'_, 'q>)) {
        if self.sql.ends_with(')') {
            self.sql.push_str(", ");
        }
        self.sql.push('(');
        bind(ValuesRow {
            values: self,
            first: true,
        });
        self.sql.push(')');
    }

    /// How many parameters the rows so far bind.
    pub fn params(&self) -> usize {
        self.count
    }

    /// Runs the insert on `conn` and reads the `returning` columns of every row inserted.
    pub async fn fetch_all<T>(self, conn: &mut Conn, returning: &str) -> sqlx::Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        if let Some(e) = self.error {
            return Err(sqlx::Error::Encode(e));
        }
        let sql = format!("{} returning {returning}", self.sql);
        sqlx::query_as_with(&sql, self.args).fetch_all(conn).await
    }

    /// Runs the insert on `conn`.
    pub async fn execute(self, conn: &mut Conn) -> sqlx::Result<()> {
        if let Some(e) = self.error {
            return Err(sqlx::Error::Encode(e));
        }
        sqlx::query_with(&self.sql, self.args)
            .execute(conn)
            .await
            .map(|_| ())
    }
}

/// A subquery listing the integers of a JSON array bound at `param` (`$1`), for
/// `id in (…)` with any number of ids in one parameter.
pub fn json_ids(b: Backend, param: &str) -> String {
    match b {
        Backend::Sqlite => format!("select value from json_each({param})"),
        Backend::Postgres => {
            format!("select value::bigint from json_array_elements_text({param}::json)")
        }
    }
}

/// A subquery listing the strings of a JSON array bound at `param`.
pub fn json_texts(b: Backend, param: &str) -> String {
    match b {
        Backend::Sqlite => format!("select value from json_each({param})"),
        Backend::Postgres => format!("select value from json_array_elements_text({param}::json)"),
    }
}

//! RELIABILITY.md tests 7 and 12, MySQL/MariaDB (`sqlx-mysql`): 10,000 random stamps plus the
//! edge set come back bit-exact from `DATETIME(6)` over the binary and the text protocol,
//! `ORDER BY` in SQL is Rust's order, every precision is exact in a column of its own
//! precision, rows load through `FromRow`, and zero dates, `TIMESTAMP`'s range and the session
//! time zone behave as the `db` module documents.
//!
//! Needs a server, so every test here is `#[ignore]`d in a plain `cargo test` (reported as
//! ignored, never as passed). Run them with `TIMESTAMPED_MYSQL_URL` set and
//! `-- --include-ignored`, as CI does (`mysql://root@127.0.0.1:3306/test`). Every test works in
//! temporary tables of its own connection: nothing is left behind.

mod common;

use common::{edge_set, random_instants};
use sqlx::mysql::MySqlConnection;
use sqlx::{Connection, Row};
use stamped::{Micros, Millis, Seconds, Timestamp, Timestamped, Timestamps};

async fn connect() -> MySqlConnection {
    let url = std::env::var("TIMESTAMPED_MYSQL_URL")
        .expect("TIMESTAMPED_MYSQL_URL must name a MySQL or MariaDB server for these tests");
    MySqlConnection::connect(&url)
        .await
        .expect("TIMESTAMPED_MYSQL_URL is set but unreachable")
}

async fn table(conn: &mut MySqlConnection, columns: &str) {
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE TEMPORARY TABLE stamps (id BIGINT PRIMARY KEY, {columns})"
    )))
    .execute(&mut *conn)
    .await
    .unwrap();
}

#[derive(sqlx::FromRow)]
struct Entity {
    id: i64,
    #[sqlx(flatten)]
    timestamps: Timestamps,
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

#[tokio::test]
#[ignore = "needs MySQL/MariaDB: set TIMESTAMPED_MYSQL_URL and pass --include-ignored"]
async fn datetime6_round_trips_bit_exact_in_both_protocols_and_sql_order() {
    let mut conn = connect().await;
    table(&mut conn, "at DATETIME(6) NOT NULL").await;
    let mut written = edge_set();
    written.extend(random_instants(0x3306, 10_000));
    for (chunk_index, chunk) in written.chunks(500).enumerate() {
        let mut insert = sqlx::QueryBuilder::new("INSERT INTO stamps (id, at) ");
        insert.push_values(chunk.iter().enumerate(), |mut row, (i, at)| {
            row.push_bind(i64::try_from(chunk_index * 500 + i).unwrap())
                .push_bind(*at);
        });
        insert.build().execute(&mut conn).await.unwrap();
    }
    // Binary protocol (a prepared statement).
    let binary: Vec<Timestamp> = sqlx::query_scalar("SELECT at FROM stamps ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert_eq!(binary, written);
    // Text protocol (a plain query).
    let rows = sqlx::raw_sql("SELECT at FROM stamps ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let text: Vec<Timestamp> = rows.iter().map(|r| r.get::<Timestamp, _>("at")).collect();
    assert_eq!(text, written);
    // SQL order is time order.
    let ordered: Vec<Timestamp> = sqlx::query_scalar("SELECT at FROM stamps ORDER BY at, id")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let mut sorted = written.clone();
    sorted.sort();
    assert_eq!(ordered, sorted);
    // A bound stamp compares with the column exactly.
    let probe = written[1234];
    let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stamps WHERE at = ?")
        .bind(probe)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let expected = written.iter().filter(|w| **w == probe).count();
    assert_eq!(usize::try_from(found).unwrap(), expected);
}

#[tokio::test]
#[ignore = "needs MySQL/MariaDB: set TIMESTAMPED_MYSQL_URL and pass --include-ignored"]
async fn each_precision_is_exact_in_a_column_of_that_precision_and_loads_as_a_row() {
    let mut conn = connect().await;
    table(
        &mut conn,
        "micro_c DATETIME(6), micro_u TIMESTAMP(6) NULL, \
         milli_c DATETIME(3), milli_u DATETIME(3), sec_c DATETIME, sec_u DATETIME, \
         gone DATETIME(6) NULL",
    )
    .await;
    let clock = stamped::FixedClock::new(ts("2026-03-01T10:00:00.123456Z"));
    let micros: Timestamps<Micros> = Timestamps::now_with(&clock);
    let millis: Timestamps<Millis> = Timestamps::now_with(&clock);
    let seconds: Timestamps<Seconds> = Timestamps::now_with(&clock);
    sqlx::query(
        "INSERT INTO stamps (id, micro_c, micro_u, milli_c, milli_u, sec_c, sec_u, gone) \
         VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(micros.created_at())
    .bind(micros.updated_at())
    .bind(millis.created_at())
    .bind(millis.updated_at())
    .bind(seconds.created_at())
    .bind(seconds.updated_at())
    .bind(None::<Timestamp>)
    .execute(&mut conn)
    .await
    .unwrap();
    let row = sqlx::query("SELECT * FROM stamps WHERE id = 1")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let read_micros = Timestamps::<Micros>::from_row_columns(&row, "micro_c", "micro_u").unwrap();
    let read_millis = Timestamps::<Millis>::from_row_columns(&row, "milli_c", "milli_u").unwrap();
    let read_seconds = Timestamps::<Seconds>::from_row_columns(&row, "sec_c", "sec_u").unwrap();
    assert_eq!(read_micros, micros);
    assert_eq!(read_millis, millis);
    assert_eq!(read_seconds, seconds);
    assert_eq!(row.get::<Option<Timestamp>, _>("gone"), None);

    // An entity with `#[sqlx(flatten)]` loads from MySQL rows like from the others.
    let entity: Entity =
        sqlx::query_as("SELECT id, micro_c AS created_at, micro_u AS updated_at FROM stamps")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!((entity.id, entity.timestamps), (1, micros));
    // A pair with updated_at < created_at is refused, naming the column.
    let err = sqlx::query_as::<_, Entity>(
        "SELECT id, micro_u AS created_at, sec_c AS updated_at FROM stamps",
    )
    .fetch_one(&mut conn)
    .await
    .err()
    .expect("updated_at before created_at");
    assert!(err.to_string().contains("updated_at"), "{err}");
}

#[tokio::test]
#[ignore = "needs MySQL/MariaDB: set TIMESTAMPED_MYSQL_URL and pass --include-ignored"]
async fn zero_dates_and_null_are_errors_never_panics() {
    let mut conn = connect().await;
    sqlx::raw_sql("SET SESSION sql_mode = ''")
        .execute(&mut conn)
        .await
        .unwrap();
    table(&mut conn, "at DATETIME(6) NULL").await;
    sqlx::raw_sql(
        "INSERT INTO stamps VALUES (1, '0000-00-00 00:00:00'), (2, '2026-00-10 00:00:00'), \
         (3, NULL)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    for id in [1_i64, 2, 3] {
        let binary = sqlx::query("SELECT at FROM stamps WHERE id = ?")
            .bind(id)
            .fetch_one(&mut conn)
            .await
            .unwrap();
        let err = binary.try_get::<Timestamp, _>("at").unwrap_err();
        assert!(
            err.to_string().contains("zero") || err.to_string().contains("NULL"),
            "{id}: {err}"
        );
        let text = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "SELECT at FROM stamps WHERE id = {id}"
        )))
        .fetch_one(&mut conn)
        .await
        .unwrap();
        assert!(text.try_get::<Timestamp, _>("at").is_err(), "{id}");
        if id == 3 {
            // NULL is its own variant, in both protocols.
            for row in [&binary, &text] {
                common::assert_null_error(row.try_get::<Timestamp, _>("at").unwrap_err());
            }
        }
    }
    let null: Option<Timestamp> = sqlx::query_scalar("SELECT at FROM stamps WHERE id = 3")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(null, None);
}

#[tokio::test]
#[ignore = "needs MySQL/MariaDB: set TIMESTAMPED_MYSQL_URL and pass --include-ignored"]
async fn timestamp_columns_refuse_stamps_outside_1970_to_2038() {
    let mut conn = connect().await;
    table(&mut conn, "at TIMESTAMP(6) NULL").await;
    for (id, outside) in [(1_i64, "2050-01-01T00:00:00Z"), (2, "1960-01-01T00:00:00Z")] {
        let err = sqlx::query("INSERT INTO stamps (id, at) VALUES (?, ?)")
            .bind(id)
            .bind(ts(outside))
            .execute(&mut conn)
            .await
            .unwrap_err();
        assert!(matches!(err, sqlx::Error::Database(_)), "{outside}: {err}");
    }
    let inside = ts("2038-01-19T03:14:07.999999Z");
    sqlx::query("INSERT INTO stamps (id, at) VALUES (3, ?)")
        .bind(inside)
        .execute(&mut conn)
        .await
        .unwrap();
    let back: Timestamp = sqlx::query_scalar("SELECT at FROM stamps WHERE id = 3")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(back, inside);
}

/// The session time zone, as the docs say: `DATETIME` keeps the UTC wall time whatever the
/// session's zone; `TIMESTAMP` written under another zone reads back shifted on a UTC session.
#[tokio::test]
#[ignore = "needs MySQL/MariaDB: set TIMESTAMPED_MYSQL_URL and pass --include-ignored"]
async fn the_session_time_zone_shifts_timestamp_columns_only() {
    let mut conn = connect().await;
    table(&mut conn, "dt DATETIME(6), tsz TIMESTAMP(6) NULL").await;
    let at = ts("2026-06-01T12:00:00.654321Z");
    sqlx::raw_sql("SET time_zone = '+05:30'")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("INSERT INTO stamps VALUES (1, ?, ?)")
        .bind(at)
        .bind(at)
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::raw_sql("SET time_zone = '+00:00'")
        .execute(&mut conn)
        .await
        .unwrap();
    let (dt, tsz): (Timestamp, Timestamp) = sqlx::query_as("SELECT dt, tsz FROM stamps")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(dt, at);
    assert_eq!(
        at.as_unix_micros() - tsz.as_unix_micros(),
        (5 * 3600 + 30 * 60) * 1_000_000
    );
}

/// An entity on MySQL as on the others: inserted from the generated constructor, loaded
/// through `FromRow`, its edit written by the generated `WriteChanges` as a compare-and-set
/// `UPDATE` (a renamed column included), soft-deleted the same way, and restored with its
/// deletion stamp by a loader that is not `FromRow`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Timestamped)]
#[timestamped(new, columns)]
struct Invoice {
    #[timestamped(skip)]
    id: i64,
    customer: String,
    #[timestamped(column = "amount_cents", copy)]
    #[sqlx(rename = "amount_cents")]
    amount: i64,
    #[timestamped(deleted_at)]
    deleted_at: Option<Timestamp>,
    #[sqlx(flatten)]
    timestamps: Timestamps,
}

async fn load(conn: &mut MySqlConnection, id: i64) -> Invoice {
    sqlx::query_as("SELECT * FROM invoices WHERE id = ?")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

#[tokio::test]
#[ignore = "needs MySQL/MariaDB: set TIMESTAMPED_MYSQL_URL and pass --include-ignored"]
async fn an_entity_loads_and_writes_its_changes_on_mysql() {
    let mut conn = connect().await;
    sqlx::raw_sql(
        "CREATE TEMPORARY TABLE invoices (id BIGINT AUTO_INCREMENT PRIMARY KEY, \
         customer TEXT NOT NULL, amount_cents BIGINT NOT NULL, deleted_at DATETIME(6) NULL, \
         created_at DATETIME(6) NOT NULL, updated_at DATETIME(6) NOT NULL)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    let new = Invoice::new(0, "ACME".to_owned(), 1_000);
    let id = i64::try_from(
        sqlx::query(
            "INSERT INTO invoices (customer, amount_cents, created_at, updated_at) VALUES (?, ?, ?, ?)",
        )
        .bind(new.customer())
        .bind(new.amount())
        .bind(new.created_at())
        .bind(new.updated_at())
        .execute(&mut conn)
        .await
        .unwrap()
        .last_insert_id(),
    )
    .unwrap();
    let mut invoice = load(&mut conn, id).await;
    assert_eq!(invoice.timestamps(), new.timestamps(), "bit-exact");

    let version = invoice.updated_at();
    let mut edit = invoice.edit();
    edit.set_customer("ACME".to_owned()).set_amount(1_250);
    let changes = edit.finish();
    let mut update = sqlx::QueryBuilder::<sqlx::MySql>::new("UPDATE invoices SET ");
    stamped::db::push_changes(&mut update, &invoice, changes);
    update
        .push(" WHERE id = ")
        .push_bind(id)
        .push(" AND updated_at = ")
        .push_bind(version);
    assert_eq!(
        update.sql().as_str(),
        "UPDATE invoices SET amount_cents = ?, updated_at = ? WHERE id = ? AND updated_at = ?"
    );
    assert_eq!(
        update
            .build()
            .execute(&mut conn)
            .await
            .unwrap()
            .rows_affected(),
        1
    );
    assert_eq!(load(&mut conn, id).await, invoice);

    let version = invoice.updated_at();
    let mut edit = invoice.edit();
    edit.delete();
    let changes = edit.finish();
    let mut update = sqlx::QueryBuilder::<sqlx::MySql>::new("UPDATE invoices SET ");
    stamped::db::push_changes(&mut update, &invoice, changes);
    update
        .push(" WHERE id = ")
        .push_bind(id)
        .push(" AND updated_at = ")
        .push_bind(version);
    assert_eq!(
        update
            .build()
            .execute(&mut conn)
            .await
            .unwrap()
            .rows_affected(),
        1
    );

    // A loader by hand (as a Diesel or raw-protocol loader would be), outside the module.
    let row = sqlx::query("SELECT * FROM invoices WHERE id = ?")
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let restored = Invoice::restore(
        row.get("id"),
        row.get("customer"),
        row.get("amount_cents"),
        Timestamps::from_row_columns(&row, "created_at", "updated_at").unwrap(),
        row.get("deleted_at"),
    )
    .unwrap();
    assert!(restored.is_deleted());
    assert_eq!(restored, invoice);
}

//! RELIABILITY.md test 12, SeaORM 2 (`sea-orm`): `Timestamp` and `Option<Timestamp>` fields of
//! a `DeriveEntityModel` model insert and load on SQLite and PostgreSQL, bit-exact, and a row
//! written by the sqlx integration loads through SeaORM as the same instant, and the other way
//! round.
//!
//! SQLite runs everywhere (a file of its own); PostgreSQL needs a server: `#[ignore]`d without
//! `--include-ignored`, its URL in `TIMESTAMPED_POSTGRES_URL`.

mod common;

use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue, ConnectionTrait, Database, DatabaseConnection, QueryOrder, Statement};
use stamped::{Timestamp, Timestamped, Timestamps};

#[allow(
    unreachable_pub,
    reason = "SeaORM's derives expect the model's usual public shape"
)]
mod task {
    use sea_orm::entity::prelude::*;
    use stamped::Timestamp;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sea_tasks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i64,
        pub title: String,
        pub created_at: Timestamp,
        pub updated_at: Timestamp,
        pub deleted_at: Option<Timestamp>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The entity the application changes: its stamps private, its edits touched by the derive.
#[derive(Debug, Clone, PartialEq, Timestamped)]
#[timestamped(new, columns)]
struct Task {
    #[timestamped(skip)]
    id: i64,
    title: String,
    #[timestamped(deleted_at)]
    deleted_at: Option<Timestamp>,
    timestamps: Timestamps,
}

impl Task {
    fn load(model: task::Model) -> Task {
        Task::restore(
            model.id,
            model.title,
            Timestamps::restore(model.created_at, model.updated_at).unwrap(),
            model.deleted_at,
        )
        .unwrap()
    }
}

/// An edit written through SeaORM: only the changed columns and `updated_at` are `Set`, with
/// a compare-and-set on the version the edit started from.
async fn save_changes(
    db: &DatabaseConnection,
    entity: &Task,
    changes: stamped::Changes,
    version: Timestamp,
) -> u64 {
    let mut model = task::ActiveModel {
        id: ActiveValue::Unchanged(entity.id),
        ..Default::default()
    };
    stamped::sea_orm::set_changes(&mut model, entity, changes).unwrap();
    task::Entity::update_many()
        .set(model)
        .filter(task::Column::Id.eq(entity.id))
        .filter(task::Column::UpdatedAt.eq(version))
        .exec(db)
        .await
        .unwrap()
        .rows_affected
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// The instants each scenario writes: the edge set, some random ones, and one before 1970.
fn instants() -> Vec<Timestamp> {
    let mut all = common::edge_set();
    all.extend(common::random_instants(0x5ea0, 200));
    all.push(ts("1969-07-20T20:17:40.000001Z"));
    all
}

async fn scenario(db: &DatabaseConnection, sqlx_insert: impl AsyncFn(i64, Timestamp)) {
    let written = instants();
    for (i, at) in written.iter().enumerate() {
        let id = i64::try_from(i).unwrap();
        let later: Timestamps = Timestamps::restore(*at, *at).unwrap();
        task::ActiveModel {
            id: ActiveValue::Set(id),
            title: ActiveValue::Set(format!("task {i}")),
            created_at: ActiveValue::Set(later.created_at()),
            updated_at: ActiveValue::Set(later.updated_at()),
            deleted_at: ActiveValue::Set((i % 2 == 0).then_some(*at)),
        }
        .insert(db)
        .await
        .unwrap();
    }
    let loaded = task::Entity::find()
        .order_by_asc(task::Column::Id)
        .all(db)
        .await
        .unwrap();
    assert_eq!(loaded.len(), written.len());
    for (i, (model, at)) in loaded.iter().zip(&written).enumerate() {
        assert_eq!((model.created_at, model.updated_at), (*at, *at), "{i}");
        assert_eq!(model.deleted_at, (i % 2 == 0).then_some(*at), "{i}");
    }
    // Filtering on a stamp compares exactly.
    let probe = written[7];
    let found = task::Entity::find()
        .filter(task::Column::CreatedAt.eq(probe))
        .count(db)
        .await
        .unwrap();
    assert_eq!(found, 1);
    // A row written by the sqlx integration loads through SeaORM as the same instant.
    let by_sqlx = ts("2026-02-03T04:05:06.070809Z");
    sqlx_insert(-1, by_sqlx).await;
    let model = task::Entity::find_by_id(-1_i64)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((model.created_at, model.updated_at), (by_sqlx, by_sqlx));

    // The entity's edit, written with only its changed columns `Set` (on a row SeaORM wrote:
    // on SQLite a compare-and-set matches text written in the same form, see the module docs).
    let fresh = Task::new(1000, "kept".to_owned());
    task::ActiveModel {
        id: ActiveValue::Set(1000),
        title: ActiveValue::Set(fresh.title().clone()),
        created_at: ActiveValue::Set(fresh.created_at()),
        updated_at: ActiveValue::Set(fresh.updated_at()),
        deleted_at: ActiveValue::Set(None),
    }
    .insert(db)
    .await
    .unwrap();
    let model = task::Entity::find_by_id(1000_i64)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut entity = Task::load(model);
    assert_eq!(entity, fresh);
    let version = entity.updated_at();
    let mut edit = entity.edit();
    edit.delete();
    let changes = edit.finish();
    // Meanwhile another writer changes a column this edit did not touch.
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "UPDATE sea_tasks SET title = 'changed elsewhere' WHERE id = 1000",
    ))
    .await
    .unwrap();
    assert_eq!(save_changes(db, &entity, changes, version).await, 1);
    let stored = Task::load(
        task::Entity::find_by_id(1000_i64)
            .one(db)
            .await
            .unwrap()
            .unwrap(),
    );
    assert_eq!(
        stored.title(),
        "changed elsewhere",
        "only the changed columns are written"
    );
    assert!(stored.is_deleted());
    assert_eq!(
        (stored.deleted_at(), stored.timestamps()),
        (entity.deleted_at(), entity.timestamps())
    );
    // A stale copy's version no longer matches: nothing is written.
    let mut stale = Task::load(
        task::Entity::find_by_id(1000_i64)
            .one(db)
            .await
            .unwrap()
            .unwrap(),
    );
    let mut edit = stale.edit();
    edit.set_title("stale".to_owned());
    let changes = edit.finish();
    assert_eq!(save_changes(db, &stale, changes, version).await, 0);
}

#[tokio::test]
async fn sqlite_models_insert_load_and_read_what_sqlx_wrote_and_back() {
    let path = std::env::temp_dir().join(format!("timestamped-sea-orm-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let db = Database::connect(&url).await.unwrap();
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "CREATE TABLE sea_tasks (id BIGINT PRIMARY KEY, title TEXT NOT NULL, \
         created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT)",
    ))
    .await
    .unwrap();
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    scenario(&db, async |id, at| {
        sqlx::query("INSERT INTO sea_tasks VALUES (?, 'by sqlx', ?, ?, NULL)")
            .bind(id)
            .bind(at)
            .bind(at)
            .execute(&pool)
            .await
            .unwrap();
    })
    .await;
    // What SeaORM wrote, the sqlx integration reads as the same instant.
    let (created, deleted): (Timestamp, Option<Timestamp>) =
        sqlx::query_as("SELECT created_at, deleted_at FROM sea_tasks WHERE id = 0")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((created, deleted), (instants()[0], Some(instants()[0])));
    // Text without an offset (CURRENT_TIMESTAMP) is UTC for SeaORM too.
    sqlx::query(
        "INSERT INTO sea_tasks VALUES (-2, 'now', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL)",
    )
    .execute(&pool)
    .await
    .unwrap();
    let seconds: i64 = sqlx::query_scalar(
        "SELECT CAST(strftime('%s', created_at) AS INTEGER) FROM sea_tasks WHERE id = -2",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let model = task::Entity::find_by_id(-2_i64)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(model.created_at.as_unix_micros(), seconds * 1_000_000);
    pool.close().await;
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn postgres_models_insert_load_and_read_what_sqlx_wrote_and_back() {
    let url = std::env::var("TIMESTAMPED_POSTGRES_URL").expect("TIMESTAMPED_POSTGRES_URL");
    let schema = format!("sea_orm_{}", std::process::id());
    let admin = sqlx::PgPool::connect(&url).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; \
         CREATE TABLE {schema}.sea_tasks (id BIGINT PRIMARY KEY, title TEXT NOT NULL, \
         created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, deleted_at TIMESTAMPTZ)"
    )))
    .execute(&admin)
    .await
    .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let scoped = format!("{url}{sep}options=-c%20search_path%3D{schema}");
    let db = Database::connect(&scoped).await.unwrap();
    let pool = sqlx::PgPool::connect(&scoped).await.unwrap();
    scenario(&db, async |id, at| {
        sqlx::query("INSERT INTO sea_tasks VALUES ($1, 'by sqlx', $2, $3, NULL)")
            .bind(id)
            .bind(at)
            .bind(at)
            .execute(&pool)
            .await
            .unwrap();
    })
    .await;
    let created: Timestamp = sqlx::query_scalar("SELECT created_at FROM sea_tasks WHERE id = 3")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(created, instants()[3]);
    pool.close().await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&admin)
        .await
        .unwrap();
}

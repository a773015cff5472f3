use stamped::{Timestamped, Timestamps};

/// A field type sqlx cannot bind.
#[derive(Debug, Clone, PartialEq)]
struct Money(i64);

#[derive(Timestamped)]
#[timestamped(columns)]
struct Invoice {
    customer: String,
    amount: Money,
    timestamps: Timestamps,
}

fn update(invoice: &Invoice, changes: stamped::Changes) {
    let mut query = sqlx::QueryBuilder::<sqlx::Sqlite>::new("UPDATE invoices SET ");
    stamped::db::push_changes(&mut query, invoice, changes);
}

fn main() {}

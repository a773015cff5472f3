//! Shape checks: a struct with named fields, exactly one private `Timestamps` field, private
//! managed fields, options that make sense together.

use crate::ast::{Body, Field, Input};
use crate::ctxt::Ctxt;

/// Names the derive generates on every entity; a managed field of that name would clash.
const RESERVED: &[&str] = &[
    "timestamps",
    "created_at",
    "updated_at",
    "touch",
    "touch_with",
    "edit",
    "edit_with",
];
/// Names generated with the struct option `new`.
const RESERVED_NEW: &[&str] = &["new", "with_timestamps"];
/// Names generated with a `deleted_at` field.
const RESERVED_DELETE: &[&str] = &["deleted_at", "is_deleted", "delete", "undelete"];
/// How many fields an edit's `Changes` can report (one bit each).
const MAX_TRACKED: usize = 64;

pub(crate) fn check(cx: &mut Ctxt, input: &Input<'_>) {
    let fields = match &input.body {
        Body::Named(fields) => fields,
        Body::Unsupported(what, tokens) => {
            cx.error_at(
                tokens,
                format_args!(
                    "#[derive(Timestamped)] needs a struct with named fields, and `{}` is {what}",
                    input.ident
                ),
            );
            return;
        }
    };
    check_stamps(cx, input, fields);
    check_deleted_at(cx, input, fields);
    let mut reserved: Vec<&str> = RESERVED.to_vec();
    if input.opts.new.is_set() {
        reserved.extend(RESERVED_NEW);
    }
    if fields.iter().any(Field::is_deleted_at) {
        reserved.extend(RESERVED_DELETE);
    }
    if input.opts.columns.is_set() {
        reserved.push("write_changes");
    } else if let Some(span) = fields.iter().find_map(|f| f.opts.column.span()) {
        cx.push(syn::Error::new(
            span,
            "`column = \"...\"` names the column `write_changes` writes, which the struct option \
             `#[timestamped(columns)]` generates; add it to the struct",
        ));
    }
    if input.opts.new.is_set() && fields.iter().any(Field::is_deleted_at) {
        reserved.push("restore");
    }
    for field in fields {
        check_field(cx, field, &reserved);
    }
    if let Some(extra) = fields.iter().filter(|f| f.is_tracked()).nth(MAX_TRACKED) {
        cx.error_at(
            extra.ident,
            format_args!(
                "#[derive(Timestamped)] tracks the changes of at most {MAX_TRACKED} fields, and this is field {}; \
                 group fields into a struct, or mark some `#[timestamped(skip)]`",
                MAX_TRACKED + 1
            ),
        );
    }
}

/// The soft-delete field: at most one, private, no other option but `vis`. (Its type is
/// checked by the compiler, at the type, through `DeletedAtField`.)
fn check_deleted_at(cx: &mut Ctxt, input: &Input<'_>, fields: &[Field<'_>]) {
    let mut marked = fields.iter().filter(|f| f.is_deleted_at() && !f.is_stamps);
    let Some(first) = marked.next() else {
        return;
    };
    for extra in marked {
        cx.push(syn::Error::new(
            extra
                .opts
                .deleted_at
                .span()
                .unwrap_or_else(|| extra.ident.span()),
            format_args!(
                "a second `deleted_at` field: `{}` already keeps its deletion stamp in `{}`",
                input.ident, first.ident
            ),
        ));
    }
    for field in fields.iter().filter(|f| f.is_deleted_at() && !f.is_stamps) {
        if !matches!(field.vis, syn::Visibility::Inherited) {
            cx.error_at(
                field.vis,
                format_args!(
                    "the `deleted_at` field `{}` must be private: a visible field would let callers set any \
                     deletion stamp (even one before `created_at`); use the generated `delete()` / \
                     `undelete()` / `deleted_at()`",
                    field.ident
                ),
            );
        }
        for (name, span) in field
            .opts
            .given()
            .filter(|(name, _)| !matches!(*name, "deleted_at" | "vis" | "column"))
        {
            cx.push(syn::Error::new(
                span,
                format_args!(
                    "timestamped option `{name}` does not apply to the `deleted_at` field, which has no \
                     setter (only `vis` does: the visibility of `deleted_at()`, `delete()`, `undelete()`; \
                     and `column = \"...\"`)"
                ),
            ));
        }
    }
}

fn check_stamps(cx: &mut Ctxt, input: &Input<'_>, fields: &[Field<'_>]) {
    let mut stamps = fields.iter().filter(|f| f.is_stamps);
    let Some(first) = stamps.next() else {
        cx.error_at(
            input.ident,
            format_args!(
                "#[derive(Timestamped)] needs exactly one field of type `Timestamps`, and `{}` has none; \
                 add `timestamps: Timestamps`",
                input.ident
            ),
        );
        return;
    };
    for extra in stamps {
        cx.error_at(
            extra.ty,
            format_args!(
                "a second `Timestamps` field: `{}` already keeps its stamps in `{}`, and an entity has exactly one pair",
                input.ident, first.ident
            ),
        );
    }
    for field in fields.iter().filter(|f| f.is_stamps) {
        if !matches!(field.vis, syn::Visibility::Inherited) {
            cx.error_at(
                field.vis,
                format_args!(
                    "the `Timestamps` field `{}` must be private: a visible field would let callers replace \
                     `created_at` and `updated_at`; read them through the generated `created_at()` / `updated_at()`",
                    field.ident
                ),
            );
        }
        if let Some((name, span)) = field.opts.given().next() {
            cx.push(syn::Error::new(
                span,
                format_args!(
                    "timestamped option `{name}` does not apply to the `Timestamps` field"
                ),
            ));
        }
    }
}

fn check_field(cx: &mut Ctxt, field: &Field<'_>, reserved: &[&str]) {
    if field.is_stamps || field.is_deleted_at() {
        return;
    }
    let opts = &field.opts;
    if opts.skip.is_set() {
        if let Some((name, span)) = opts.given().find(|(name, _)| *name != "skip") {
            cx.push(syn::Error::new(
                span,
                format_args!("timestamped option `{name}` has no effect on a `skip` field, which gets no accessors"),
            ));
        }
        return;
    }
    if let (Some(_), Some(span)) = (opts.no_touch.span(), opts.always_touch.span()) {
        cx.push(syn::Error::new(
            span,
            "`always_touch` contradicts `no_touch` on the same field; keep one",
        ));
    }
    if !matches!(field.vis, syn::Visibility::Inherited) {
        cx.error_at(
            field.vis,
            format_args!(
                "field `{0}` must be private: its setter touches `updated_at`, and a visible field would let \
                 callers change it without touching. Use the generated `{0}()` / `set_{1}()` (their visibility \
                 is set with `#[timestamped(vis = \"...\")]`), or mark the field `#[timestamped(skip)]`",
                field.ident,
                syn::ext::IdentExt::unraw(field.ident)
            ),
        );
    }
    let name = syn::ext::IdentExt::unraw(field.ident).to_string();
    if reserved.contains(&name.as_str()) {
        cx.error_at(
            field.ident,
            format_args!(
                "a field named `{name}` would clash with the method `{name}()` that #[derive(Timestamped)] \
                 generates; rename it or mark it `#[timestamped(skip)]`"
            ),
        );
    }
}

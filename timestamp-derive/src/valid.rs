//! Shape checks: a struct with named fields, exactly one private `Timestamps` field, private
//! managed fields, options that make sense together.

use crate::ast::{Body, Field, Input};
use crate::ctxt::Ctxt;

/// Names the derive generates on the entity; a managed field of that name would clash.
const RESERVED: &[&str] = &[
    "timestamps",
    "created_at",
    "updated_at",
    "touch",
    "touch_with",
    "edit",
];

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
    for field in fields {
        check_field(cx, field);
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

fn check_field(cx: &mut Ctxt, field: &Field<'_>) {
    if field.is_stamps {
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
    if RESERVED.contains(&name.as_str()) {
        cx.error_at(
            field.ident,
            format_args!(
                "a field named `{name}` would clash with the method `{name}()` that #[derive(Timestamped)] \
                 generates; rename it or mark it `#[timestamped(skip)]`"
            ),
        );
    }
}

//! `#[timestamped(...)]` options on the struct and on fields.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr, Path, Visibility};

use crate::ctxt::Ctxt;

pub(crate) const ATTR: &str = "timestamped";
const CRATE: &str = "crate";
const NEW: &str = "new";
const SKIP: &str = "skip";
const NO_TOUCH: &str = "no_touch";
const ALWAYS_TOUCH: &str = "always_touch";
const VIS: &str = "vis";
const INTO: &str = "into";
const COPY: &str = "copy";
pub(crate) const DELETED_AT: &str = "deleted_at";
const COLUMNS: &str = "columns";
const COLUMN: &str = "column";

/// Keys that only a field takes, and keys that only the struct takes.
const FIELD_ONLY: &[&str] = &[SKIP, NO_TOUCH, ALWAYS_TOUCH, VIS, DELETED_AT, COLUMN];
const CONTAINER_ONLY: &[&str] = &[CRATE, NEW, COLUMNS];

const CONTAINER_KEYS: &str = "`crate = \"::path\"`, `new`, `into`, `copy`, `columns`";
const FIELD_KEYS: &str = "`skip`, `no_touch`, `always_touch`, `vis = \"...\"`, `into`, `copy`, `deleted_at`, `column = \"...\"`";

/// One option's value and the span of the key that set it.
pub(crate) struct Opt<T> {
    name: &'static str,
    value: Option<(Span, T)>,
}

impl<T> Opt<T> {
    const fn none(name: &'static str) -> Self {
        Opt { name, value: None }
    }

    fn set(&mut self, cx: &mut Ctxt, key: &Path, value: T) {
        if self.value.is_some() {
            cx.error_at(
                key,
                format_args!("duplicate timestamped option `{}`", self.name),
            );
        } else {
            self.value = Some((key.span(), value));
        }
    }

    pub(crate) fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(_, v)| v)
    }

    pub(crate) fn span(&self) -> Option<Span> {
        self.value.as_ref().map(|(s, _)| *s)
    }

    pub(crate) fn is_set(&self) -> bool {
        self.value.is_some()
    }
}

/// Options on the struct.
pub(crate) struct Container {
    pub(crate) krate: Opt<Path>,
    /// Generate `new` and `with_timestamps`.
    pub(crate) new: Opt<()>,
    /// Every setter (and `new` parameter) takes `impl Into<T>`.
    pub(crate) into: Opt<()>,
    /// Every getter returns its value by copy.
    pub(crate) copy: Opt<()>,
    /// Implement `WriteChanges` (an edit's changed columns for a visitor).
    pub(crate) columns: Opt<()>,
}

/// Options on one field.
pub(crate) struct FieldOpts {
    pub(crate) skip: Opt<()>,
    pub(crate) no_touch: Opt<()>,
    pub(crate) always_touch: Opt<()>,
    pub(crate) vis: Opt<Visibility>,
    pub(crate) into: Opt<()>,
    pub(crate) copy: Opt<()>,
    pub(crate) deleted_at: Opt<()>,
    /// The column's name, when it is not the field's.
    pub(crate) column: Opt<LitStr>,
}

impl FieldOpts {
    /// The options actually given, as (name, span), for conflict messages.
    pub(crate) fn given(&self) -> impl Iterator<Item = (&'static str, Span)> + '_ {
        [
            (SKIP, self.skip.span()),
            (NO_TOUCH, self.no_touch.span()),
            (ALWAYS_TOUCH, self.always_touch.span()),
            (VIS, self.vis.span()),
            (INTO, self.into.span()),
            (COPY, self.copy.span()),
            (DELETED_AT, self.deleted_at.span()),
            (COLUMN, self.column.span()),
        ]
        .into_iter()
        .filter_map(|(name, span)| span.map(|s| (name, s)))
    }
}

fn is_ours(attr: &Attribute) -> bool {
    attr.path().is_ident(ATTR)
}

fn path_name(path: &Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn is_one_of(meta: &ParseNestedMeta<'_>, keys: &[&str]) -> bool {
    keys.iter().any(|k| meta.path.is_ident(k))
}

/// Sets a flag option: a key that takes no value (`skip`, not `skip = true`).
fn flag(cx: &mut Ctxt, meta: &ParseNestedMeta<'_>, opt: &mut Opt<()>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format_args!(
            "timestamped option `{}` takes no value",
            opt.name
        )));
    }
    opt.set(cx, &meta.path, ());
    Ok(())
}

pub(crate) fn container(cx: &mut Ctxt, attrs: &[Attribute]) -> Container {
    let mut opts = Container {
        krate: Opt::none(CRATE),
        new: Opt::none(NEW),
        into: Opt::none(INTO),
        copy: Opt::none(COPY),
        columns: Opt::none(COLUMNS),
    };
    for attr in attrs.iter().filter(|a| is_ours(a)) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(CRATE) {
                let lit: LitStr = meta.value()?.parse()?;
                match lit.parse::<Path>() {
                    Ok(path) if is_absolute(&path) => opts.krate.set(cx, &meta.path, path),
                    Ok(_) => cx.error_at(
                        &lit,
                        "the `crate` path must be absolute (start with `::` or `crate::`), \
                         e.g. `crate = \"::stamped\"`: a relative path resolves differently in every module",
                    ),
                    Err(_) => cx.error_at(&lit, format_args!("`{}` is not a path", lit.value())),
                }
                Ok(())
            } else if meta.path.is_ident(NEW) {
                flag(cx, &meta, &mut opts.new)
            } else if meta.path.is_ident(INTO) {
                flag(cx, &meta, &mut opts.into)
            } else if meta.path.is_ident(COPY) {
                flag(cx, &meta, &mut opts.copy)
            } else if meta.path.is_ident(COLUMNS) {
                flag(cx, &meta, &mut opts.columns)
            } else if is_one_of(&meta, FIELD_ONLY) {
                Err(meta.error(format_args!(
                    "timestamped option `{}` belongs on a field, not on the struct; struct options: {CONTAINER_KEYS}",
                    path_name(&meta.path)
                )))
            } else {
                Err(meta.error(format_args!(
                    "unknown timestamped option `{}`; struct options: {CONTAINER_KEYS}",
                    path_name(&meta.path)
                )))
            }
        });
        if let Err(e) = parsed {
            cx.push(e);
        }
    }
    opts
}

fn is_absolute(path: &Path) -> bool {
    path.leading_colon.is_some() || path.segments.first().is_some_and(|s| s.ident == CRATE)
}

pub(crate) fn field(cx: &mut Ctxt, attrs: &[Attribute]) -> FieldOpts {
    let mut opts = FieldOpts {
        skip: Opt::none(SKIP),
        no_touch: Opt::none(NO_TOUCH),
        always_touch: Opt::none(ALWAYS_TOUCH),
        vis: Opt::none(VIS),
        into: Opt::none(INTO),
        copy: Opt::none(COPY),
        deleted_at: Opt::none(DELETED_AT),
        column: Opt::none(COLUMN),
    };
    for attr in attrs.iter().filter(|a| is_ours(a)) {
        let parsed = attr.parse_nested_meta(|meta| {
            let flag_opt = [
                &mut opts.skip,
                &mut opts.no_touch,
                &mut opts.always_touch,
                &mut opts.into,
                &mut opts.copy,
                &mut opts.deleted_at,
            ]
            .into_iter()
            .find(|opt| meta.path.is_ident(opt.name));
            if let Some(opt) = flag_opt {
                flag(cx, &meta, opt)
            } else if meta.path.is_ident(VIS) {
                let lit: LitStr = meta.value()?.parse()?;
                match lit.parse::<Visibility>() {
                    Ok(vis) => opts.vis.set(cx, &meta.path, vis),
                    Err(_) => cx.error_at(
                        &lit,
                        format_args!(
                            "`{}` is not a visibility; expected e.g. \"pub\", \"pub(crate)\", \"pub(super)\", \"pub(in path)\" or \"\" (private)",
                            lit.value()
                        ),
                    ),
                }
                Ok(())
            } else if meta.path.is_ident(COLUMN) {
                let lit: LitStr = meta.value()?.parse()?;
                if lit.value().is_empty() {
                    cx.error_at(&lit, "a column name cannot be empty");
                } else {
                    opts.column.set(cx, &meta.path, lit);
                }
                Ok(())
            } else if is_one_of(&meta, CONTAINER_ONLY) {
                Err(meta.error(format_args!(
                    "timestamped option `{}` belongs on the struct, not on a field; field options: {FIELD_KEYS}",
                    path_name(&meta.path)
                )))
            } else {
                Err(meta.error(format_args!(
                    "unknown timestamped option `{}`; field options: {FIELD_KEYS}",
                    path_name(&meta.path)
                )))
            }
        });
        if let Err(e) = parsed {
            cx.push(e);
        }
    }
    opts
}

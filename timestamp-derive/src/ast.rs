//! The derive's view of the input: borrows from syn, adds the parsed options.

use quote::ToTokens;
use syn::{Attribute, Data, DeriveInput, Fields, Generics, Ident, Path, Type, Visibility};

use crate::attr::{self, Container, FieldOpts};
use crate::ctxt::Ctxt;

pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) vis: &'a Visibility,
    pub(crate) generics: &'a Generics,
    /// `::timestamped` unless `#[timestamped(crate = "...")]` says otherwise.
    pub(crate) krate: Path,
    /// The struct's options (`crate` is resolved into `krate`).
    pub(crate) opts: Container,
    pub(crate) body: Body<'a>,
}

pub(crate) enum Body<'a> {
    Named(Vec<Field<'a>>),
    /// Anything but a struct with named fields; holds the tokens to point at.
    Unsupported(&'static str, proc_macro2::TokenStream),
}

pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) vis: &'a Visibility,
    pub(crate) ty: &'a Type,
    /// `#[doc]` and `#[cfg]` attributes, forwarded to the accessors.
    pub(crate) forwarded: Vec<&'a Attribute>,
    pub(crate) opts: FieldOpts,
    /// Whether this is a `Timestamps` field (by its type's last path segment).
    pub(crate) is_stamps: bool,
}

impl Field<'_> {
    /// Whether the derive generates a getter and a setter for this field.
    pub(crate) fn is_managed(&self) -> bool {
        !self.is_stamps && !self.opts.skip.is_set() && !self.is_deleted_at()
    }

    /// Whether this is the `#[timestamped(deleted_at)]` field.
    pub(crate) fn is_deleted_at(&self) -> bool {
        self.opts.deleted_at.is_set()
    }

    /// Whether an edit reports changes of this field in its `Changes`.
    pub(crate) fn is_tracked(&self) -> bool {
        self.is_managed() || self.is_deleted_at()
    }

    /// The field's `#[cfg]` attributes, to put on everything generated for it alone.
    pub(crate) fn cfgs(&self) -> Vec<&Attribute> {
        self.forwarded
            .iter()
            .copied()
            .filter(|a| a.path().is_ident("cfg"))
            .collect()
    }

    /// Whether `new` / `with_timestamps` take this field as a parameter.
    pub(crate) fn is_constructor_param(&self) -> bool {
        !self.is_stamps && !self.is_deleted_at()
    }
}

impl<'a> Input<'a> {
    /// The named fields (empty for an unsupported shape, which validation reports).
    pub(crate) fn fields(&self) -> &[Field<'a>] {
        match &self.body {
            Body::Named(fields) => fields,
            Body::Unsupported(..) => &[],
        }
    }

    /// The fields whose changes an edit reports, in declaration order: bit `i` of `Changes`
    /// is the `i`-th of them.
    pub(crate) fn tracked(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields().iter().filter(|f| f.is_tracked())
    }

    /// The `#[timestamped(deleted_at)]` field, if any.
    pub(crate) fn deleted_at(&self) -> Option<&Field<'a>> {
        self.fields().iter().find(|f| f.is_deleted_at())
    }
}

impl<'a> Input<'a> {
    pub(crate) fn from_syn(cx: &mut Ctxt, input: &'a DeriveInput) -> Input<'a> {
        let container = attr::container(cx, &input.attrs);
        let krate = container
            .krate
            .get()
            .cloned()
            .unwrap_or_else(|| syn::parse_quote!(::stamped));
        let opts = container;
        let body = match &input.data {
            Data::Struct(s) => match &s.fields {
                Fields::Named(named) => Body::Named(
                    named
                        .named
                        .iter()
                        .filter_map(|f| Field::from_syn(cx, f))
                        .collect(),
                ),
                Fields::Unnamed(unnamed) => {
                    Body::Unsupported("a tuple struct", unnamed.to_token_stream())
                }
                Fields::Unit => Body::Unsupported("a unit struct", input.ident.to_token_stream()),
            },
            Data::Enum(e) => Body::Unsupported("an enum", e.enum_token.to_token_stream()),
            Data::Union(u) => Body::Unsupported("a union", u.union_token.to_token_stream()),
        };
        Input {
            ident: &input.ident,
            vis: &input.vis,
            generics: &input.generics,
            krate,
            opts,
            body,
        }
    }
}

impl<'a> Field<'a> {
    /// `None` only for a field without a name, which a named struct does not have.
    fn from_syn(cx: &mut Ctxt, field: &'a syn::Field) -> Option<Field<'a>> {
        Some(Field {
            ident: field.ident.as_ref()?,
            vis: &field.vis,
            ty: &field.ty,
            forwarded: field
                .attrs
                .iter()
                .filter(|a| a.path().is_ident("doc") || a.path().is_ident("cfg"))
                .collect(),
            opts: attr::field(cx, &field.attrs),
            is_stamps: is_timestamps_type(&field.ty),
        })
    }
}

fn is_timestamps_type(ty: &Type) -> bool {
    match ty {
        Type::Path(p) if p.qself.is_none() => p
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "Timestamps"),
        Type::Group(g) => is_timestamps_type(&g.elem),
        Type::Paren(p) => is_timestamps_type(&p.elem),
        _ => false,
    }
}

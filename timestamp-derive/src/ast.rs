//! The derive's view of the input: borrows from syn, adds the parsed options.

use quote::ToTokens;
use syn::{Attribute, Data, DeriveInput, Fields, Generics, Ident, Path, Type, Visibility};

use crate::attr::{self, FieldOpts};
use crate::ctxt::Ctxt;

pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) vis: &'a Visibility,
    pub(crate) generics: &'a Generics,
    /// `::timestamped` unless `#[timestamped(crate = "...")]` says otherwise.
    pub(crate) krate: Path,
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
    /// Whether the derive generates accessors for this field.
    pub(crate) fn is_managed(&self) -> bool {
        !self.is_stamps && !self.opts.skip.is_set()
    }
}

impl<'a> Input<'a> {
    pub(crate) fn from_syn(cx: &mut Ctxt, input: &'a DeriveInput) -> Input<'a> {
        let container = attr::container(cx, &input.attrs);
        let krate = container
            .krate
            .get()
            .cloned()
            .unwrap_or_else(|| syn::parse_quote!(::timestamped));
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

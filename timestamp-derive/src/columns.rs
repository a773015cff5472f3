//! `WriteChanges`, for the struct option `#[timestamped(columns)]`: each changed field's
//! column name and value, handed to a visitor whose bounds name every field's type.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::ast::{Field, Input};

/// `bit_of` gives a tracked field's bit in the edit's `Changes`.
pub(crate) fn generate(
    rt: &syn::Ident,
    input: &Input<'_>,
    bit_of: &dyn Fn(&Field<'_>) -> u64,
) -> TokenStream {
    let entity = input.ident;
    let mut generics = input.generics.clone();
    generics.params.push(syn::parse_quote!(__V));
    let (impl_g, _, _) = generics.split_for_impl();
    let (_, ty_g, where_clause) = input.generics.split_for_impl();
    let existing = where_clause.into_iter().flat_map(|w| w.predicates.iter());
    let (bounds, visits): (Vec<_>, Vec<_>) = input
        .tracked()
        .map(|f| {
            let ident = f.ident;
            let ty = f.ty;
            let name = f
                .opts
                .column
                .get()
                .map_or_else(|| ident.unraw().to_string(), syn::LitStr::value);
            let bit = bit_of(f);
            let cfgs = f.cfgs();
            // Spanned at the field's type: a type the visitor cannot take is reported there.
            let bound = quote_spanned!(ty.span()=> __V: #rt::ColumnVisitor<#ty>);
            let visit = quote! {
                #(#cfgs)*
                if #rt::change_bits(changes) & #bit != 0 {
                    <__V as #rt::ColumnVisitor<#ty>>::column(visitor, #name, &self.#ident);
                }
            };
            (bound, visit)
        })
        .unzip();
    quote! {
        impl #impl_g #rt::WriteChanges<__V> for #entity #ty_g
        where
            #(#existing,)*
            #(#bounds,)*
        {
            fn write_changes(&self, changes: #rt::Changes, visitor: &mut __V) {
                #(#visits)*
            }
        }
    }
}

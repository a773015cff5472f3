//! `new` and `with_timestamps`, for the struct option `#[timestamped(new)]`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;

use crate::accessors::param;
use crate::ast::{Field, Input};
use crate::span::respan;

/// `stamps_field` is the `Timestamps` field.
pub(crate) fn generate(
    rt: &syn::Ident,
    input: &Input<'_>,
    stamps_field: &Field<'_>,
) -> TokenStream {
    let vis = input.vis;
    let stamps = stamps_field.ident;
    let stamps_ty = stamps_field.ty;
    let fields = input.fields();
    // Each field once: its parameter and its initializer, both under the field's `#[cfg]`s.
    let (params, inits): (Vec<_>, Vec<_>) = fields
        .iter()
        .filter(|f| f.is_constructor_param())
        .map(|f| {
            let ident = f.ident;
            let (ty, value) = param(rt, input, f, &quote!(#ident));
            let cfgs = f.cfgs();
            (
                quote!(#(#cfgs)* #ident: #ty),
                quote!(#(#cfgs)* #ident: #value),
            )
        })
        .unzip();
    let params = quote!(#(#params,)*);
    let inits = quote!(#(#inits,)*);
    let deleted = input.deleted_at().map(|f| {
        let ident = f.ident;
        quote!(#ident: #rt::None,)
    });
    // `timestamps: timestamps` would trip clippy's `redundant_field_names` in the user's crate.
    let take_stamps = if stamps == "timestamps" {
        quote!(#stamps)
    } else {
        quote!(#stamps: timestamps)
    };
    let fresh = respan(quote!(#rt::StampsField), stamps_ty.span());
    let deleted_doc = input
        .deleted_at()
        .map(|f| format!(" `{}` starts as `None`.", f.ident));
    let new_doc = format!(
        " A new `{}` from its fields, stamped with one reading of the current clock \
         (`created_at == updated_at`).{}",
        input.ident,
        deleted_doc.as_deref().unwrap_or_default()
    );
    let with_doc = format!(
        " A `{}` from its fields and stamps taken elsewhere: a batch sharing one reading, or a \
         pair rebuilt from storage with `Timestamps::restore`.{}",
        input.ident,
        deleted_doc.as_deref().unwrap_or_default()
    );
    let restore = input.deleted_at().map(|f| {
        let ident = f.ident;
        let ty = f.ty;
        let get = respan(quote!(#rt::DeletedAtField::get(&#ident)), ty.span());
        let doc = format!(
            " A `{}` rebuilt from storage with its deletion stamp: the one constructor that takes \
             `{ident}`, so a loader outside this module restores a soft-deleted entity too.",
            input.ident
        );
        let errors = format!(
            " `Error::DeletedOutOfOrder` when `{ident}` is before `created_at` or after \
             `updated_at` (a deletion touches, so it is never later than the last change)."
        );
        quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = " # Errors"]
            #[doc = #errors]
            #[inline]
            #[allow(clippy::too_many_arguments, reason = "one parameter per field")]
            #vis fn restore(#params timestamps: #stamps_ty, #ident: #ty) -> #rt::Result<Self, #rt::Error> {
                #rt::check_deleted_at(<#stamps_ty as #fresh>::stamps(&timestamps), #get)?;
                #rt::Result::Ok(Self {
                    #inits
                    #take_stamps,
                    #ident,
                })
            }
        }
    });
    quote! {
        #restore

        #[doc = #new_doc]
        #[inline]
        #[must_use]
        #[allow(clippy::too_many_arguments, reason = "one parameter per field")]
        #vis fn new(#params) -> Self {
            Self {
                #inits
                #stamps: <#stamps_ty as #fresh>::fresh(),
                #deleted
            }
        }

        #[doc = #with_doc]
        #[inline]
        #[must_use]
        #[allow(clippy::too_many_arguments, reason = "one parameter per field")]
        #vis fn with_timestamps(#params timestamps: #stamps_ty) -> Self {
            Self {
                #inits
                #take_stamps,
                #deleted
            }
        }
    }
}

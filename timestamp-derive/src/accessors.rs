//! Getters and setters for the managed fields: `title()`, `set_title()`, and the edit's
//! `set_title()` (which records the change and defers the touch to the end of the edit).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::Visibility;

use crate::ast::{Field, Input};
use crate::span::respan;

/// What a field's setter does to `updated_at`.
enum Touch {
    /// Compare, and touch only when the value changed (the default).
    WhenChanged,
    /// Compare, never touch (`no_touch`).
    Never,
    /// Touch on every set, without comparing (`always_touch`).
    Always,
}

impl Touch {
    fn of(field: &Field<'_>) -> Touch {
        if field.opts.no_touch.is_set() {
            Touch::Never
        } else if field.opts.always_touch.is_set() {
            Touch::Always
        } else {
            Touch::WhenChanged
        }
    }
}

/// The generated code for one managed field.
pub(crate) struct Accessors {
    /// Getter and setter, in the entity's inherent impl.
    pub(crate) entity: TokenStream,
    /// The setter of the edit type.
    pub(crate) edit: TokenStream,
}

/// The parameter type and the expression that turns the parameter `value` into the field's
/// type: `T` and `value`, or with `into`, `impl Into<T>` and `Into::into(value)`.
pub(crate) fn param(
    rt: &syn::Ident,
    input: &Input<'_>,
    field: &Field<'_>,
    value: &TokenStream,
) -> (TokenStream, TokenStream) {
    let ty = field.ty;
    if field.opts.into.is_set() || input.opts.into.is_set() {
        (quote!(impl #rt::Into<#ty>), quote!(#rt::Into::into(#value)))
    } else {
        (quote!(#ty), value.clone())
    }
}

/// `field`'s accessors; `bit` is its bit in the edit's `Changes`, `stamps_ref` the entity's
/// `&mut` stamps field as a setter's target. (One `quote!` per method and few interpolated token
/// streams: each costs the unoptimized proc macro a round of work per token.)
pub(crate) fn generate(
    rt: &syn::Ident,
    input: &Input<'_>,
    stamps_ref: &TokenStream,
    field: &Field<'_>,
    bit: u64,
) -> Accessors {
    let ident = field.ident;
    let ty = field.ty;
    let ty_span = ty.span();
    let vis: &Visibility = field.opts.vis.get().unwrap_or(input.vis);
    let setter = format_ident!("set_{}", ident.unraw(), span = ident.span());
    let name = ident.unraw().to_string();
    let forwarded = &field.forwarded;
    let has_docs = field.forwarded.iter().any(|a| a.path().is_ident("doc"));
    // The parameter and what the setter stores: `value: T` and `value`, interpolated as they
    // are (cheaper than a token stream), or with `into`, `impl Into<T>` and `Into::into(value)`.
    let value_ident = syn::Ident::new("value", proc_macro2::Span::call_site());
    let into = field.opts.into.is_set() || input.opts.into.is_set();
    let converted = into.then(|| param(rt, input, field, &quote!(value)));
    let (param_ty, value): (&dyn ToTokens, &dyn ToTokens) = match &converted {
        Some((param_ty, value)) => (param_ty, value),
        None => (ty, &value_ident),
    };
    // The setters' helper named at the field's type, so a type without `PartialEq` is reported
    // there (once: the setter's and the edit's identical diagnostics are merged by rustc).
    let rt_at_ty = syn::Ident::new(&rt.to_string(), ty_span);

    let getter = if field.opts.copy.is_set() || input.opts.copy.is_set() {
        let copied = respan(quote!(#rt::copied(&self.#ident)), ty_span);
        quote! {
            #vis fn #ident(&self) -> #ty {
                #copied
            }
        }
    } else {
        quote! {
            #vis fn #ident(&self) -> &#ty {
                &self.#ident
            }
        }
    };
    let getter_doc = (!has_docs).then(|| {
        let doc = format!(" The `{name}` field.");
        quote!(#[doc = #doc])
    });

    let (rule, edit_rule, helper, target, touches) = match Touch::of(field) {
        Touch::WhenChanged => (
            "stores a different value and touches `updated_at`; an equal one changes nothing and \
             reads no clock. Returns whether the value changed.",
            "stores a different value; the edit then touches once when it ends",
            "assign",
            stamps_ref.clone(),
            true,
        ),
        Touch::Never => (
            "stores a different value without touching `updated_at` (`no_touch`). Returns whether \
             the value changed.",
            "stores a different value; the edit does not touch for it (`no_touch`)",
            "assign",
            quote!(#rt::Quiet),
            false,
        ),
        Touch::Always => (
            "stores the value and touches `updated_at`, equal or not (`always_touch`). Returns \
             `true`.",
            "stores the value; the edit then touches once when it ends (`always_touch`)",
            "assign_always",
            stamps_ref.clone(),
            true,
        ),
    };
    let helper = syn::Ident::new(helper, ty_span);
    // One line of docs, after the field's own when it has them.
    let setter_doc = format!(" Sets `{name}`: {rule}");
    let blank_line = has_docs.then(|| quote!(#[doc = ""]));
    let entity = quote! {
        #(#forwarded)*
        #getter_doc
        #[inline]
        #[must_use]
        #getter

        #(#forwarded)*
        #blank_line
        #[doc = #setter_doc]
        #[inline]
        #vis fn #setter(&mut self, value: #param_ty) -> bool {
            #rt_at_ty::#helper(&mut self.#ident, #value, #target)
        }
    };
    let edit_doc = format!(" Sets `{name}`: {edit_rule}.");
    let cfgs = field.cfgs();
    let edit = quote! {
        #(#cfgs)*
        #[doc = #edit_doc]
        #[inline]
        #vis fn #setter(&mut self, value: #param_ty) -> &mut Self {
            #rt_at_ty::#helper(&mut self.__entity.#ident, #value, (&mut self.__edit, #bit, #touches));
            self
        }
    };
    Accessors { entity, edit }
}

//! Getters and setters for the managed fields: `title()`, `set_title()`, and the edit's
//! `set_title()` (which defers the touch to the end of the edit).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::Visibility;

use crate::ast::Field;

/// What a field's setter does to `updated_at`.
enum Touch {
    /// Compare, and touch only when the value changed (the default).
    WhenChanged,
    /// Never touch (`no_touch`).
    Never,
    /// Touch on every set (`always_touch`).
    Always,
}

/// The generated code for one managed field.
pub(crate) struct Accessors {
    /// Getter and setter, in the entity's inherent impl.
    pub(crate) entity: TokenStream,
    /// The setter of the edit type.
    pub(crate) edit: TokenStream,
}

pub(crate) fn generate(
    rt: &TokenStream,
    default_vis: &Visibility,
    touch_stamps: &TokenStream,
    field: &Field<'_>,
) -> Accessors {
    let ident = field.ident;
    let ty = field.ty;
    let vis = field.opts.vis.get().unwrap_or(default_vis);
    let setter = format_ident!("set_{}", ident.unraw(), span = ident.span());
    let name = ident.unraw().to_string();
    let forwarded = &field.forwarded;
    let has_docs = field.forwarded.iter().any(|a| a.path().is_ident("doc"));
    let cfgs = field.forwarded.iter().filter(|a| a.path().is_ident("cfg"));
    let cfgs = quote!(#(#cfgs)*);
    let getter_doc = (!has_docs).then(|| {
        let doc = format!(" The `{name}` field.");
        quote!(#[doc = #doc])
    });
    let setter_doc_head = (!has_docs).then(|| {
        let doc = format!(" Sets the `{name}` field.");
        quote!(#[doc = #doc])
    });

    let touch = if field.opts.no_touch.is_set() {
        Touch::Never
    } else if field.opts.always_touch.is_set() {
        Touch::Always
    } else {
        Touch::WhenChanged
    };
    // Spanned at the field's type, so a type without `PartialEq` is reported there (once: the
    // setter's and the edit's identical diagnostics are merged by rustc).
    let compare = crate::expand::respan(quote!(#rt::replace_if_changed), ty.span());
    let (rule, setter_body, edit_body) = match touch {
        Touch::WhenChanged => (
            " A value equal to the current one changes nothing and reads no clock; a different one is \
             stored and touches `updated_at` (one clock read).",
            quote! {
                if #compare(&mut self.#ident, #rt::Into::into(value)) {
                    #touch_stamps;
                }
            },
            quote! {
                self.__changed |= #compare(&mut self.__entity.#ident, #rt::Into::into(value));
            },
        ),
        Touch::Never => (
            " Stores the value without touching `updated_at` (`#[timestamped(no_touch)]`).",
            quote!(self.#ident = #rt::Into::into(value);),
            quote!(self.__entity.#ident = #rt::Into::into(value);),
        ),
        Touch::Always => (
            " Stores the value and touches `updated_at` on every call, equal or not \
             (`#[timestamped(always_touch)]`).",
            quote! {
                self.#ident = #rt::Into::into(value);
                #touch_stamps;
            },
            quote! {
                self.__entity.#ident = #rt::Into::into(value);
                self.__changed = true;
            },
        ),
    };
    let edit_rule = match touch {
        Touch::WhenChanged => "Stores a different value; the edit then touches `updated_at` once when it ends.",
        Touch::Never => "Stores the value; does not make the edit touch (`#[timestamped(no_touch)]`).",
        Touch::Always => "Stores the value; the edit then touches `updated_at` once when it ends (`#[timestamped(always_touch)]`).",
    };

    let entity = quote! {
        #(#forwarded)*
        #getter_doc
        #[inline]
        #[must_use]
        #vis fn #ident(&self) -> &#ty {
            &self.#ident
        }

        #(#forwarded)*
        #setter_doc_head
        #[doc = ""]
        #[doc = #rule]
        #[inline]
        #vis fn #setter(&mut self, value: impl #rt::Into<#ty>) {
            #setter_body
        }
    };
    let edit_doc = format!(" Sets `{name}`. {edit_rule}");
    let edit = quote! {
        #cfgs
        #[doc = #edit_doc]
        #[inline]
        #vis fn #setter(&mut self, value: impl #rt::Into<#ty>) -> &mut Self {
            #edit_body
            self
        }
    };
    Accessors { entity, edit }
}

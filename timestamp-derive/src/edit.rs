//! The edit type: `TaskEdit<'_>` from `task.edit()` or `task.edit_with(&clock)`, to change
//! several fields with at most one touch (one clock read), applied when the edit ends, and to
//! learn which fields changed (`finish() -> Changes`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{GenericParam, Generics, Lifetime, LifetimeParam};

use crate::ast::Input;
use crate::span::respan;

const EDIT_LIFETIME: &str = "'__edit";

/// The edit type's generics (the entity's, after a leading `'__edit`), and the entity's
/// generic arguments to name its edit type with.
fn edit_generics(input: &Input<'_>) -> (Generics, TokenStream) {
    let mut generics: Generics = input.generics.clone();
    let lt = Lifetime::new(EDIT_LIFETIME, proc_macro2::Span::call_site());
    generics
        .params
        .insert(0, GenericParam::Lifetime(LifetimeParam::new(lt)));
    let args = input.generics.params.iter().map(|p| match p {
        GenericParam::Lifetime(l) => {
            let l = &l.lifetime;
            quote!(#l)
        }
        GenericParam::Type(t) => {
            let t = &t.ident;
            quote!(#t)
        }
        GenericParam::Const(c) => {
            let c = &c.ident;
            quote!(#c)
        }
    });
    (generics, quote!(#(#args),*))
}

pub(crate) struct Edit {
    /// The edit struct, naming the runtime by its full path (it stands outside the block that
    /// imports it).
    pub(crate) structure: TokenStream,
    /// Its setters, `finish` and its `Drop`.
    pub(crate) items: TokenStream,
    /// The `edit()` and `edit_with()` methods for the entity's inherent impl.
    pub(crate) methods: TokenStream,
}

/// `apply` is the statement that applies the edit's one touch (`EditState::apply`, or
/// `apply_deleting`); `setters` and `soft_delete` are the edit's methods. `full` is the runtime's
/// full path, for the struct; `rt` its short name inside the generated block.
pub(crate) fn generate(
    full: &TokenStream,
    rt: &syn::Ident,
    input: &Input<'_>,
    apply: &TokenStream,
    setters: &[TokenStream],
    soft_delete: Option<&TokenStream>,
) -> Edit {
    let entity = input.ident;
    let vis = input.vis;
    let edit = format_ident!("{}Edit", entity);
    let (_, entity_ty, _) = input.generics.split_for_impl();

    let (generics, args) = edit_generics(input);
    let lt = Lifetime::new(EDIT_LIFETIME, proc_macro2::Span::call_site());
    let (impl_g, ty_g, where_clause) = generics.split_for_impl();
    let params = &generics.params;
    // One string literal, each name followed by a comma: `"title,done,"`.
    let mut names = String::new();
    for field in input.tracked() {
        names.push_str(&field.ident.unraw().to_string());
        names.push(',');
    }

    let struct_doc = format!(
        " Changes several fields of [`{entity}`] with at most one touch, when it is \
         [`finish`](Self::finish)ed or dropped: from [`{entity}::edit`]."
    );
    let structure = quote! {
        #[doc = #struct_doc]
        #[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
        #vis struct #edit<#params> #where_clause {
            __entity: &#lt mut #entity #entity_ty,
            __clock: #full::Option<&#lt dyn #full::Clock>,
            __edit: #full::EditState,
        }
    };
    let items = quote! {

        impl #impl_g #edit #ty_g #where_clause {
            #(#setters)*

            #soft_delete

            /// Ends the edit: its one touch (if a value changed), and which fields changed.
            #[inline]
            #vis fn finish(mut self) -> #rt::Changes {
                #apply;
                self.__edit.changes(#names)
            }
        }

        impl #impl_g #rt::Drop for #edit #ty_g #where_clause {
            #[inline]
            fn drop(&mut self) {
                #apply;
            }
        }
    };
    let edit_doc = format!(
        " Starts an edit: chained setters, then at most one touch (one clock read) when the \
         [`{edit}`] ends; [`finish`]({edit}::finish) says which fields changed."
    );
    let methods = quote! {
        #[doc = #edit_doc]
        #[inline]
        #vis fn edit(&mut self) -> #edit<'_, #args> {
            #edit { __entity: self, __clock: #rt::None, __edit: #rt::EditState::NEW }
        }

        /// [`edit`](Self::edit), its touch reading `clock`.
        #[inline]
        #vis fn edit_with<#lt>(&#lt mut self, clock: &#lt dyn #rt::Clock) -> #edit<#lt, #args> {
            #edit { __entity: self, __clock: #rt::Some(clock), __edit: #rt::EditState::NEW }
        }
    };
    Edit {
        structure,
        items,
        methods,
    }
}

/// The statement that applies an edit's one touch to `self.__entity`'s stamps (field `stamps` of
/// type `stamps_ty`); with a `deleted_at` field, it also stamps a `delete()` made in the edit.
/// Each argument is spanned at its field's type, where a wrong type is reported.
pub(crate) fn apply(
    rt: &syn::Ident,
    input: &Input<'_>,
    stamps: &syn::Ident,
    stamps_ty: &syn::Type,
) -> TokenStream {
    let edit_stamps = respan(
        quote!(#rt::StampsField::stamps_mut(&mut self.__entity.#stamps)),
        stamps_ty.span(),
    );
    if let Some(deleted) = input.deleted_at() {
        let ident = deleted.ident;
        let slot = respan(
            quote!(#rt::DeletedAtField::slot(&mut self.__entity.#ident)),
            deleted.ty.span(),
        );
        quote!(self.__edit.apply_deleting(#edit_stamps, self.__clock, #slot))
    } else {
        quote!(self.__edit.apply(#edit_stamps, self.__clock))
    }
}

//! The edit type: `TaskEdit<'_>` from `task.edit()` or `task.edit_with(&clock)`, to change
//! several fields with at most one touch (one clock read), applied when the edit ends, and to
//! learn which fields changed (`finish() -> Changes`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{GenericParam, Generics, Lifetime, LifetimeParam};

use crate::ast::Input;

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
    /// The edit struct, its setters, `finish` and its `Drop`.
    pub(crate) items: TokenStream,
    /// The `edit()` and `edit_with()` methods for the entity's inherent impl.
    pub(crate) methods: TokenStream,
}

/// `touch` is the expression that touches `self.__entity`'s stamps through `self.__clock` and
/// evaluates to the instant of the change; `setters` and `soft_delete` are the edit's methods.
pub(crate) fn generate(
    rt: &TokenStream,
    input: &Input<'_>,
    touch: &TokenStream,
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
    let names = input.tracked().map(|f| f.ident.unraw().to_string());

    // With a `deleted_at` field the edit remembers to stamp it with the touch's instant.
    let (deleted_field, deleted_init, stamp_deleted) = match input.deleted_at() {
        Some(field) => {
            let ident = field.ident;
            (
                quote!(__stamp_deleted: bool,),
                quote!(__stamp_deleted: false,),
                {
                    let slot = crate::span::respan(
                        quote!(*#rt::DeletedAtField::slot(&mut self.__entity.#ident)),
                        syn::spanned::Spanned::span(field.ty),
                    );
                    quote! {
                        if self.__stamp_deleted {
                            self.__stamp_deleted = false;
                            #slot = #rt::Some(__at);
                        }
                    }
                },
            )
        }
        None => (quote!(), quote!(), quote!(let _ = __at;)),
    };

    let struct_doc = format!(
        " Changes several fields of [`{entity}`] with at most one touch: created by \
         [`{entity}::edit`] or [`{entity}::edit_with`], it touches `updated_at` (one clock read) \
         when it is [`finish`](Self::finish)ed or dropped, and only if a value actually changed."
    );
    let items = quote! {
        #[doc = #struct_doc]
        #[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
        #vis struct #edit<#params> #where_clause {
            __entity: &#lt mut #entity #entity_ty,
            __clock: #rt::Option<&#lt dyn #rt::Clock>,
            __changed: u64,
            __touch: bool,
            #deleted_field
        }

        impl #impl_g #edit #ty_g #where_clause {
            #(#setters)*

            #soft_delete

            /// Ends the edit: touches `updated_at` once (one clock read) if a value changed, and
            /// returns which fields changed. Dropping the edit applies the same touch.
            #[inline]
            #vis fn finish(mut self) -> #rt::Changes {
                self.__apply();
                const __NAMES: &[&str] = &[#(#names),*];
                #rt::Changes::from_bits(self.__changed, __NAMES)
            }

            /// The one touch, if a change asks for it; runs once.
            #[inline]
            fn __apply(&mut self) {
                if self.__touch {
                    self.__touch = false;
                    let __at = #touch;
                    #stamp_deleted
                }
            }
        }

        impl #impl_g #rt::Drop for #edit #ty_g #where_clause {
            #[inline]
            fn drop(&mut self) {
                self.__apply();
            }
        }
    };
    let edit_doc = format!(
        " Starts an edit of several fields: each setter of the returned [`{edit}`] stores its value, \
         and when the edit ends `updated_at` is touched at most once, with one reading of the \
         current clock. [`finish`]({edit}::finish) says which fields changed."
    );
    let edit_with_doc = format!(
        " Like [`edit`](Self::edit), but the edit's one touch reads `clock`: for services that \
         keep their clock in their state. Returns a [`{edit}`]."
    );
    let methods = quote! {
        #[doc = #edit_doc]
        #[doc = ""]
        #[doc = " ```text"]
        #[doc = " entity.edit().set_a(1).set_b(2); // one touch when the edit is dropped, if anything changed"]
        #[doc = " let mut edit = entity.edit();"]
        #[doc = " edit.set_a(1);"]
        #[doc = " let changes = edit.finish(); // the touch, and which fields changed"]
        #[doc = " ```"]
        #[inline]
        #vis fn edit(&mut self) -> #edit<'_, #args> {
            #edit { __entity: self, __clock: #rt::None, __changed: 0, __touch: false, #deleted_init }
        }

        #[doc = #edit_with_doc]
        #[inline]
        #vis fn edit_with<#lt>(&#lt mut self, clock: &#lt dyn #rt::Clock) -> #edit<#lt, #args> {
            #edit { __entity: self, __clock: #rt::Some(clock), __changed: 0, __touch: false, #deleted_init }
        }
    };
    Edit { items, methods }
}

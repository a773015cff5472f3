//! The edit type: `TaskEdit<'_>` from `task.edit()`, to change several fields with at most one
//! touch (one clock read), applied when the edit ends.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{GenericParam, Generics, Lifetime, LifetimeParam};

use crate::ast::Input;

pub(crate) struct Edit {
    /// The edit struct, its setters, `finish` and its `Drop`.
    pub(crate) items: TokenStream,
    /// The `edit()` method for the entity's inherent impl.
    pub(crate) method: TokenStream,
}

pub(crate) fn generate(
    rt: &TokenStream,
    input: &Input<'_>,
    touch_stamps: &TokenStream,
    setters: &[TokenStream],
) -> Edit {
    let entity = input.ident;
    let vis = input.vis;
    let edit = format_ident!("{}Edit", entity);
    let (_, entity_ty, _) = input.generics.split_for_impl();

    let mut generics: Generics = input.generics.clone();
    let lt = Lifetime::new("'__edit", proc_macro2::Span::call_site());
    generics
        .params
        .insert(0, GenericParam::Lifetime(LifetimeParam::new(lt.clone())));
    let (impl_g, ty_g, where_clause) = generics.split_for_impl();
    let params = &generics.params;
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

    let struct_doc = format!(
        " Changes several fields of [`{entity}`] with at most one touch: created by \
         [`{entity}::edit`], it touches `updated_at` (one clock read) when it is dropped or \
         [`finish`](Self::finish)ed, and only if a value actually changed."
    );
    let items = quote! {
        #[doc = #struct_doc]
        #[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
        #vis struct #edit<#params> #where_clause {
            __entity: &#lt mut #entity #entity_ty,
            __changed: bool,
        }

        impl #impl_g #edit #ty_g #where_clause {
            #(#setters)*

            /// Applies the edit now: touches `updated_at` once if a value changed since the edit
            /// began (or since the last `finish`), and says whether it did. Dropping the edit
            /// does the same, silently.
            #[inline]
            #vis fn finish(&mut self) -> bool {
                let changed = self.__changed;
                if changed {
                    self.__changed = false;
                    #touch_stamps;
                }
                changed
            }
        }

        impl #impl_g #rt::Drop for #edit #ty_g #where_clause {
            #[inline]
            fn drop(&mut self) {
                let _ = self.finish();
            }
        }
    };
    let method_doc = format!(
        " Starts an edit of several fields: each setter of the returned [`{edit}`] stores its value, \
         and when the edit ends `updated_at` is touched at most once, with one clock read."
    );
    let method = quote! {
        #[doc = #method_doc]
        #[doc = ""]
        #[doc = " ```text"]
        #[doc = " entity.edit().set_a(1).set_b(\"two\"); // one touch, if anything changed"]
        #[doc = " ```"]
        #[inline]
        #vis fn edit(&mut self) -> #edit<'_, #(#args),*> {
            #edit { __entity: self, __changed: false }
        }
    };
    Edit { items, method }
}

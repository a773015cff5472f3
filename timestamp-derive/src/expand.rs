//! Code generation: runs parse -> validate, then emits the accessors, the edit type and the
//! `Timestamped` impl; on error, the errors and a stub impl (so the user sees only the real
//! errors, not follow-ups about a missing trait).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::DeriveInput;

use crate::ast::{Body, Field, Input};
use crate::ctxt::Ctxt;
use crate::span::respan;
use crate::{accessors, columns, constructor, edit, soft_delete, valid};

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let mut cx = Ctxt::default();
    let ast = Input::from_syn(&mut cx, input);
    valid::check(&mut cx, &ast);
    match cx.finish() {
        Ok(()) => generate(&ast).unwrap_or_else(|| fallback(&ast)),
        Err(errors) => {
            let mut out = errors.to_compile_error();
            out.extend(fallback(&ast));
            out
        }
    }
}

/// What the struct options `new` and `columns` add: the constructors, the `WriteChanges` impl.
fn opt_in(
    rt: &syn::Ident,
    input: &Input<'_>,
    stamps_field: &Field<'_>,
    bit_of: &dyn Fn(&Field<'_>) -> u64,
) -> (Option<TokenStream>, Option<TokenStream>) {
    let opts = &input.opts;
    (
        opts.new
            .is_set()
            .then(|| constructor::generate(rt, input, stamps_field)),
        opts.columns
            .is_set()
            .then(|| columns::generate(rt, input, bit_of)),
    )
}

/// `None` only if validation let through an input without its one `Timestamps` field.
fn generate(input: &Input<'_>) -> Option<TokenStream> {
    let Body::Named(fields) = &input.body else {
        return None;
    };
    let stamps_field = fields.iter().find(|f| f.is_stamps)?;
    let krate = &input.krate;
    // Everything but the edit struct goes in a `const _` block that imports the runtime under a
    // short name: fewer tokens for the macro to build and for rustc to read back.
    let full = quote!(#krate::__private);
    let rt = syn::Ident::new("__stamped", proc_macro2::Span::call_site());
    let stamps = stamps_field.ident;
    let stamps_ty = stamps_field.ty;
    let entity = input.ident;
    let vis = input.vis;
    let (impl_g, ty_g, where_clause) = input.generics.split_for_impl();

    // Every use of the stamps goes through `StampsField`, spanned at the field's type: if that
    // type is not `stamped::Timestamps`, the user sees one error there.
    let stamps_trait = respan(quote!(#rt::StampsField), stamps_ty.span());
    let touch_fn = respan(quote!(#rt::touch), stamps_ty.span());
    let touch_stamps = quote!(#touch_fn(&mut self.#stamps));
    // Through the trait impl below: nothing more to check, and a wrong stamps type is reported
    // there alone.
    let created_at = quote!(<Self as #rt::Timestamped>::created_at(self));
    let updated_at = quote!(<Self as #rt::Timestamped>::updated_at(self));
    // The stamps field as a setter's target, spanned at its type: a type that is not
    // `Timestamps` is reported there.
    let stamps_ref = respan(quote!(&mut self.#stamps), stamps_ty.span());
    // The edit's one touch: with a `deleted_at` field, a `delete()` in the edit stamps it too.
    let apply = edit::apply(&rt, input, stamps, stamps_ty);

    // Bit `i` of an edit's `Changes` is the `i`-th tracked field (validation caps them at 64).
    let bit_of = |field: &Field<'_>| -> u64 {
        let index = input
            .tracked()
            .position(|f| core::ptr::eq(f, field))
            .unwrap_or(0);
        1_u64
            .checked_shl(u32::try_from(index).unwrap_or(u32::MAX))
            .unwrap_or(0)
    };
    let (entity_accessors, edit_setters): (Vec<_>, Vec<_>) = fields
        .iter()
        .filter(|f| f.is_managed())
        .map(|f| {
            let a = accessors::generate(&rt, input, &stamps_ref, f, bit_of(f));
            (a.entity, a.edit)
        })
        .unzip();
    let touch_marking = respan(
        quote!(#rt::touch_marking(&mut self.#stamps)),
        stamps_ty.span(),
    );
    let soft_delete = input
        .deleted_at()
        .map(|f| soft_delete::generate(&rt, input, f, bit_of(f), &touch_marking, &touch_stamps));
    let edit = edit::generate(
        &full,
        &rt,
        input,
        &apply,
        &edit_setters,
        soft_delete.as_ref().map(|s| &s.edit),
    );
    let soft_delete_methods = soft_delete.map(|s| s.entity);
    let (constructors, write_changes) = opt_in(&rt, input, stamps_field, &bit_of);
    let edit_items = edit.items;
    let edit_struct = edit.structure;
    let edit_methods = edit.methods;
    let precision = quote_spanned!(stamps_ty.span()=> <#stamps_ty as #stamps_trait>::Precision);

    Some(quote! {
        #edit_struct

        const _: () = {
        use #full as #rt;

        impl #impl_g #entity #ty_g #where_clause {
            #constructors

            #(#entity_accessors)*

            /// When this entity was created.
            #[inline]
            #[must_use]
            #vis fn created_at(&self) -> #rt::Timestamp {
                #created_at
            }

            /// When this entity last changed.
            #[inline]
            #[must_use]
            #vis fn updated_at(&self) -> #rt::Timestamp {
                #updated_at
            }

            /// Both stamps of this entity.
            #[inline]
            #[must_use]
            #vis fn timestamps(&self) -> &#stamps_ty {
                &self.#stamps
            }

            #soft_delete_methods

            #edit_methods
        }

        #edit_items

        #write_changes

        #[automatically_derived]
        impl #impl_g #rt::Timestamped for #entity #ty_g #where_clause {
            type Precision = #precision;

            #[inline]
            fn timestamps(&self) -> &#rt::Timestamps<Self::Precision> {
                #stamps_trait::stamps(&self.#stamps)
            }

            #[inline]
            fn touch_with(&mut self, clock: &dyn #rt::Clock) {
                #rt::Timestamps::touch_with(#stamps_trait::stamps_mut(&mut self.#stamps), clock);
            }
        }
        };
    })
}

/// A stub `Timestamped` impl emitted next to the errors.
fn fallback(input: &Input<'_>) -> TokenStream {
    let krate = &input.krate;
    let rt = quote!(#krate::__private);
    let entity = input.ident;
    let (impl_g, ty_g, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_g #rt::Timestamped for #entity #ty_g #where_clause {
            type Precision = #rt::Micros;
            fn timestamps(&self) -> &#rt::Timestamps<Self::Precision> {
                ::core::unreachable!()
            }
            fn touch_with(&mut self, _: &dyn #rt::Clock) {
                ::core::unreachable!()
            }
        }
    }
}

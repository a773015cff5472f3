//! Soft delete, for the `#[timestamped(deleted_at)]` field: `deleted_at()`, `is_deleted()`,
//! `delete()` and `undelete()` on the entity, and `delete()` / `undelete()` on its edit.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;

use crate::ast::{Field, Input};
use crate::span::respan;

pub(crate) struct SoftDelete {
    /// Methods of the entity.
    pub(crate) entity: TokenStream,
    /// Methods of the edit.
    pub(crate) edit: TokenStream,
}

/// `field` is the `deleted_at` field, `bit` its bit in `Changes`; `touch_marking` touches the
/// entity's stamps with the current clock and evaluates to the instant of the change, and
/// `touch_stamps` only touches them.
pub(crate) fn generate(
    rt: &syn::Ident,
    input: &Input<'_>,
    field: &Field<'_>,
    bit: u64,
    touch_marking: &TokenStream,
    touch_stamps: &TokenStream,
) -> SoftDelete {
    let ident = field.ident;
    let vis = field.opts.vis.get().unwrap_or(input.vis);
    // Whole calls spanned at the field's type: a type other than `Option<Timestamp>` is
    // reported there.
    let span = field.ty.span();
    let get = respan(quote!(#rt::DeletedAtField::get(&self.#ident)), span);
    let slot = respan(quote!(*#rt::DeletedAtField::slot(&mut self.#ident)), span);
    let entity = quote! {
        /// When this entity was deleted (`delete()`), or `None` while it exists.
        #[inline]
        #[must_use]
        #vis fn deleted_at(&self) -> #rt::Option<#rt::Timestamp> {
            #get
        }

        /// Whether this entity is deleted.
        #[inline]
        #[must_use]
        #vis fn is_deleted(&self) -> bool {
            #rt::Option::is_some(&#get)
        }

        /// Marks this entity deleted: touches `updated_at` (one clock read) and sets
        /// `deleted_at` to the same instant. Returns `false`, changing nothing, if it was already
        /// deleted.
        #[inline]
        #vis fn delete(&mut self) -> bool {
            if #rt::Option::is_some(&#get) {
                return false;
            }
            let __at = #touch_marking;
            #slot = #rt::Some(__at);
            true
        }

        /// Undoes `delete()`: clears `deleted_at` and touches `updated_at` like any change.
        /// Returns `false`, changing nothing, if the entity was not deleted.
        #[inline]
        #vis fn undelete(&mut self) -> bool {
            if #rt::Option::is_none(&#get) {
                return false;
            }
            #slot = #rt::None;
            #touch_stamps;
            true
        }
    };
    let edit_slot = respan(
        quote!(#rt::DeletedAtField::slot(&mut self.__entity.#ident)),
        span,
    );
    let edit = quote! {
        /// Marks the entity deleted: when the edit ends, `deleted_at` gets the instant of its one
        /// touch. Does nothing if the entity is already deleted.
        #[inline]
        #vis fn delete(&mut self) -> &mut Self {
            // A placeholder until the touch gives the instant (the edit holds the entity).
            let __placeholder = #rt::Timestamped::updated_at(&*self.__entity);
            #rt::EditState::delete(&mut self.__edit, #edit_slot, __placeholder, #bit);
            self
        }

        /// Undoes a deletion; the edit then touches `updated_at` once when it ends. Does nothing
        /// if the entity is not deleted.
        #[inline]
        #vis fn undelete(&mut self) -> &mut Self {
            #rt::EditState::undelete(&mut self.__edit, #edit_slot, #bit);
            self
        }
    };
    SoftDelete { entity, edit }
}

//! `#[derive(Timestamped)]` for the [`timestamped`](https://docs.rs/timestamped) crate.
//!
//! This crate only parses the input and hands it to [`expand`]; read the `timestamped` crate's
//! documentation for what the derive generates and its options.

mod accessors;
mod ast;
mod attr;
mod constructor;
mod ctxt;
mod edit;
mod expand;
mod soft_delete;
mod valid;

#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

/// Keeps `created_at` / `updated_at` private and generates getters, touch-on-mutation setters,
/// an `edit()` batch and the `Timestamped` trait. See the `timestamped` crate docs.
#[proc_macro_derive(Timestamped, attributes(timestamped))]
pub fn derive_timestamped(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}

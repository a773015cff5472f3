impl<'a, T: Clone, const N: usize> Pair<'a, T, N>
where
    T: PartialEq,
{
    /// The `type` field.
    #[inline]
    #[must_use]
    fn r#type(&self) -> &&'a str {
        &self.r#type
    }
    /// Sets the `type` field.
    ///
    /// A value equal to the current one changes nothing and reads no clock; a different one is stored and touches `updated_at` (one clock read). Returns whether the value changed.
    #[inline]
    fn set_type(&mut self, value: &'a str) -> bool {
        let __changed = ::my_runtime::timestamped::__private::replace_if_changed(
            &mut self.r#type,
            value,
        );
        if __changed {
            ::my_runtime::timestamped::__private::touch(&mut self.stamps);
        }
        __changed
    }
    /// The `value` field.
    #[inline]
    #[must_use]
    fn value(&self) -> &[T; N] {
        &self.value
    }
    /// Sets the `value` field.
    ///
    /// A value equal to the current one changes nothing and reads no clock; a different one is stored and touches `updated_at` (one clock read). Returns whether the value changed.
    #[inline]
    fn set_value(&mut self, value: [T; N]) -> bool {
        let __changed = ::my_runtime::timestamped::__private::replace_if_changed(
            &mut self.value,
            value,
        );
        if __changed {
            ::my_runtime::timestamped::__private::touch(&mut self.stamps);
        }
        __changed
    }
    /// When this entity was created.
    #[inline]
    #[must_use]
    fn created_at(&self) -> ::my_runtime::timestamped::__private::Timestamp {
        ::my_runtime::timestamped::__private::Timestamps::created_at(
            ::my_runtime::timestamped::__private::StampsField::stamps(&self.stamps),
        )
    }
    /// When this entity last changed.
    #[inline]
    #[must_use]
    fn updated_at(&self) -> ::my_runtime::timestamped::__private::Timestamp {
        ::my_runtime::timestamped::__private::Timestamps::updated_at(
            ::my_runtime::timestamped::__private::StampsField::stamps(&self.stamps),
        )
    }
    /// Both stamps of this entity.
    #[inline]
    #[must_use]
    fn timestamps(&self) -> &Timestamps<Millis> {
        &self.stamps
    }
    /// Starts an edit of several fields: each setter of the returned [`PairEdit`] stores its value, and when the edit ends `updated_at` is touched at most once, with one reading of the current clock. [`finish`](PairEdit::finish) says which fields changed.
    ///
    /// ```text
    /// entity.edit().set_a(1).set_b(2); // one touch when the edit is dropped, if anything changed
    /// let mut edit = entity.edit();
    /// edit.set_a(1);
    /// let changes = edit.finish(); // the touch, and which fields changed
    /// ```
    #[inline]
    fn edit(&mut self) -> PairEdit<'_, 'a, T, N> {
        PairEdit {
            __entity: self,
            __clock: ::my_runtime::timestamped::__private::None,
            __changed: 0,
            __touch: false,
        }
    }
    /// Like [`edit`](Self::edit), but the edit's one touch reads `clock`: for services that keep their clock in their state. Returns a [`PairEdit`].
    #[inline]
    fn edit_with<'__edit>(
        &'__edit mut self,
        clock: &'__edit dyn ::my_runtime::timestamped::__private::Clock,
    ) -> PairEdit<'__edit, 'a, T, N> {
        PairEdit {
            __entity: self,
            __clock: ::my_runtime::timestamped::__private::Some(clock),
            __changed: 0,
            __touch: false,
        }
    }
}
/// Changes several fields of [`Pair`] with at most one touch: created by [`Pair::edit`] or [`Pair::edit_with`], it touches `updated_at` (one clock read) when it is [`finish`](Self::finish)ed or dropped, and only if a value actually changed.
#[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
struct PairEdit<'__edit, 'a, T: Clone, const N: usize>
where
    T: PartialEq,
{
    __entity: &'__edit mut Pair<'a, T, N>,
    __clock: ::my_runtime::timestamped::__private::Option<
        &'__edit dyn ::my_runtime::timestamped::__private::Clock,
    >,
    __changed: u64,
    __touch: bool,
}
impl<'__edit, 'a, T: Clone, const N: usize> PairEdit<'__edit, 'a, T, N>
where
    T: PartialEq,
{
    /// Sets `type`. Stores a different value; the edit then touches `updated_at` once when it ends.
    #[inline]
    fn set_type(&mut self, value: &'a str) -> &mut Self {
        if ::my_runtime::timestamped::__private::replace_if_changed(
            &mut self.__entity.r#type,
            value,
        ) {
            self.__changed |= 1u64;
            self.__touch = true;
        }
        self
    }
    /// Sets `value`. Stores a different value; the edit then touches `updated_at` once when it ends.
    #[inline]
    fn set_value(&mut self, value: [T; N]) -> &mut Self {
        if ::my_runtime::timestamped::__private::replace_if_changed(
            &mut self.__entity.value,
            value,
        ) {
            self.__changed |= 2u64;
            self.__touch = true;
        }
        self
    }
    /// Ends the edit: touches `updated_at` once (one clock read) if a value changed, and
    /// returns which fields changed. Dropping the edit applies the same touch.
    #[inline]
    fn finish(mut self) -> ::my_runtime::timestamped::__private::Changes {
        self.__apply();
        const __NAMES: &[&str] = &["type", "value"];
        ::my_runtime::timestamped::__private::Changes::from_bits(self.__changed, __NAMES)
    }
    /// The one touch, if a change asks for it; runs once.
    #[inline]
    fn __apply(&mut self) {
        if self.__touch {
            self.__touch = false;
            let __at = ::my_runtime::timestamped::__private::touch_via(
                &mut self.__entity.stamps,
                self.__clock,
            );
            let _ = __at;
        }
    }
}
impl<'__edit, 'a, T: Clone, const N: usize> ::my_runtime::timestamped::__private::Drop
for PairEdit<'__edit, 'a, T, N>
where
    T: PartialEq,
{
    #[inline]
    fn drop(&mut self) {
        self.__apply();
    }
}
#[automatically_derived]
impl<'a, T: Clone, const N: usize> ::my_runtime::timestamped::__private::Timestamped
for Pair<'a, T, N>
where
    T: PartialEq,
{
    type Precision = <Timestamps<
        Millis,
    > as ::my_runtime::timestamped::__private::StampsField>::Precision;
    #[inline]
    fn timestamps(
        &self,
    ) -> &::my_runtime::timestamped::__private::Timestamps<Self::Precision> {
        ::my_runtime::timestamped::__private::StampsField::stamps(&self.stamps)
    }
    #[inline]
    fn touch(&mut self) {
        ::my_runtime::timestamped::__private::touch(&mut self.stamps);
    }
    #[inline]
    fn touch_with(&mut self, clock: &dyn ::my_runtime::timestamped::__private::Clock) {
        ::my_runtime::timestamped::__private::Timestamps::touch_with(
            ::my_runtime::timestamped::__private::StampsField::stamps_mut(
                &mut self.stamps,
            ),
            clock,
        );
    }
}

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
    /// A value equal to the current one changes nothing and reads no clock; a different one is stored and touches `updated_at` (one clock read).
    #[inline]
    fn set_type(
        &mut self,
        value: impl ::my_runtime::timestamped::__private::Into<&'a str>,
    ) {
        if ::my_runtime::timestamped::__private::replace_if_changed(
            &mut self.r#type,
            ::my_runtime::timestamped::__private::Into::into(value),
        ) {
            ::my_runtime::timestamped::__private::touch(&mut self.stamps);
        }
    }
    /// The `value` field.
    #[inline]
    #[must_use]
    fn value(&self) -> &[T; N] {
        &self.value
    }
    /// Sets the `value` field.
    ///
    /// A value equal to the current one changes nothing and reads no clock; a different one is stored and touches `updated_at` (one clock read).
    #[inline]
    fn set_value(
        &mut self,
        value: impl ::my_runtime::timestamped::__private::Into<[T; N]>,
    ) {
        if ::my_runtime::timestamped::__private::replace_if_changed(
            &mut self.value,
            ::my_runtime::timestamped::__private::Into::into(value),
        ) {
            ::my_runtime::timestamped::__private::touch(&mut self.stamps);
        }
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
    /// Starts an edit of several fields: each setter of the returned [`PairEdit`] stores its value, and when the edit ends `updated_at` is touched at most once, with one clock read.
    ///
    /// ```text
    /// entity.edit().set_a(1).set_b("two"); // one touch, if anything changed
    /// ```
    #[inline]
    fn edit(&mut self) -> PairEdit<'_, 'a, T, N> {
        PairEdit {
            __entity: self,
            __changed: false,
        }
    }
}
/// Changes several fields of [`Pair`] with at most one touch: created by [`Pair::edit`], it touches `updated_at` (one clock read) when it is dropped or [`finish`](Self::finish)ed, and only if a value actually changed.
#[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
struct PairEdit<'__edit, 'a, T: Clone, const N: usize>
where
    T: PartialEq,
{
    __entity: &'__edit mut Pair<'a, T, N>,
    __changed: bool,
}
impl<'__edit, 'a, T: Clone, const N: usize> PairEdit<'__edit, 'a, T, N>
where
    T: PartialEq,
{
    /// Sets `type`. Stores a different value; the edit then touches `updated_at` once when it ends.
    #[inline]
    fn set_type(
        &mut self,
        value: impl ::my_runtime::timestamped::__private::Into<&'a str>,
    ) -> &mut Self {
        self.__changed
            |= ::my_runtime::timestamped::__private::replace_if_changed(
                &mut self.__entity.r#type,
                ::my_runtime::timestamped::__private::Into::into(value),
            );
        self
    }
    /// Sets `value`. Stores a different value; the edit then touches `updated_at` once when it ends.
    #[inline]
    fn set_value(
        &mut self,
        value: impl ::my_runtime::timestamped::__private::Into<[T; N]>,
    ) -> &mut Self {
        self.__changed
            |= ::my_runtime::timestamped::__private::replace_if_changed(
                &mut self.__entity.value,
                ::my_runtime::timestamped::__private::Into::into(value),
            );
        self
    }
    /// Applies the edit now: touches `updated_at` once if a value changed since the edit
    /// began (or since the last `finish`), and says whether it did. Dropping the edit
    /// does the same, silently.
    #[inline]
    fn finish(&mut self) -> bool {
        let changed = self.__changed;
        if changed {
            self.__changed = false;
            ::my_runtime::timestamped::__private::touch(&mut self.__entity.stamps);
        }
        changed
    }
}
impl<'__edit, 'a, T: Clone, const N: usize> ::my_runtime::timestamped::__private::Drop
for PairEdit<'__edit, 'a, T, N>
where
    T: PartialEq,
{
    #[inline]
    fn drop(&mut self) {
        let _ = self.finish();
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

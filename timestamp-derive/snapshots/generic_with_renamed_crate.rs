/// Changes several fields of [`Pair`] with at most one touch, when it is [`finish`](Self::finish)ed or dropped: from [`Pair::edit`].
#[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
struct PairEdit<'__edit, 'a, T: Clone, const N: usize>
where
    T: PartialEq,
{
    __entity: &'__edit mut Pair<'a, T, N>,
    __clock: ::my_runtime::timestamped::__private::Option<
        &'__edit dyn ::my_runtime::timestamped::__private::Clock,
    >,
    __edit: ::my_runtime::timestamped::__private::EditState,
}
const _: () = {
    use ::my_runtime::timestamped::__private as __stamped;
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
        /// Sets `type`: stores a different value and touches `updated_at`; an equal one changes nothing and reads no clock. Returns whether the value changed.
        #[inline]
        fn set_type(&mut self, value: &'a str) -> bool {
            __stamped::assign(&mut self.r#type, value, &mut self.stamps)
        }
        /// The `value` field.
        #[inline]
        #[must_use]
        fn value(&self) -> &[T; N] {
            &self.value
        }
        /// Sets `value`: stores a different value and touches `updated_at`; an equal one changes nothing and reads no clock. Returns whether the value changed.
        #[inline]
        fn set_value(&mut self, value: [T; N]) -> bool {
            __stamped::assign(&mut self.value, value, &mut self.stamps)
        }
        /// When this entity was created.
        #[inline]
        #[must_use]
        fn created_at(&self) -> __stamped::Timestamp {
            <Self as __stamped::Timestamped>::created_at(self)
        }
        /// When this entity last changed.
        #[inline]
        #[must_use]
        fn updated_at(&self) -> __stamped::Timestamp {
            <Self as __stamped::Timestamped>::updated_at(self)
        }
        /// Both stamps of this entity.
        #[inline]
        #[must_use]
        fn timestamps(&self) -> &Timestamps<Millis> {
            &self.stamps
        }
        /// Starts an edit: chained setters, then at most one touch (one clock read) when the [`PairEdit`] ends; [`finish`](PairEdit::finish) says which fields changed.
        #[inline]
        fn edit(&mut self) -> PairEdit<'_, 'a, T, N> {
            PairEdit {
                __entity: self,
                __clock: __stamped::None,
                __edit: __stamped::EditState::NEW,
            }
        }
        /// [`edit`](Self::edit), its touch reading `clock`.
        #[inline]
        fn edit_with<'__edit>(
            &'__edit mut self,
            clock: &'__edit dyn __stamped::Clock,
        ) -> PairEdit<'__edit, 'a, T, N> {
            PairEdit {
                __entity: self,
                __clock: __stamped::Some(clock),
                __edit: __stamped::EditState::NEW,
            }
        }
    }
    impl<'__edit, 'a, T: Clone, const N: usize> PairEdit<'__edit, 'a, T, N>
    where
        T: PartialEq,
    {
        /// Sets `type`: stores a different value; the edit then touches once when it ends.
        #[inline]
        fn set_type(&mut self, value: &'a str) -> &mut Self {
            __stamped::assign(
                &mut self.__entity.r#type,
                value,
                (&mut self.__edit, 1u64, true),
            );
            self
        }
        /// Sets `value`: stores a different value; the edit then touches once when it ends.
        #[inline]
        fn set_value(&mut self, value: [T; N]) -> &mut Self {
            __stamped::assign(
                &mut self.__entity.value,
                value,
                (&mut self.__edit, 2u64, true),
            );
            self
        }
        /// Ends the edit: its one touch (if a value changed), and which fields changed.
        #[inline]
        fn finish(mut self) -> __stamped::Changes {
            self.__edit
                .apply(
                    __stamped::StampsField::stamps_mut(&mut self.__entity.stamps),
                    self.__clock,
                );
            self.__edit.changes("type,value,")
        }
    }
    impl<'__edit, 'a, T: Clone, const N: usize> __stamped::Drop
    for PairEdit<'__edit, 'a, T, N>
    where
        T: PartialEq,
    {
        #[inline]
        fn drop(&mut self) {
            self.__edit
                .apply(
                    __stamped::StampsField::stamps_mut(&mut self.__entity.stamps),
                    self.__clock,
                );
        }
    }
    #[automatically_derived]
    impl<'a, T: Clone, const N: usize> __stamped::Timestamped for Pair<'a, T, N>
    where
        T: PartialEq,
    {
        type Precision = <Timestamps<Millis> as __stamped::StampsField>::Precision;
        #[inline]
        fn timestamps(&self) -> &__stamped::Timestamps<Self::Precision> {
            __stamped::StampsField::stamps(&self.stamps)
        }
        #[inline]
        fn touch_with(&mut self, clock: &dyn __stamped::Clock) {
            __stamped::Timestamps::touch_with(
                __stamped::StampsField::stamps_mut(&mut self.stamps),
                clock,
            );
        }
    }
};

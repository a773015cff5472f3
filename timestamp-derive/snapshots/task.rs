/// Changes several fields of [`Task`] with at most one touch, when it is [`finish`](Self::finish)ed or dropped: from [`Task::edit`].
#[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
pub struct TaskEdit<'__edit> {
    __entity: &'__edit mut Task,
    __clock: ::stamped::__private::Option<&'__edit dyn ::stamped::__private::Clock>,
    __edit: ::stamped::__private::EditState,
}
const _: () = {
    use ::stamped::__private as __stamped;
    impl Task {
        /// What to do.
        #[inline]
        #[must_use]
        pub fn title(&self) -> &String {
            &self.title
        }
        /// What to do.
        ///
        /// Sets `title`: stores a different value and touches `updated_at`; an equal one changes nothing and reads no clock. Returns whether the value changed.
        #[inline]
        pub fn set_title(&mut self, value: String) -> bool {
            __stamped::assign(&mut self.title, value, &mut self.timestamps)
        }
        /// The `views` field.
        #[inline]
        #[must_use]
        pub fn views(&self) -> &u64 {
            &self.views
        }
        /// Sets `views`: stores a different value without touching `updated_at` (`no_touch`). Returns whether the value changed.
        #[inline]
        pub fn set_views(&mut self, value: u64) -> bool {
            __stamped::assign(&mut self.views, value, __stamped::Quiet)
        }
        /// The `payload` field.
        #[inline]
        #[must_use]
        pub(crate) fn payload(&self) -> &Vec<u8> {
            &self.payload
        }
        /// Sets `payload`: stores the value and touches `updated_at`, equal or not (`always_touch`). Returns `true`.
        #[inline]
        pub(crate) fn set_payload(&mut self, value: Vec<u8>) -> bool {
            __stamped::assign_always(&mut self.payload, value, &mut self.timestamps)
        }
        /// When this entity was created.
        #[inline]
        #[must_use]
        pub fn created_at(&self) -> __stamped::Timestamp {
            <Self as __stamped::Timestamped>::created_at(self)
        }
        /// When this entity last changed.
        #[inline]
        #[must_use]
        pub fn updated_at(&self) -> __stamped::Timestamp {
            <Self as __stamped::Timestamped>::updated_at(self)
        }
        /// Both stamps of this entity.
        #[inline]
        #[must_use]
        pub fn timestamps(&self) -> &Timestamps {
            &self.timestamps
        }
        /// Starts an edit: chained setters, then at most one touch (one clock read) when the [`TaskEdit`] ends; [`finish`](TaskEdit::finish) says which fields changed.
        #[inline]
        pub fn edit(&mut self) -> TaskEdit<'_> {
            TaskEdit {
                __entity: self,
                __clock: __stamped::None,
                __edit: __stamped::EditState::NEW,
            }
        }
        /// [`edit`](Self::edit), its touch reading `clock`.
        #[inline]
        pub fn edit_with<'__edit>(
            &'__edit mut self,
            clock: &'__edit dyn __stamped::Clock,
        ) -> TaskEdit<'__edit> {
            TaskEdit {
                __entity: self,
                __clock: __stamped::Some(clock),
                __edit: __stamped::EditState::NEW,
            }
        }
    }
    impl<'__edit> TaskEdit<'__edit> {
        /// Sets `title`: stores a different value; the edit then touches once when it ends.
        #[inline]
        pub fn set_title(&mut self, value: String) -> &mut Self {
            __stamped::assign(
                &mut self.__entity.title,
                value,
                (&mut self.__edit, 1u64, true),
            );
            self
        }
        /// Sets `views`: stores a different value; the edit does not touch for it (`no_touch`).
        #[inline]
        pub fn set_views(&mut self, value: u64) -> &mut Self {
            __stamped::assign(
                &mut self.__entity.views,
                value,
                (&mut self.__edit, 2u64, false),
            );
            self
        }
        /// Sets `payload`: stores the value; the edit then touches once when it ends (`always_touch`).
        #[inline]
        pub(crate) fn set_payload(&mut self, value: Vec<u8>) -> &mut Self {
            __stamped::assign_always(
                &mut self.__entity.payload,
                value,
                (&mut self.__edit, 4u64, true),
            );
            self
        }
        /// Ends the edit: its one touch (if a value changed), and which fields changed.
        #[inline]
        pub fn finish(mut self) -> __stamped::Changes {
            self.__edit
                .apply(
                    __stamped::StampsField::stamps_mut(&mut self.__entity.timestamps),
                    self.__clock,
                );
            self.__edit.changes("title,views,payload,")
        }
    }
    impl<'__edit> __stamped::Drop for TaskEdit<'__edit> {
        #[inline]
        fn drop(&mut self) {
            self.__edit
                .apply(
                    __stamped::StampsField::stamps_mut(&mut self.__entity.timestamps),
                    self.__clock,
                );
        }
    }
    #[automatically_derived]
    impl __stamped::Timestamped for Task {
        type Precision = <Timestamps as __stamped::StampsField>::Precision;
        #[inline]
        fn timestamps(&self) -> &__stamped::Timestamps<Self::Precision> {
            __stamped::StampsField::stamps(&self.timestamps)
        }
        #[inline]
        fn touch_with(&mut self, clock: &dyn __stamped::Clock) {
            __stamped::Timestamps::touch_with(
                __stamped::StampsField::stamps_mut(&mut self.timestamps),
                clock,
            );
        }
    }
};

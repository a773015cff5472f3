/// Changes several fields of [`Note`] with at most one touch, when it is [`finish`](Self::finish)ed or dropped: from [`Note::edit`].
#[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
pub(crate) struct NoteEdit<'__edit> {
    __entity: &'__edit mut Note,
    __clock: ::stamped::__private::Option<&'__edit dyn ::stamped::__private::Clock>,
    __edit: ::stamped::__private::EditState,
}
const _: () = {
    use ::stamped::__private as __stamped;
    impl Note {
        /// A `Note` rebuilt from storage with its deletion stamp: the one constructor that takes `deleted_at`, so a loader outside this module restores a soft-deleted entity too.
        ///
        /// # Errors
        /// `Error::DeletedOutOfOrder` when `deleted_at` is before `created_at` or after `updated_at` (a deletion touches, so it is never later than the last change).
        #[inline]
        #[allow(clippy::too_many_arguments, reason = "one parameter per field")]
        pub(crate) fn restore(
            id: impl __stamped::Into<i64>,
            body: impl __stamped::Into<String>,
            pinned: impl __stamped::Into<bool>,
            timestamps: Timestamps,
            deleted_at: Option<Timestamp>,
        ) -> __stamped::Result<Self, __stamped::Error> {
            __stamped::check_deleted_at(
                <Timestamps as __stamped::StampsField>::stamps(&timestamps),
                __stamped::DeletedAtField::get(&deleted_at),
            )?;
            __stamped::Result::Ok(Self {
                id: __stamped::Into::into(id),
                body: __stamped::Into::into(body),
                pinned: __stamped::Into::into(pinned),
                timestamps,
                deleted_at,
            })
        }
        /// A new `Note` from its fields, stamped with one reading of the current clock (`created_at == updated_at`). `deleted_at` starts as `None`.
        #[inline]
        #[must_use]
        #[allow(clippy::too_many_arguments, reason = "one parameter per field")]
        pub(crate) fn new(
            id: impl __stamped::Into<i64>,
            body: impl __stamped::Into<String>,
            pinned: impl __stamped::Into<bool>,
        ) -> Self {
            Self {
                id: __stamped::Into::into(id),
                body: __stamped::Into::into(body),
                pinned: __stamped::Into::into(pinned),
                timestamps: <Timestamps as __stamped::StampsField>::fresh(),
                deleted_at: __stamped::None,
            }
        }
        /// A `Note` from its fields and stamps taken elsewhere: a batch sharing one reading, or a pair rebuilt from storage with `Timestamps::restore`. `deleted_at` starts as `None`.
        #[inline]
        #[must_use]
        #[allow(clippy::too_many_arguments, reason = "one parameter per field")]
        pub(crate) fn with_timestamps(
            id: impl __stamped::Into<i64>,
            body: impl __stamped::Into<String>,
            pinned: impl __stamped::Into<bool>,
            timestamps: Timestamps,
        ) -> Self {
            Self {
                id: __stamped::Into::into(id),
                body: __stamped::Into::into(body),
                pinned: __stamped::Into::into(pinned),
                timestamps,
                deleted_at: __stamped::None,
            }
        }
        /// The `body` field.
        #[inline]
        #[must_use]
        pub(crate) fn body(&self) -> &String {
            &self.body
        }
        /// Sets `body`: stores a different value and touches `updated_at`; an equal one changes nothing and reads no clock. Returns whether the value changed.
        #[inline]
        pub(crate) fn set_body(&mut self, value: impl __stamped::Into<String>) -> bool {
            __stamped::assign(
                &mut self.body,
                __stamped::Into::into(value),
                &mut self.timestamps,
            )
        }
        /// The `pinned` field.
        #[inline]
        #[must_use]
        pub(crate) fn pinned(&self) -> bool {
            __stamped::copied(&self.pinned)
        }
        /// Sets `pinned`: stores a different value and touches `updated_at`; an equal one changes nothing and reads no clock. Returns whether the value changed.
        #[inline]
        pub(crate) fn set_pinned(&mut self, value: impl __stamped::Into<bool>) -> bool {
            __stamped::assign(
                &mut self.pinned,
                __stamped::Into::into(value),
                &mut self.timestamps,
            )
        }
        /// When this entity was created.
        #[inline]
        #[must_use]
        pub(crate) fn created_at(&self) -> __stamped::Timestamp {
            <Self as __stamped::Timestamped>::created_at(self)
        }
        /// When this entity last changed.
        #[inline]
        #[must_use]
        pub(crate) fn updated_at(&self) -> __stamped::Timestamp {
            <Self as __stamped::Timestamped>::updated_at(self)
        }
        /// Both stamps of this entity.
        #[inline]
        #[must_use]
        pub(crate) fn timestamps(&self) -> &Timestamps {
            &self.timestamps
        }
        /// When this entity was deleted (`delete()`), or `None` while it exists.
        #[inline]
        #[must_use]
        pub(crate) fn deleted_at(&self) -> __stamped::Option<__stamped::Timestamp> {
            __stamped::DeletedAtField::get(&self.deleted_at)
        }
        /// Whether this entity is deleted.
        #[inline]
        #[must_use]
        pub(crate) fn is_deleted(&self) -> bool {
            __stamped::Option::is_some(&__stamped::DeletedAtField::get(&self.deleted_at))
        }
        /// Marks this entity deleted: touches `updated_at` (one clock read) and sets
        /// `deleted_at` to the same instant. Returns `false`, changing nothing, if it was already
        /// deleted.
        #[inline]
        pub(crate) fn delete(&mut self) -> bool {
            if __stamped::Option::is_some(
                &__stamped::DeletedAtField::get(&self.deleted_at),
            ) {
                return false;
            }
            let __at = __stamped::touch_marking(&mut self.timestamps);
            *__stamped::DeletedAtField::slot(&mut self.deleted_at) = __stamped::Some(
                __at,
            );
            true
        }
        /// Undoes `delete()`: clears `deleted_at` and touches `updated_at` like any change.
        /// Returns `false`, changing nothing, if the entity was not deleted.
        #[inline]
        pub(crate) fn undelete(&mut self) -> bool {
            if __stamped::Option::is_none(
                &__stamped::DeletedAtField::get(&self.deleted_at),
            ) {
                return false;
            }
            *__stamped::DeletedAtField::slot(&mut self.deleted_at) = __stamped::None;
            __stamped::touch(&mut self.timestamps);
            true
        }
        /// Starts an edit: chained setters, then at most one touch (one clock read) when the [`NoteEdit`] ends; [`finish`](NoteEdit::finish) says which fields changed.
        #[inline]
        pub(crate) fn edit(&mut self) -> NoteEdit<'_> {
            NoteEdit {
                __entity: self,
                __clock: __stamped::None,
                __edit: __stamped::EditState::NEW,
            }
        }
        /// [`edit`](Self::edit), its touch reading `clock`.
        #[inline]
        pub(crate) fn edit_with<'__edit>(
            &'__edit mut self,
            clock: &'__edit dyn __stamped::Clock,
        ) -> NoteEdit<'__edit> {
            NoteEdit {
                __entity: self,
                __clock: __stamped::Some(clock),
                __edit: __stamped::EditState::NEW,
            }
        }
    }
    impl<'__edit> NoteEdit<'__edit> {
        /// Sets `body`: stores a different value; the edit then touches once when it ends.
        #[inline]
        pub(crate) fn set_body(
            &mut self,
            value: impl __stamped::Into<String>,
        ) -> &mut Self {
            __stamped::assign(
                &mut self.__entity.body,
                __stamped::Into::into(value),
                (&mut self.__edit, 1u64, true),
            );
            self
        }
        /// Sets `pinned`: stores a different value; the edit then touches once when it ends.
        #[inline]
        pub(crate) fn set_pinned(
            &mut self,
            value: impl __stamped::Into<bool>,
        ) -> &mut Self {
            __stamped::assign(
                &mut self.__entity.pinned,
                __stamped::Into::into(value),
                (&mut self.__edit, 2u64, true),
            );
            self
        }
        /// Marks the entity deleted: when the edit ends, `deleted_at` gets the instant of its one
        /// touch. Does nothing if the entity is already deleted.
        #[inline]
        pub(crate) fn delete(&mut self) -> &mut Self {
            let __placeholder = __stamped::Timestamped::updated_at(&*self.__entity);
            __stamped::EditState::delete(
                &mut self.__edit,
                __stamped::DeletedAtField::slot(&mut self.__entity.deleted_at),
                __placeholder,
                4u64,
            );
            self
        }
        /// Undoes a deletion; the edit then touches `updated_at` once when it ends. Does nothing
        /// if the entity is not deleted.
        #[inline]
        pub(crate) fn undelete(&mut self) -> &mut Self {
            __stamped::EditState::undelete(
                &mut self.__edit,
                __stamped::DeletedAtField::slot(&mut self.__entity.deleted_at),
                4u64,
            );
            self
        }
        /// Ends the edit: its one touch (if a value changed), and which fields changed.
        #[inline]
        pub(crate) fn finish(mut self) -> __stamped::Changes {
            self.__edit
                .apply_deleting(
                    __stamped::StampsField::stamps_mut(&mut self.__entity.timestamps),
                    self.__clock,
                    __stamped::DeletedAtField::slot(&mut self.__entity.deleted_at),
                );
            self.__edit.changes("body,pinned,deleted_at,")
        }
    }
    impl<'__edit> __stamped::Drop for NoteEdit<'__edit> {
        #[inline]
        fn drop(&mut self) {
            self.__edit
                .apply_deleting(
                    __stamped::StampsField::stamps_mut(&mut self.__entity.timestamps),
                    self.__clock,
                    __stamped::DeletedAtField::slot(&mut self.__entity.deleted_at),
                );
        }
    }
    #[automatically_derived]
    impl __stamped::Timestamped for Note {
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

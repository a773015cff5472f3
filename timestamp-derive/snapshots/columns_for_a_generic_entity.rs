/// Changes several fields of [`Tagged`] with at most one touch, when it is [`finish`](Self::finish)ed or dropped: from [`Tagged::edit`].
#[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
pub struct TaggedEdit<'__edit, T: Clone + PartialEq>
where
    T: Send,
{
    __entity: &'__edit mut Tagged<T>,
    __clock: ::stamped::__private::Option<&'__edit dyn ::stamped::__private::Clock>,
    __edit: ::stamped::__private::EditState,
}
const _: () = {
    use ::stamped::__private as __stamped;
    impl<T: Clone + PartialEq> Tagged<T>
    where
        T: Send,
    {
        /// The `tag` field.
        #[inline]
        #[must_use]
        pub fn tag(&self) -> &T {
            &self.tag
        }
        /// Sets `tag`: stores a different value and touches `updated_at`; an equal one changes nothing and reads no clock. Returns whether the value changed.
        #[inline]
        pub fn set_tag(&mut self, value: T) -> bool {
            __stamped::assign(&mut self.tag, value, &mut self.timestamps)
        }
        /// The `label` field.
        #[inline]
        #[must_use]
        pub fn label(&self) -> &String {
            &self.label
        }
        /// Sets `label`: stores a different value and touches `updated_at`; an equal one changes nothing and reads no clock. Returns whether the value changed.
        #[inline]
        pub fn set_label(&mut self, value: String) -> bool {
            __stamped::assign(&mut self.label, value, &mut self.timestamps)
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
        /// When this entity was deleted (`delete()`), or `None` while it exists.
        #[inline]
        #[must_use]
        pub fn deleted_at(&self) -> __stamped::Option<__stamped::Timestamp> {
            __stamped::DeletedAtField::get(&self.deleted_at)
        }
        /// Whether this entity is deleted.
        #[inline]
        #[must_use]
        pub fn is_deleted(&self) -> bool {
            __stamped::Option::is_some(&__stamped::DeletedAtField::get(&self.deleted_at))
        }
        /// Marks this entity deleted: touches `updated_at` (one clock read) and sets
        /// `deleted_at` to the same instant. Returns `false`, changing nothing, if it was already
        /// deleted.
        #[inline]
        pub fn delete(&mut self) -> bool {
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
        pub fn undelete(&mut self) -> bool {
            if __stamped::Option::is_none(
                &__stamped::DeletedAtField::get(&self.deleted_at),
            ) {
                return false;
            }
            *__stamped::DeletedAtField::slot(&mut self.deleted_at) = __stamped::None;
            __stamped::touch(&mut self.timestamps);
            true
        }
        /// Starts an edit: chained setters, then at most one touch (one clock read) when the [`TaggedEdit`] ends; [`finish`](TaggedEdit::finish) says which fields changed.
        #[inline]
        pub fn edit(&mut self) -> TaggedEdit<'_, T> {
            TaggedEdit {
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
        ) -> TaggedEdit<'__edit, T> {
            TaggedEdit {
                __entity: self,
                __clock: __stamped::Some(clock),
                __edit: __stamped::EditState::NEW,
            }
        }
    }
    impl<'__edit, T: Clone + PartialEq> TaggedEdit<'__edit, T>
    where
        T: Send,
    {
        /// Sets `tag`: stores a different value; the edit then touches once when it ends.
        #[inline]
        pub fn set_tag(&mut self, value: T) -> &mut Self {
            __stamped::assign(
                &mut self.__entity.tag,
                value,
                (&mut self.__edit, 1u64, true),
            );
            self
        }
        /// Sets `label`: stores a different value; the edit then touches once when it ends.
        #[inline]
        pub fn set_label(&mut self, value: String) -> &mut Self {
            __stamped::assign(
                &mut self.__entity.label,
                value,
                (&mut self.__edit, 2u64, true),
            );
            self
        }
        /// Sets `views`: stores a different value; the edit does not touch for it (`no_touch`).
        #[inline]
        pub fn set_views(&mut self, value: u64) -> &mut Self {
            __stamped::assign(
                &mut self.__entity.views,
                value,
                (&mut self.__edit, 4u64, false),
            );
            self
        }
        /// Marks the entity deleted: when the edit ends, `deleted_at` gets the instant of its one
        /// touch. Does nothing if the entity is already deleted.
        #[inline]
        pub fn delete(&mut self) -> &mut Self {
            let __placeholder = __stamped::Timestamped::updated_at(&*self.__entity);
            __stamped::EditState::delete(
                &mut self.__edit,
                __stamped::DeletedAtField::slot(&mut self.__entity.deleted_at),
                __placeholder,
                8u64,
            );
            self
        }
        /// Undoes a deletion; the edit then touches `updated_at` once when it ends. Does nothing
        /// if the entity is not deleted.
        #[inline]
        pub fn undelete(&mut self) -> &mut Self {
            __stamped::EditState::undelete(
                &mut self.__edit,
                __stamped::DeletedAtField::slot(&mut self.__entity.deleted_at),
                8u64,
            );
            self
        }
        /// Ends the edit: its one touch (if a value changed), and which fields changed.
        #[inline]
        pub fn finish(mut self) -> __stamped::Changes {
            self.__edit
                .apply_deleting(
                    __stamped::StampsField::stamps_mut(&mut self.__entity.timestamps),
                    self.__clock,
                    __stamped::DeletedAtField::slot(&mut self.__entity.deleted_at),
                );
            self.__edit.changes("tag,label,views,deleted_at,")
        }
    }
    impl<'__edit, T: Clone + PartialEq> __stamped::Drop for TaggedEdit<'__edit, T>
    where
        T: Send,
    {
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
    impl<T: Clone + PartialEq, __V> __stamped::WriteChanges<__V> for Tagged<T>
    where
        T: Send,
        __V: __stamped::ColumnVisitor<T>,
        __V: __stamped::ColumnVisitor<String>,
        __V: __stamped::ColumnVisitor<u64>,
        __V: __stamped::ColumnVisitor<Option<Timestamp>>,
    {
        fn write_changes(&self, changes: __stamped::Changes, visitor: &mut __V) {
            if __stamped::change_bits(changes) & 1u64 != 0 {
                <__V as __stamped::ColumnVisitor<T>>::column(visitor, "tag", &self.tag);
            }
            if __stamped::change_bits(changes) & 2u64 != 0 {
                <__V as __stamped::ColumnVisitor<
                    String,
                >>::column(visitor, "label_text", &self.label);
            }
            if __stamped::change_bits(changes) & 4u64 != 0 {
                <__V as __stamped::ColumnVisitor<
                    u64,
                >>::column(visitor, "views", &self.views);
            }
            if __stamped::change_bits(changes) & 8u64 != 0 {
                <__V as __stamped::ColumnVisitor<
                    Option<Timestamp>,
                >>::column(visitor, "deleted_at", &self.deleted_at);
            }
        }
    }
    #[automatically_derived]
    impl<T: Clone + PartialEq> __stamped::Timestamped for Tagged<T>
    where
        T: Send,
    {
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

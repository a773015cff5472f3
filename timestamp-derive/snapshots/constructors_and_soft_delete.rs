impl Note {
    /// A `Note` rebuilt from storage with its deletion stamp: the one constructor that takes `deleted_at`, so a loader outside this module restores a soft-deleted entity too.
    ///
    /// # Errors
    /// `Error::DeletedOutOfOrder` when `deleted_at` is before `created_at` or after `updated_at` (a deletion touches, so it is never later than the last change).
    #[inline]
    #[allow(clippy::too_many_arguments, reason = "one parameter per field")]
    pub(crate) fn restore(
        id: impl ::stamped::__private::Into<i64>,
        body: impl ::stamped::__private::Into<String>,
        pinned: impl ::stamped::__private::Into<bool>,
        timestamps: Timestamps,
        deleted_at: Option<Timestamp>,
    ) -> ::stamped::__private::Result<Self, ::stamped::__private::Error> {
        ::stamped::__private::check_deleted_at(
            <Timestamps as ::stamped::__private::StampsField>::stamps(&timestamps),
            ::stamped::__private::DeletedAtField::get(&deleted_at),
        )?;
        ::stamped::__private::Result::Ok(Self {
            id: ::stamped::__private::Into::into(id),
            body: ::stamped::__private::Into::into(body),
            pinned: ::stamped::__private::Into::into(pinned),
            timestamps,
            deleted_at,
        })
    }
    /// A new `Note` from its fields, stamped with one reading of the current clock (`created_at == updated_at`). `deleted_at` starts as `None`.
    #[inline]
    #[must_use]
    #[allow(clippy::too_many_arguments, reason = "one parameter per field")]
    pub(crate) fn new(
        id: impl ::stamped::__private::Into<i64>,
        body: impl ::stamped::__private::Into<String>,
        pinned: impl ::stamped::__private::Into<bool>,
    ) -> Self {
        Self {
            id: ::stamped::__private::Into::into(id),
            body: ::stamped::__private::Into::into(body),
            pinned: ::stamped::__private::Into::into(pinned),
            timestamps: <Timestamps as ::stamped::__private::StampsField>::fresh(),
            deleted_at: ::stamped::__private::None,
        }
    }
    /// A `Note` from its fields and stamps taken elsewhere: a batch sharing one reading, or a pair rebuilt from storage with `Timestamps::restore`. `deleted_at` starts as `None`.
    #[inline]
    #[must_use]
    #[allow(clippy::too_many_arguments, reason = "one parameter per field")]
    pub(crate) fn with_timestamps(
        id: impl ::stamped::__private::Into<i64>,
        body: impl ::stamped::__private::Into<String>,
        pinned: impl ::stamped::__private::Into<bool>,
        timestamps: Timestamps,
    ) -> Self {
        Self {
            id: ::stamped::__private::Into::into(id),
            body: ::stamped::__private::Into::into(body),
            pinned: ::stamped::__private::Into::into(pinned),
            timestamps,
            deleted_at: ::stamped::__private::None,
        }
    }
    /// The `body` field.
    #[inline]
    #[must_use]
    pub(crate) fn body(&self) -> &String {
        &self.body
    }
    /// Sets the `body` field.
    ///
    /// A value equal to the current one changes nothing and reads no clock; a different one is stored and touches `updated_at` (one clock read). Returns whether the value changed.
    #[inline]
    pub(crate) fn set_body(
        &mut self,
        value: impl ::stamped::__private::Into<String>,
    ) -> bool {
        let __changed = ::stamped::__private::replace_if_changed(
            &mut self.body,
            ::stamped::__private::Into::into(value),
        );
        if __changed {
            ::stamped::__private::touch(&mut self.timestamps);
        }
        __changed
    }
    /// The `pinned` field.
    #[inline]
    #[must_use]
    pub(crate) fn pinned(&self) -> bool {
        ::stamped::__private::copied(&self.pinned)
    }
    /// Sets the `pinned` field.
    ///
    /// A value equal to the current one changes nothing and reads no clock; a different one is stored and touches `updated_at` (one clock read). Returns whether the value changed.
    #[inline]
    pub(crate) fn set_pinned(
        &mut self,
        value: impl ::stamped::__private::Into<bool>,
    ) -> bool {
        let __changed = ::stamped::__private::replace_if_changed(
            &mut self.pinned,
            ::stamped::__private::Into::into(value),
        );
        if __changed {
            ::stamped::__private::touch(&mut self.timestamps);
        }
        __changed
    }
    /// When this entity was created.
    #[inline]
    #[must_use]
    pub(crate) fn created_at(&self) -> ::stamped::__private::Timestamp {
        ::stamped::__private::Timestamps::created_at(
            ::stamped::__private::StampsField::stamps(&self.timestamps),
        )
    }
    /// When this entity last changed.
    #[inline]
    #[must_use]
    pub(crate) fn updated_at(&self) -> ::stamped::__private::Timestamp {
        ::stamped::__private::Timestamps::updated_at(
            ::stamped::__private::StampsField::stamps(&self.timestamps),
        )
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
    pub(crate) fn deleted_at(
        &self,
    ) -> ::stamped::__private::Option<::stamped::__private::Timestamp> {
        ::stamped::__private::DeletedAtField::get(&self.deleted_at)
    }
    /// Whether this entity is deleted.
    #[inline]
    #[must_use]
    pub(crate) fn is_deleted(&self) -> bool {
        ::stamped::__private::Option::is_some(
            &::stamped::__private::DeletedAtField::get(&self.deleted_at),
        )
    }
    /// Marks this entity deleted: touches `updated_at` (one clock read) and sets
    /// `deleted_at` to the same instant. Returns `false`, changing nothing, if it was already
    /// deleted.
    #[inline]
    pub(crate) fn delete(&mut self) -> bool {
        if ::stamped::__private::Option::is_some(
            &::stamped::__private::DeletedAtField::get(&self.deleted_at),
        ) {
            return false;
        }
        let __at = ::stamped::__private::touch_via(
            &mut self.timestamps,
            ::stamped::__private::None,
        );
        *::stamped::__private::DeletedAtField::slot(&mut self.deleted_at) = ::stamped::__private::Some(
            __at,
        );
        true
    }
    /// Undoes `delete()`: clears `deleted_at` and touches `updated_at` like any change.
    /// Returns `false`, changing nothing, if the entity was not deleted.
    #[inline]
    pub(crate) fn undelete(&mut self) -> bool {
        if ::stamped::__private::Option::is_none(
            &::stamped::__private::DeletedAtField::get(&self.deleted_at),
        ) {
            return false;
        }
        *::stamped::__private::DeletedAtField::slot(&mut self.deleted_at) = ::stamped::__private::None;
        ::stamped::__private::touch(&mut self.timestamps);
        true
    }
    /// Starts an edit of several fields: each setter of the returned [`NoteEdit`] stores its value, and when the edit ends `updated_at` is touched at most once, with one reading of the current clock. [`finish`](NoteEdit::finish) says which fields changed.
    ///
    /// ```text
    /// entity.edit().set_a(1).set_b(2); // one touch when the edit is dropped, if anything changed
    /// let mut edit = entity.edit();
    /// edit.set_a(1);
    /// let changes = edit.finish(); // the touch, and which fields changed
    /// ```
    #[inline]
    pub(crate) fn edit(&mut self) -> NoteEdit<'_> {
        NoteEdit {
            __entity: self,
            __clock: ::stamped::__private::None,
            __changed: 0,
            __touch: false,
            __stamp_deleted: false,
        }
    }
    /// Like [`edit`](Self::edit), but the edit's one touch reads `clock`: for services that keep their clock in their state. Returns a [`NoteEdit`].
    #[inline]
    pub(crate) fn edit_with<'__edit>(
        &'__edit mut self,
        clock: &'__edit dyn ::stamped::__private::Clock,
    ) -> NoteEdit<'__edit> {
        NoteEdit {
            __entity: self,
            __clock: ::stamped::__private::Some(clock),
            __changed: 0,
            __touch: false,
            __stamp_deleted: false,
        }
    }
}
/// Changes several fields of [`Note`] with at most one touch: created by [`Note::edit`] or [`Note::edit_with`], it touches `updated_at` (one clock read) when it is [`finish`](Self::finish)ed or dropped, and only if a value actually changed.
#[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
pub(crate) struct NoteEdit<'__edit> {
    __entity: &'__edit mut Note,
    __clock: ::stamped::__private::Option<&'__edit dyn ::stamped::__private::Clock>,
    __changed: u64,
    __touch: bool,
    __stamp_deleted: bool,
}
impl<'__edit> NoteEdit<'__edit> {
    /// Sets `body`. Stores a different value; the edit then touches `updated_at` once when it ends.
    #[inline]
    pub(crate) fn set_body(
        &mut self,
        value: impl ::stamped::__private::Into<String>,
    ) -> &mut Self {
        if ::stamped::__private::replace_if_changed(
            &mut self.__entity.body,
            ::stamped::__private::Into::into(value),
        ) {
            self.__changed |= 1u64;
            self.__touch = true;
        }
        self
    }
    /// Sets `pinned`. Stores a different value; the edit then touches `updated_at` once when it ends.
    #[inline]
    pub(crate) fn set_pinned(
        &mut self,
        value: impl ::stamped::__private::Into<bool>,
    ) -> &mut Self {
        if ::stamped::__private::replace_if_changed(
            &mut self.__entity.pinned,
            ::stamped::__private::Into::into(value),
        ) {
            self.__changed |= 2u64;
            self.__touch = true;
        }
        self
    }
    /// Marks the entity deleted: when the edit ends, `deleted_at` gets the instant of its one
    /// touch. Does nothing if the entity is already deleted.
    #[inline]
    pub(crate) fn delete(&mut self) -> &mut Self {
        if ::stamped::__private::Option::is_none(
            &::stamped::__private::DeletedAtField::get(&self.__entity.deleted_at),
        ) {
            let __placeholder = ::stamped::__private::Timestamped::updated_at(
                &*self.__entity,
            );
            *::stamped::__private::DeletedAtField::slot(&mut self.__entity.deleted_at) = ::stamped::__private::Some(
                __placeholder,
            );
            self.__stamp_deleted = true;
            self.__changed |= 4u64;
            self.__touch = true;
        }
        self
    }
    /// Undoes a deletion; the edit then touches `updated_at` once when it ends. Does nothing
    /// if the entity is not deleted.
    #[inline]
    pub(crate) fn undelete(&mut self) -> &mut Self {
        if ::stamped::__private::Option::is_some(
            &::stamped::__private::DeletedAtField::get(&self.__entity.deleted_at),
        ) {
            *::stamped::__private::DeletedAtField::slot(&mut self.__entity.deleted_at) = ::stamped::__private::None;
            self.__stamp_deleted = false;
            self.__changed |= 4u64;
            self.__touch = true;
        }
        self
    }
    /// Ends the edit: touches `updated_at` once (one clock read) if a value changed, and
    /// returns which fields changed. Dropping the edit applies the same touch.
    #[inline]
    pub(crate) fn finish(mut self) -> ::stamped::__private::Changes {
        self.__apply();
        const __NAMES: &[&str] = &["body", "pinned", "deleted_at"];
        ::stamped::__private::Changes::from_bits(self.__changed, __NAMES)
    }
    /// The one touch, if a change asks for it; runs once.
    #[inline]
    fn __apply(&mut self) {
        if self.__touch {
            self.__touch = false;
            let __at = ::stamped::__private::touch_via(
                &mut self.__entity.timestamps,
                self.__clock,
            );
            if self.__stamp_deleted {
                self.__stamp_deleted = false;
                *::stamped::__private::DeletedAtField::slot(
                    &mut self.__entity.deleted_at,
                ) = ::stamped::__private::Some(__at);
            }
        }
    }
}
impl<'__edit> ::stamped::__private::Drop for NoteEdit<'__edit> {
    #[inline]
    fn drop(&mut self) {
        self.__apply();
    }
}
#[automatically_derived]
impl ::stamped::__private::Timestamped for Note {
    type Precision = <Timestamps as ::stamped::__private::StampsField>::Precision;
    #[inline]
    fn timestamps(&self) -> &::stamped::__private::Timestamps<Self::Precision> {
        ::stamped::__private::StampsField::stamps(&self.timestamps)
    }
    #[inline]
    fn touch(&mut self) {
        ::stamped::__private::touch(&mut self.timestamps);
    }
    #[inline]
    fn touch_with(&mut self, clock: &dyn ::stamped::__private::Clock) {
        ::stamped::__private::Timestamps::touch_with(
            ::stamped::__private::StampsField::stamps_mut(&mut self.timestamps),
            clock,
        );
    }
}

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
    /// Sets the `tag` field.
    ///
    /// A value equal to the current one changes nothing and reads no clock; a different one is stored and touches `updated_at` (one clock read). Returns whether the value changed.
    #[inline]
    pub fn set_tag(&mut self, value: T) -> bool {
        let __changed = ::stamped::__private::replace_if_changed(&mut self.tag, value);
        if __changed {
            ::stamped::__private::touch(&mut self.timestamps);
        }
        __changed
    }
    /// The `label` field.
    #[inline]
    #[must_use]
    pub fn label(&self) -> &String {
        &self.label
    }
    /// Sets the `label` field.
    ///
    /// A value equal to the current one changes nothing and reads no clock; a different one is stored and touches `updated_at` (one clock read). Returns whether the value changed.
    #[inline]
    pub fn set_label(&mut self, value: String) -> bool {
        let __changed = ::stamped::__private::replace_if_changed(&mut self.label, value);
        if __changed {
            ::stamped::__private::touch(&mut self.timestamps);
        }
        __changed
    }
    /// The `views` field.
    #[inline]
    #[must_use]
    pub fn views(&self) -> &u64 {
        &self.views
    }
    /// Sets the `views` field.
    ///
    /// Stores the value without touching `updated_at` (`#[timestamped(no_touch)]`). Returns whether the value changed.
    #[inline]
    pub fn set_views(&mut self, value: u64) -> bool {
        ::stamped::__private::replace_if_changed(&mut self.views, value)
    }
    /// When this entity was created.
    #[inline]
    #[must_use]
    pub fn created_at(&self) -> ::stamped::__private::Timestamp {
        ::stamped::__private::Timestamps::created_at(
            ::stamped::__private::StampsField::stamps(&self.timestamps),
        )
    }
    /// When this entity last changed.
    #[inline]
    #[must_use]
    pub fn updated_at(&self) -> ::stamped::__private::Timestamp {
        ::stamped::__private::Timestamps::updated_at(
            ::stamped::__private::StampsField::stamps(&self.timestamps),
        )
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
    pub fn deleted_at(
        &self,
    ) -> ::stamped::__private::Option<::stamped::__private::Timestamp> {
        ::stamped::__private::DeletedAtField::get(&self.deleted_at)
    }
    /// Whether this entity is deleted.
    #[inline]
    #[must_use]
    pub fn is_deleted(&self) -> bool {
        ::stamped::__private::Option::is_some(
            &::stamped::__private::DeletedAtField::get(&self.deleted_at),
        )
    }
    /// Marks this entity deleted: touches `updated_at` (one clock read) and sets
    /// `deleted_at` to the same instant. Returns `false`, changing nothing, if it was already
    /// deleted.
    #[inline]
    pub fn delete(&mut self) -> bool {
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
    pub fn undelete(&mut self) -> bool {
        if ::stamped::__private::Option::is_none(
            &::stamped::__private::DeletedAtField::get(&self.deleted_at),
        ) {
            return false;
        }
        *::stamped::__private::DeletedAtField::slot(&mut self.deleted_at) = ::stamped::__private::None;
        ::stamped::__private::touch(&mut self.timestamps);
        true
    }
    /// Starts an edit of several fields: each setter of the returned [`TaggedEdit`] stores its value, and when the edit ends `updated_at` is touched at most once, with one reading of the current clock. [`finish`](TaggedEdit::finish) says which fields changed.
    ///
    /// ```text
    /// entity.edit().set_a(1).set_b(2); // one touch when the edit is dropped, if anything changed
    /// let mut edit = entity.edit();
    /// edit.set_a(1);
    /// let changes = edit.finish(); // the touch, and which fields changed
    /// ```
    #[inline]
    pub fn edit(&mut self) -> TaggedEdit<'_, T> {
        TaggedEdit {
            __entity: self,
            __clock: ::stamped::__private::None,
            __changed: 0,
            __touch: false,
            __stamp_deleted: false,
        }
    }
    /// Like [`edit`](Self::edit), but the edit's one touch reads `clock`: for services that keep their clock in their state. Returns a [`TaggedEdit`].
    #[inline]
    pub fn edit_with<'__edit>(
        &'__edit mut self,
        clock: &'__edit dyn ::stamped::__private::Clock,
    ) -> TaggedEdit<'__edit, T> {
        TaggedEdit {
            __entity: self,
            __clock: ::stamped::__private::Some(clock),
            __changed: 0,
            __touch: false,
            __stamp_deleted: false,
        }
    }
}
/// Changes several fields of [`Tagged`] with at most one touch: created by [`Tagged::edit`] or [`Tagged::edit_with`], it touches `updated_at` (one clock read) when it is [`finish`](Self::finish)ed or dropped, and only if a value actually changed.
#[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
pub struct TaggedEdit<'__edit, T: Clone + PartialEq>
where
    T: Send,
{
    __entity: &'__edit mut Tagged<T>,
    __clock: ::stamped::__private::Option<&'__edit dyn ::stamped::__private::Clock>,
    __changed: u64,
    __touch: bool,
    __stamp_deleted: bool,
}
impl<'__edit, T: Clone + PartialEq> TaggedEdit<'__edit, T>
where
    T: Send,
{
    /// Sets `tag`. Stores a different value; the edit then touches `updated_at` once when it ends.
    #[inline]
    pub fn set_tag(&mut self, value: T) -> &mut Self {
        if ::stamped::__private::replace_if_changed(&mut self.__entity.tag, value) {
            self.__changed |= 1u64;
            self.__touch = true;
        }
        self
    }
    /// Sets `label`. Stores a different value; the edit then touches `updated_at` once when it ends.
    #[inline]
    pub fn set_label(&mut self, value: String) -> &mut Self {
        if ::stamped::__private::replace_if_changed(&mut self.__entity.label, value) {
            self.__changed |= 2u64;
            self.__touch = true;
        }
        self
    }
    /// Sets `views`. Stores a different value; does not make the edit touch (`#[timestamped(no_touch)]`).
    #[inline]
    pub fn set_views(&mut self, value: u64) -> &mut Self {
        if ::stamped::__private::replace_if_changed(&mut self.__entity.views, value) {
            self.__changed |= 4u64;
        }
        self
    }
    /// Marks the entity deleted: when the edit ends, `deleted_at` gets the instant of its one
    /// touch. Does nothing if the entity is already deleted.
    #[inline]
    pub fn delete(&mut self) -> &mut Self {
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
            self.__changed |= 8u64;
            self.__touch = true;
        }
        self
    }
    /// Undoes a deletion; the edit then touches `updated_at` once when it ends. Does nothing
    /// if the entity is not deleted.
    #[inline]
    pub fn undelete(&mut self) -> &mut Self {
        if ::stamped::__private::Option::is_some(
            &::stamped::__private::DeletedAtField::get(&self.__entity.deleted_at),
        ) {
            *::stamped::__private::DeletedAtField::slot(&mut self.__entity.deleted_at) = ::stamped::__private::None;
            self.__stamp_deleted = false;
            self.__changed |= 8u64;
            self.__touch = true;
        }
        self
    }
    /// Ends the edit: touches `updated_at` once (one clock read) if a value changed, and
    /// returns which fields changed. Dropping the edit applies the same touch.
    #[inline]
    pub fn finish(mut self) -> ::stamped::__private::Changes {
        self.__apply();
        const __NAMES: &[&str] = &["tag", "label", "views", "deleted_at"];
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
impl<'__edit, T: Clone + PartialEq> ::stamped::__private::Drop for TaggedEdit<'__edit, T>
where
    T: Send,
{
    #[inline]
    fn drop(&mut self) {
        self.__apply();
    }
}
impl<T: Clone + PartialEq, __V> ::stamped::__private::WriteChanges<__V> for Tagged<T>
where
    T: Send,
    __V: ::stamped::__private::ColumnVisitor<T>,
    __V: ::stamped::__private::ColumnVisitor<String>,
    __V: ::stamped::__private::ColumnVisitor<u64>,
    __V: ::stamped::__private::ColumnVisitor<Option<Timestamp>>,
{
    fn write_changes(&self, changes: ::stamped::__private::Changes, visitor: &mut __V) {
        if ::stamped::__private::change_bits(changes) & 1u64 != 0 {
            <__V as ::stamped::__private::ColumnVisitor<
                T,
            >>::column(visitor, "tag", &self.tag);
        }
        if ::stamped::__private::change_bits(changes) & 2u64 != 0 {
            <__V as ::stamped::__private::ColumnVisitor<
                String,
            >>::column(visitor, "label_text", &self.label);
        }
        if ::stamped::__private::change_bits(changes) & 4u64 != 0 {
            <__V as ::stamped::__private::ColumnVisitor<
                u64,
            >>::column(visitor, "views", &self.views);
        }
        if ::stamped::__private::change_bits(changes) & 8u64 != 0 {
            <__V as ::stamped::__private::ColumnVisitor<
                Option<Timestamp>,
            >>::column(visitor, "deleted_at", &self.deleted_at);
        }
    }
}
#[automatically_derived]
impl<T: Clone + PartialEq> ::stamped::__private::Timestamped for Tagged<T>
where
    T: Send,
{
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

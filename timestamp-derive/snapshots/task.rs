impl Task {
    /// What to do.
    #[inline]
    #[must_use]
    pub fn title(&self) -> &String {
        &self.title
    }
    /// What to do.
    ///
    /// A value equal to the current one changes nothing and reads no clock; a different one is stored and touches `updated_at` (one clock read). Returns whether the value changed.
    #[inline]
    pub fn set_title(&mut self, value: String) -> bool {
        let __changed = ::stamped::__private::replace_if_changed(&mut self.title, value);
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
    /// The `payload` field.
    #[inline]
    #[must_use]
    pub(crate) fn payload(&self) -> &Vec<u8> {
        &self.payload
    }
    /// Sets the `payload` field.
    ///
    /// Stores the value and touches `updated_at` on every call, equal or not (`#[timestamped(always_touch)]`). Returns `true`.
    #[inline]
    pub(crate) fn set_payload(&mut self, value: Vec<u8>) -> bool {
        self.payload = value;
        ::stamped::__private::touch(&mut self.timestamps);
        true
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
    /// Starts an edit of several fields: each setter of the returned [`TaskEdit`] stores its value, and when the edit ends `updated_at` is touched at most once, with one reading of the current clock. [`finish`](TaskEdit::finish) says which fields changed.
    ///
    /// ```text
    /// entity.edit().set_a(1).set_b(2); // one touch when the edit is dropped, if anything changed
    /// let mut edit = entity.edit();
    /// edit.set_a(1);
    /// let changes = edit.finish(); // the touch, and which fields changed
    /// ```
    #[inline]
    pub fn edit(&mut self) -> TaskEdit<'_> {
        TaskEdit {
            __entity: self,
            __clock: ::stamped::__private::None,
            __changed: 0,
            __touch: false,
        }
    }
    /// Like [`edit`](Self::edit), but the edit's one touch reads `clock`: for services that keep their clock in their state. Returns a [`TaskEdit`].
    #[inline]
    pub fn edit_with<'__edit>(
        &'__edit mut self,
        clock: &'__edit dyn ::stamped::__private::Clock,
    ) -> TaskEdit<'__edit> {
        TaskEdit {
            __entity: self,
            __clock: ::stamped::__private::Some(clock),
            __changed: 0,
            __touch: false,
        }
    }
}
/// Changes several fields of [`Task`] with at most one touch: created by [`Task::edit`] or [`Task::edit_with`], it touches `updated_at` (one clock read) when it is [`finish`](Self::finish)ed or dropped, and only if a value actually changed.
#[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
pub struct TaskEdit<'__edit> {
    __entity: &'__edit mut Task,
    __clock: ::stamped::__private::Option<&'__edit dyn ::stamped::__private::Clock>,
    __changed: u64,
    __touch: bool,
}
impl<'__edit> TaskEdit<'__edit> {
    /// Sets `title`. Stores a different value; the edit then touches `updated_at` once when it ends.
    #[inline]
    pub fn set_title(&mut self, value: String) -> &mut Self {
        if ::stamped::__private::replace_if_changed(&mut self.__entity.title, value) {
            self.__changed |= 1u64;
            self.__touch = true;
        }
        self
    }
    /// Sets `views`. Stores a different value; does not make the edit touch (`#[timestamped(no_touch)]`).
    #[inline]
    pub fn set_views(&mut self, value: u64) -> &mut Self {
        if ::stamped::__private::replace_if_changed(&mut self.__entity.views, value) {
            self.__changed |= 2u64;
        }
        self
    }
    /// Sets `payload`. Stores the value; the edit then touches `updated_at` once when it ends (`#[timestamped(always_touch)]`).
    #[inline]
    pub(crate) fn set_payload(&mut self, value: Vec<u8>) -> &mut Self {
        self.__entity.payload = value;
        self.__changed |= 4u64;
        self.__touch = true;
        self
    }
    /// Ends the edit: touches `updated_at` once (one clock read) if a value changed, and
    /// returns which fields changed. Dropping the edit applies the same touch.
    #[inline]
    pub fn finish(mut self) -> ::stamped::__private::Changes {
        self.__apply();
        const __NAMES: &[&str] = &["title", "views", "payload"];
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
            let _ = __at;
        }
    }
}
impl<'__edit> ::stamped::__private::Drop for TaskEdit<'__edit> {
    #[inline]
    fn drop(&mut self) {
        self.__apply();
    }
}
#[automatically_derived]
impl ::stamped::__private::Timestamped for Task {
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

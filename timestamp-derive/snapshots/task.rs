impl Task {
    /// What to do.
    #[inline]
    #[must_use]
    pub fn title(&self) -> &String {
        &self.title
    }
    /// What to do.
    ///
    /// A value equal to the current one changes nothing and reads no clock; a different one is stored and touches `updated_at` (one clock read).
    #[inline]
    pub fn set_title(&mut self, value: impl ::timestamped::__private::Into<String>) {
        if ::timestamped::__private::replace_if_changed(
            &mut self.title,
            ::timestamped::__private::Into::into(value),
        ) {
            ::timestamped::__private::touch(&mut self.timestamps);
        }
    }
    /// The `views` field.
    #[inline]
    #[must_use]
    pub fn views(&self) -> &u64 {
        &self.views
    }
    /// Sets the `views` field.
    ///
    /// Stores the value without touching `updated_at` (`#[timestamped(no_touch)]`).
    #[inline]
    pub fn set_views(&mut self, value: impl ::timestamped::__private::Into<u64>) {
        self.views = ::timestamped::__private::Into::into(value);
    }
    /// The `payload` field.
    #[inline]
    #[must_use]
    pub(crate) fn payload(&self) -> &Vec<u8> {
        &self.payload
    }
    /// Sets the `payload` field.
    ///
    /// Stores the value and touches `updated_at` on every call, equal or not (`#[timestamped(always_touch)]`).
    #[inline]
    pub(crate) fn set_payload(
        &mut self,
        value: impl ::timestamped::__private::Into<Vec<u8>>,
    ) {
        self.payload = ::timestamped::__private::Into::into(value);
        ::timestamped::__private::touch(&mut self.timestamps);
    }
    /// When this entity was created.
    #[inline]
    #[must_use]
    pub fn created_at(&self) -> ::timestamped::__private::Timestamp {
        ::timestamped::__private::Timestamps::created_at(
            ::timestamped::__private::StampsField::stamps(&self.timestamps),
        )
    }
    /// When this entity last changed.
    #[inline]
    #[must_use]
    pub fn updated_at(&self) -> ::timestamped::__private::Timestamp {
        ::timestamped::__private::Timestamps::updated_at(
            ::timestamped::__private::StampsField::stamps(&self.timestamps),
        )
    }
    /// Both stamps of this entity.
    #[inline]
    #[must_use]
    pub fn timestamps(&self) -> &Timestamps {
        &self.timestamps
    }
    /// Starts an edit of several fields: each setter of the returned [`TaskEdit`] stores its value, and when the edit ends `updated_at` is touched at most once, with one clock read.
    ///
    /// ```text
    /// entity.edit().set_a(1).set_b("two"); // one touch, if anything changed
    /// ```
    #[inline]
    pub fn edit(&mut self) -> TaskEdit<'_> {
        TaskEdit {
            __entity: self,
            __changed: false,
        }
    }
}
/// Changes several fields of [`Task`] with at most one touch: created by [`Task::edit`], it touches `updated_at` (one clock read) when it is dropped or [`finish`](Self::finish)ed, and only if a value actually changed.
#[must_use = "an edit applies its one touch when it ends: chain the setters on it, or keep it and call `finish()`"]
pub struct TaskEdit<'__edit> {
    __entity: &'__edit mut Task,
    __changed: bool,
}
impl<'__edit> TaskEdit<'__edit> {
    /// Sets `title`. Stores a different value; the edit then touches `updated_at` once when it ends.
    #[inline]
    pub fn set_title(
        &mut self,
        value: impl ::timestamped::__private::Into<String>,
    ) -> &mut Self {
        self.__changed
            |= ::timestamped::__private::replace_if_changed(
                &mut self.__entity.title,
                ::timestamped::__private::Into::into(value),
            );
        self
    }
    /// Sets `views`. Stores the value; does not make the edit touch (`#[timestamped(no_touch)]`).
    #[inline]
    pub fn set_views(
        &mut self,
        value: impl ::timestamped::__private::Into<u64>,
    ) -> &mut Self {
        self.__entity.views = ::timestamped::__private::Into::into(value);
        self
    }
    /// Sets `payload`. Stores the value; the edit then touches `updated_at` once when it ends (`#[timestamped(always_touch)]`).
    #[inline]
    pub(crate) fn set_payload(
        &mut self,
        value: impl ::timestamped::__private::Into<Vec<u8>>,
    ) -> &mut Self {
        self.__entity.payload = ::timestamped::__private::Into::into(value);
        self.__changed = true;
        self
    }
    /// Applies the edit now: touches `updated_at` once if a value changed since the edit
    /// began (or since the last `finish`), and says whether it did. Dropping the edit
    /// does the same, silently.
    #[inline]
    pub fn finish(&mut self) -> bool {
        let changed = self.__changed;
        if changed {
            self.__changed = false;
            ::timestamped::__private::touch(&mut self.__entity.timestamps);
        }
        changed
    }
}
impl<'__edit> ::timestamped::__private::Drop for TaskEdit<'__edit> {
    #[inline]
    fn drop(&mut self) {
        let _ = self.finish();
    }
}
#[automatically_derived]
impl ::timestamped::__private::Timestamped for Task {
    type Precision = <Timestamps as ::timestamped::__private::StampsField>::Precision;
    #[inline]
    fn timestamps(&self) -> &::timestamped::__private::Timestamps<Self::Precision> {
        ::timestamped::__private::StampsField::stamps(&self.timestamps)
    }
    #[inline]
    fn touch(&mut self) {
        ::timestamped::__private::touch(&mut self.timestamps);
    }
    #[inline]
    fn touch_with(&mut self, clock: &dyn ::timestamped::__private::Clock) {
        ::timestamped::__private::Timestamps::touch_with(
            ::timestamped::__private::StampsField::stamps_mut(&mut self.timestamps),
            clock,
        );
    }
}

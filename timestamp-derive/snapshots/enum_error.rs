::core::compile_error! {
    "#[derive(Timestamped)] needs a struct with named fields, and `Task` is an enum"
}
#[automatically_derived]
impl ::stamped::__private::Timestamped for Task {
    type Precision = ::stamped::__private::Micros;
    fn timestamps(&self) -> &::stamped::__private::Timestamps<Self::Precision> {
        ::core::unreachable!()
    }
    fn touch_with(&mut self, _: &dyn ::stamped::__private::Clock) {
        ::core::unreachable!()
    }
}

::core::compile_error! {
    "#[derive(Timestamped)] needs a struct with named fields, and `Task` is an enum"
}
#[automatically_derived]
impl ::timestamped::__private::Timestamped for Task {
    type Precision = ::timestamped::__private::Micros;
    fn timestamps(&self) -> &::timestamped::__private::Timestamps<Self::Precision> {
        ::core::unreachable!()
    }
    fn touch(&mut self) {
        ::core::unreachable!()
    }
    fn touch_with(&mut self, _: &dyn ::timestamped::__private::Clock) {
        ::core::unreachable!()
    }
}

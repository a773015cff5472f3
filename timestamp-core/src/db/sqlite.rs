//! SQLite: the canonical text.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::sqlite::{Sqlite, SqliteArgumentsBuffer, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Type, ValueRef};

use crate::{Error, Timestamp};

#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-sqlite")))]
impl Type<Sqlite> for Timestamp {
    fn type_info() -> SqliteTypeInfo {
        <&str as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <&str as Type<Sqlite>>::compatible(ty)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-sqlite")))]
impl Encode<'_, Sqlite> for Timestamp {
    fn encode_by_ref(&self, args: &mut SqliteArgumentsBuffer) -> Result<IsNull, BoxDynError> {
        <String as Encode<'_, Sqlite>>::encode(self.to_string(), args)
    }

    fn size_hint(&self) -> usize {
        27
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-sqlite")))]
impl<'r> Decode<'r, Sqlite> for Timestamp {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.is_null() {
            return Err(Error::Null.into());
        }
        let text = <&str as Decode<'r, Sqlite>>::decode(value)?;
        Ok(crate::parse::parse_text_as_utc(text.as_bytes())?)
    }
}

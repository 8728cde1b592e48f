//! The signing time and its two textual forms. No clock here: the caller supplies the instant.

use super::SignError;

/// An instant in whole seconds since the Unix epoch (UTC), between 1970 and 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningTime {
    unix_seconds: i64,
}

/// 9999-12-31T23:59:59Z
const MAX_UNIX_SECONDS: i64 = 253_402_300_799;
const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    days_since_epoch: i64,
}

impl SigningTime {
    pub fn from_unix_seconds(unix_seconds: i64) -> Result<Self, SignError> {
        if !(0..=MAX_UNIX_SECONDS).contains(&unix_seconds) {
            return Err(SignError::InvalidTime(unix_seconds));
        }
        Ok(SigningTime { unix_seconds })
    }

    /// From JavaScript's milliseconds (`Date.getTime()`), rounded down to the second.
    pub fn from_unix_millis(millis: f64) -> Result<Self, SignError> {
        if !millis.is_finite() {
            return Err(SignError::InvalidTime(i64::MIN));
        }
        Self::from_unix_seconds((millis / 1000.0).floor() as i64)
    }

    pub fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    fn civil(self) -> Civil {
        let days = self.unix_seconds.div_euclid(86_400);
        let seconds_of_day = self.unix_seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: seconds_of_day / 3600,
            minute: seconds_of_day % 3600 / 60,
            second: seconds_of_day % 60,
            days_since_epoch: days,
        }
    }

    /// `20251125T053000Z`: the V4 `x-oss-date`.
    pub fn iso8601_basic(self) -> String {
        let c = self.civil();
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }

    /// `2025-11-25T05:30:00Z` (RFC 3339): when a plan read the objects' state.
    pub fn rfc3339(self) -> String {
        let c = self.civil();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }

    /// `20251125`: the date of the V4 scope.
    pub fn date_basic(self) -> String {
        self.iso8601_basic()[..8].to_string()
    }

    /// `Tue, 25 Nov 2025 05:30:00 GMT`: the HTTP date of V1.
    pub fn http_date(self) -> String {
        let c = self.civil();
        format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
            WEEKDAYS[c.days_since_epoch.rem_euclid(7) as usize],
            c.day,
            MONTHS[(c.month - 1) as usize],
            c.year,
            c.hour,
            c.minute,
            c.second
        )
    }
}

/// Howard Hinnant's `civil_from_days`: proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        let cases = [
            (0, "19700101T000000Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
            (
                951_782_400,
                "20000229T000000Z",
                "Tue, 29 Feb 2000 00:00:00 GMT",
            ),
            (
                1_709_251_199,
                "20240229T235959Z",
                "Thu, 29 Feb 2024 23:59:59 GMT",
            ),
            (
                1_764_048_600,
                "20251125T053000Z",
                "Tue, 25 Nov 2025 05:30:00 GMT",
            ),
            (
                4_107_542_400,
                "21000301T000000Z",
                "Mon, 01 Mar 2100 00:00:00 GMT",
            ),
            (
                MAX_UNIX_SECONDS,
                "99991231T235959Z",
                "Fri, 31 Dec 9999 23:59:59 GMT",
            ),
        ];
        for (seconds, iso, http) in cases {
            let time = SigningTime::from_unix_seconds(seconds).unwrap();
            assert_eq!(time.iso8601_basic(), iso);
            assert_eq!(time.http_date(), http);
        }
    }

    #[test]
    fn refuses_out_of_range_times() {
        assert_eq!(
            SigningTime::from_unix_seconds(-1),
            Err(SignError::InvalidTime(-1))
        );
        assert!(SigningTime::from_unix_seconds(MAX_UNIX_SECONDS + 1).is_err());
        assert!(SigningTime::from_unix_millis(f64::NAN).is_err());
        assert_eq!(
            SigningTime::from_unix_millis(1_764_048_600_999.0)
                .unwrap()
                .unix_seconds(),
            1_764_048_600
        );
    }
}

/* Plain data, free of schema code: the apps format times with it on their first screen. */
export const ianaTimeZones = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type TimeZone = (typeof ianaTimeZones)[number];

/** The label Indonesians read on a clock for each zone. */
export const timeZoneLabels: Record<TimeZone, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** Hours ahead of UTC; Indonesia keeps no daylight saving, so these never change. */
export const timeZoneOffsetHours: Record<TimeZone, number> = {
  'Asia/Jakarta': 7,
  'Asia/Makassar': 8,
  'Asia/Jayapura': 9,
};

// The open data downloads and their data dictionary: every column of every file, explained in plain English.
// The API builds the files with exactly these columns (a test checks), and the /open-data page prints this.
import { Type, type Static } from 'typebox';

export const OPEN_DATA_DATASETS = ['directory', 'service-ratings', 'provider-ratings'] as const;
export type OpenDataDataset = (typeof OPEN_DATA_DATASETS)[number];
export const OPEN_DATA_FORMATS = ['csv', 'json'] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];

export const OPEN_DATA_FILES = OPEN_DATA_DATASETS.flatMap((dataset) =>
  OPEN_DATA_FORMATS.map((format) => `${dataset}.${format}` as const),
);
export type OpenDataFile = (typeof OPEN_DATA_FILES)[number];

/** What a suppressed figure shows in the CSV files. */
export const SUPPRESSED_TEXT = {
  small_number: 'fewer than 5',
  complementary: 'suppressed',
} as const;

export interface OpenDataColumn {
  name: string;
  description: string;
  /** text, number, whole number, yes/no, date, list (separated by "; "), web address. */
  type: string;
}

export interface OpenDataDatasetInfo {
  title: string;
  description: string;
  columns: OpenDataColumn[];
}

const col = (name: string, type: string, description: string): OpenDataColumn => ({ name, type, description });

const SUPPRESSION_NOTE =
  'Shows "fewer than 5" when fewer than 5 different people reviewed, and "suppressed" when it is hidden so that ' +
  'another hidden figure cannot be worked out by subtraction.';

const serviceIdentity = [
  col('service_id', 'text', 'Our permanent identifier for the service (a UUID). It is the same in every file.'),
  col('service_name', 'text', 'The name the provider gives the service.'),
  col('organisation_id', 'text', 'Our permanent identifier for the organisation that runs the service (a UUID).'),
  col('organisation_name', 'text', 'The name of the organisation that runs the service.'),
];

export const OPEN_DATA_DICTIONARY: Record<OpenDataDataset, OpenDataDatasetInfo> = {
  directory: {
    title: 'Directory of care services',
    description:
      'Every care service published in Care Assist: what it offers, where, what it costs, and how to get in touch.',
    columns: [
      ...serviceIdentity,
      col(
        'organisation_sector',
        'text',
        'Private, Voluntary and community, Social enterprise, Public, Mutual, or Not known.',
      ),
      col('care_types', 'list', 'The kinds of care the service gives, for example "Home care; Respite care".'),
      col('specialisms', 'list', 'Needs the service says it specialises in, for example "Dementia". May be empty.'),
      col('address', 'text', 'The street address of the service or its office.'),
      col('town', 'text', 'The town of that address.'),
      col('county', 'text', 'The county of that address.'),
      col('postcode', 'text', 'The postcode of that address.'),
      col('latitude', 'number', 'Latitude of the postcode sector the service is in (WGS84), not the exact building.'),
      col('longitude', 'number', 'Longitude of the postcode sector the service is in (WGS84).'),
      col('area_served_km', 'number', 'For care at home: how far from the address the service will travel, in km.'),
      col('price_per_hour_gbp', 'number', 'Price per hour of care in pounds, where the service charges by the hour.'),
      col('price_per_visit_gbp', 'number', 'Price per visit in pounds, where the service charges by the visit.'),
      col('price_per_night_gbp', 'number', 'Price per night in pounds, where the service charges by the night.'),
      col('price_per_week_gbp', 'number', 'Price per week in pounds, where the service charges by the week.'),
      col(
        'funding_accepted',
        'list',
        'How people can pay: Self-funded, Personal budget or direct payment, Council-funded.',
      ),
      col('accepting_new_clients', 'yes/no', '"yes" when the provider says it can take on new people now.'),
      col('languages', 'list', 'Languages staff speak, as the provider lists them.'),
      col('phone', 'text', 'The enquiries phone number the service publishes.'),
      col('website', 'web address', 'The service’s own website, where it has one.'),
      col(
        'cqc_location_id',
        'text',
        'The Care Quality Commission’s identifier for the service, where it is registered.',
      ),
      col(
        'cqc_rating',
        'text',
        'The CQC’s overall rating: Outstanding, Good, Requires improvement, Inadequate or Not yet rated.',
      ),
      col('cqc_rating_date', 'date', 'The date of the CQC report the rating comes from (YYYY-MM-DD), where known.'),
      col('council_accredited', 'yes/no', '"yes" when the council has accredited the service.'),
      col('last_updated', 'date', 'When the listing last changed (date and time, UTC, ISO 8601).'),
      col('page_url', 'web address', 'The service’s page on Care Assist.'),
    ],
  },
  'service-ratings': {
    title: 'Ratings and price benchmarks per service',
    description:
      'For each published service: how many reviews it has, their average, its score out of 10, its CQC rating, ' +
      'and how its price compares with the middle price of similar services in its county.',
    columns: [
      ...serviceIdentity,
      col(
        'main_care_type',
        'text',
        'The first care type the service lists; price benchmarks compare like with like on it.',
      ),
      col('county', 'text', 'The county the service is in; the area for price benchmarks.'),
      col('review_count', 'whole number', `Published reviews of the service. ${SUPPRESSION_NOTE}`),
      col(
        'mean_rating_out_of_5',
        'number',
        `The average overall rating of those reviews, 1 to 5. Hidden when review_count is.`,
      ),
      col(
        'score_out_of_10',
        'number',
        'The Care Assist score out of 10 from the last 24 months of reviews (category ratings and positive reviews). ' +
          'Hidden when review_count is, or when fewer than 5 of those reviews are recent.',
      ),
      col('cqc_rating', 'text', 'The CQC’s overall rating, as in the directory.'),
      col(
        'headline_price_unit',
        'text',
        'The price compared: per hour for care at home, per week for care homes, otherwise per night or per visit.',
      ),
      col('headline_price_gbp', 'number', 'The service’s price in that unit, in pounds.'),
      col(
        'area_median_price_gbp',
        'number',
        'The median (middle) price of published services with the same main care type, county and price unit, in pounds.',
      ),
      col(
        'area_median_based_on_services',
        'whole number',
        'How many services that median comes from (including this one).',
      ),
      col(
        'price_vs_area_median_percent',
        'whole number',
        'How much dearer (positive) or cheaper (negative) the service is than that median, in per cent.',
      ),
    ],
  },
  'provider-ratings': {
    title: 'Ratings and price benchmarks per provider',
    description:
      'For each organisation with a published service: its reviews across all its services, CQC ratings, and prices against its areas.',
    columns: [
      col('organisation_id', 'text', 'Our permanent identifier for the organisation (a UUID).'),
      col('organisation_name', 'text', 'The organisation’s name.'),
      col(
        'organisation_sector',
        'text',
        'Private, Voluntary and community, Social enterprise, Public, Mutual, or Not known.',
      ),
      col('published_services', 'whole number', 'How many of its services are published in Care Assist.'),
      col('review_count', 'whole number', `Published reviews of all its services. ${SUPPRESSION_NOTE}`),
      col(
        'mean_rating_out_of_5',
        'number',
        'The average overall rating across those reviews, 1 to 5. Hidden when review_count is.',
      ),
      col(
        'services_rated_good_or_outstanding',
        'whole number',
        'How many of its services the CQC rates Good or Outstanding.',
      ),
      col(
        'services_with_price_benchmark',
        'whole number',
        'How many of its services have a price to compare with their area.',
      ),
      col(
        'median_price_vs_area_median_percent',
        'whole number',
        'The middle of its services’ price_vs_area_median_percent figures: above 0 means dearer than its areas.',
      ),
    ],
  },
};

export const OPEN_DATA_LICENCE = {
  name: 'Open Government Licence v3.0',
  url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  attribution:
    'Contains public sector information licensed under the Open Government Licence v3.0 (Care Assist, the council). ' +
    'Contains Care Quality Commission data © Care Quality Commission, under the Open Government Licence v3.0. ' +
    'Locations: Source: Office for National Statistics, National Statistics Postcode Lookup, licensed under the Open ' +
    'Government Licence v3.0. Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © ' +
    'Royal Mail copyright and database right 2025. Contains GeoPlace data © Local Government Information House ' +
    'Limited copyright and database right 2025.',
} as const;

const ColumnSchema = Type.Object({ name: Type.String(), type: Type.String(), description: Type.String() });
/** GET /api/v1/open-data/: the files, their dictionary and row counts, the licence and shown-only totals. */
export const OpenDataIndexSchema = Type.Object({
  licence: Type.Object({ name: Type.String(), url: Type.String(), attribution: Type.String() }),
  datasets: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      description: Type.String(),
      files: Type.Array(Type.String()),
      rows: Type.Integer(),
      columns: Type.Array(ColumnSchema),
    }),
  ),
  totals: Type.Object({
    publishedServices: Type.Integer(),
    providers: Type.Integer(),
    reviewsShown: Type.Integer(),
    providersLeftOut: Type.Integer(),
  }),
});
export type OpenDataIndex = Static<typeof OpenDataIndexSchema>;

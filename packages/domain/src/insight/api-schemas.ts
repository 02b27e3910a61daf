// The HTTP contract of council and provider insight. Every view has the same shape — tables (the accessible
// numbers, also the CSV), charts (drawn from the same numbers on the server) and a text summary — so the web
// app renders every view with one component and the CSV is always exactly the table.
import { Type, type Static } from 'typebox';
import { PageSchema } from '../pagination/page.ts';
import { CARE_TYPE_CODES, SECTOR_CODES } from '../taxonomy.ts';

export const INSIGHT_VIEWS = ['performance', 'prices', 'market', 'demand', 'outcomes', 'brokerage'] as const;
export type InsightView = (typeof INSIGHT_VIEWS)[number];

export const INSIGHT_VIEW_LABELS: Record<InsightView, string> = {
  performance: 'Provider performance',
  prices: 'Prices',
  market: 'Market shape',
  demand: 'Unmet demand',
  outcomes: 'Outcomes',
  brokerage: 'Brokerage',
};

/** The longest date range a view accepts. */
export const INSIGHT_MAX_RANGE_YEARS = 10;
export const INSIGHT_MAX_ROWS = 500;
export const SECTOR_NOT_KNOWN = 'not_known';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** Filters every view accepts; unknown ones are refused (400), not ignored. */
export const InsightFiltersSchema = Type.Object(
  {
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    county: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    district: Type.Optional(
      Type.String({ pattern: '^[A-Za-z]{1,2}[0-9][0-9A-Za-z]?$', description: 'Postcode district, e.g. CM1' }),
    ),
    care_type: Type.Optional(Type.Enum([...CARE_TYPE_CODES])),
    sector: Type.Optional(Type.Enum([...SECTOR_CODES, SECTOR_NOT_KNOWN])),
    /** Performance: one row per service or per provider (organisation). */
    by: Type.Optional(Type.Enum(['service', 'provider'])),
    /** Prices: where this service (its slug) sits against the spread. */
    service: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,120}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: INSIGHT_MAX_ROWS })),
  },
  { additionalProperties: false },
);
export type InsightFilters = Static<typeof InsightFiltersSchema>;

export const InsightCellSchema = Type.Union([Type.String(), Type.Number(), Type.Null()]);
export type InsightCell = Static<typeof InsightCellSchema>;

export const InsightColumnSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  kind: Type.Enum(['text', 'count', 'number', 'pence', 'percent', 'hours']),
});
export type InsightColumn = Static<typeof InsightColumnSchema>;

export const InsightTableSchema = Type.Object({
  id: Type.String(),
  caption: Type.String(),
  columns: Type.Array(InsightColumnSchema),
  rows: Type.Array(Type.Record(Type.String(), InsightCellSchema)),
  /** Totals of the shown cells only (suppressed cells are left out, so nothing can be recovered). */
  totals: Type.Optional(Type.Record(Type.String(), InsightCellSchema)),
  /** How many rows matched before the row limit. */
  matchedRows: Type.Integer(),
});
export type InsightTable = Static<typeof InsightTableSchema>;

export const InsightChartSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: Type.Enum(['bar', 'stacked-bar', 'line', 'boxplot']),
  categories: Type.Array(Type.String()),
  /** For a boxplot each point is [min, Q1, median, Q3, max]; otherwise one number (or null) per category. */
  series: Type.Array(
    Type.Object({
      name: Type.String(),
      data: Type.Array(Type.Union([Type.Number(), Type.Null(), Type.Array(Type.Number())])),
    }),
  ),
  valueLabel: Type.String(),
  /** Horizontal reference lines, e.g. the area median and quartiles. */
  markers: Type.Optional(Type.Array(Type.Object({ name: Type.String(), value: Type.Number() }))),
});
export type InsightChart = Static<typeof InsightChartSchema>;

export const InsightViewSchema = Type.Object({
  view: Type.String(),
  title: Type.String(),
  /** When the summary behind the view was last rebuilt; null before the first refresh. */
  refreshedAt: Type.Union([Type.String(), Type.Null()]),
  filters: Type.Object({
    from: Type.String(),
    to: Type.String(),
    county: Type.Union([Type.String(), Type.Null()]),
    district: Type.Union([Type.String(), Type.Null()]),
    careType: Type.Union([Type.String(), Type.Null()]),
    sector: Type.Union([Type.String(), Type.Null()]),
  }),
  summary: Type.Array(Type.String()),
  notes: Type.Array(Type.String()),
  tables: Type.Array(InsightTableSchema),
  charts: Type.Array(InsightChartSchema),
});
export type InsightViewResponse = Static<typeof InsightViewSchema>;

export const CommissionerSchema = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  displayName: Type.String(),
  email: Type.String(),
  role: Type.String(),
  commissioner: Type.Boolean(),
  /** 'role' for admins (always), 'grant' for a moderator with the grant, null otherwise. */
  via: Type.Union([Type.Literal('role'), Type.Literal('grant'), Type.Null()]),
  grantedAt: Type.Union([Type.String(), Type.Null()]),
});
export type Commissioner = Static<typeof CommissionerSchema>;
export const CommissionerListSchema = PageSchema(CommissionerSchema);
export type CommissionerList = Static<typeof CommissionerListSchema>;

/** Whether the caller is a commissioner (may see council insight); without a token the answer is no. */
export const InsightAccessSchema = Type.Object({ commissioner: Type.Boolean() });
export type InsightAccess = Static<typeof InsightAccessSchema>;
/** Granting or revoking the commissioner permission: whether anything changed (it is idempotent). */
export const CommissionerChangeSchema = Type.Object({ changed: Type.Boolean() });
export type CommissionerChange = Static<typeof CommissionerChangeSchema>;

// The shortlist contract: services a resident keeps to compare later.
import { Type, type Static } from 'typebox';
import { ServiceSummarySchema } from '../api-schemas.ts';
import { PageSchema } from '../pagination/page.ts';

/** Enough for any real search for care, small enough to compare. */
export const SHORTLIST_LIMIT = 30;

/** The page envelope; a whole shortlist fits on one page (per_page defaults to SHORTLIST_LIMIT). */
export const ShortlistSchema = PageSchema(ServiceSummarySchema);
export type Shortlist = Static<typeof ShortlistSchema>;

export const ShortlistMergeBodySchema = Type.Object(
  { serviceIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: SHORTLIST_LIMIT }) },
  { additionalProperties: false },
);
export type ShortlistMergeBody = Static<typeof ShortlistMergeBodySchema>;

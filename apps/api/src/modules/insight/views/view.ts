// The part of a view each aggregate builds; the service adds the title, filters and refresh time.
import type { InsightViewResponse } from '@care-assist/domain';

export type ViewBody = Pick<InsightViewResponse, 'summary' | 'notes' | 'tables' | 'charts'>;

// Types SvelteKit shares across the app: what hooks put on `locals`, and the shape of errors pages show.
import type { User } from '@care-assist/domain';

declare global {
  namespace App {
    interface Locals {
      user: User | null;
      accessToken: string | null;
      /** Set by a load function that renders a page for a bad request, e.g. an unknown postcode (see hooks). */
      pageStatus?: number;
    }
    interface Error {
      message: string;
      /** Short code for the kind of failure, e.g. 'unavailable', so the error page can choose its words. */
      code?: string;
    }
    interface PageData {
      user: User | null;
    }
  }
}

export {};

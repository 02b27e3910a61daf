// The demo accounts, one per role, listed in the README. Demo data only: never seed these into a real council's database.
import type { UserRole } from '@care-assist/domain';

export const DEMO_PASSWORD = 'CareAssist-demo-2026';

export interface DemoUser {
  key: 'resident' | 'budgetHolder' | 'provider' | 'moderator' | 'admin';
  email: string;
  role: UserRole;
  displayName: string;
  password: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    key: 'resident',
    email: 'resident@demo.care-assist.test',
    role: 'resident',
    displayName: 'Margaret Ellis',
    password: DEMO_PASSWORD,
  },
  {
    key: 'budgetHolder',
    email: 'budget.holder@demo.care-assist.test',
    role: 'resident',
    displayName: 'David Marsh',
    password: DEMO_PASSWORD,
  },
  {
    key: 'provider',
    email: 'provider@demo.care-assist.test',
    role: 'provider',
    displayName: 'Sarah Collins',
    password: DEMO_PASSWORD,
  },
  {
    key: 'moderator',
    email: 'moderator@demo.care-assist.test',
    role: 'moderator',
    displayName: 'Tom Bradley',
    password: DEMO_PASSWORD,
  },
  {
    key: 'admin',
    email: 'admin@demo.care-assist.test',
    role: 'admin',
    displayName: 'Amira Hassan',
    password: DEMO_PASSWORD,
  },
];

/** The organisation the demo provider owns; it runs several published services in Chelmsford. */
export const DEMO_PROVIDER_ORGANISATION = 'Chelmer Care Partnership';

/**
 * A provider who has just signed up and claimed a listing the CQC import made; the council has not decided yet.
 * Not in DEMO_USERS (whose rows come from the main generator stream): seeded beside the claim (claims.ts).
 */
export const DEMO_CLAIMANT = {
  email: 'new.provider@demo.care-assist.test',
  role: 'provider',
  displayName: 'Priya Shah',
  password: DEMO_PASSWORD,
} as const;

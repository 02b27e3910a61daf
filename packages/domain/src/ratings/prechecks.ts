// Automatic pre-checks a moderator sees next to a pending review, question or answer. They never publish
// or reject anything themselves: they highlight, and a safeguarding hit routes the item to its own queue.
import { findStaffNames } from './staff-names.ts';

export type PrecheckCode =
  | 'email'
  | 'phone'
  | 'link'
  | 'staff_name'
  | 'shouting'
  | 'profanity'
  | 'too_short'
  | 'near_duplicate'
  | 'safeguarding'
  | 'burst'
  | 'network_burst'
  | 'new_account'
  | 'shared_device';

export interface PrecheckFlag {
  code: PrecheckCode;
  /** The text that triggered the flag, for the moderator to see. */
  match: string;
}

/** Reviews shorter than this many characters say too little to help anyone. */
export const MIN_USEFUL_LENGTH = 40;
/** Trigram Jaccard similarity at or above which two texts count as near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;
/** A text is shouting when this share of its letters (with at least 20 letters) is upper case. */
export const SHOUTING_SHARE = 0.6;
/** This many reviews of one service within BURST_WINDOW_HOURS (this one included) is a burst worth a look. */
export const BURST_REVIEW_COUNT = 5;
export const BURST_WINDOW_HOURS = 24;
/** This many reviews of one service from one network within BURST_WINDOW_HOURS (this one included). */
export const NETWORK_BURST_REVIEW_COUNT = 3;

/** A deliberately small list: the aim is to highlight, not to censor; moderators decide. */
export const PROFANITY_WORDS = [
  'fuck',
  'fucking',
  'shit',
  'bastard',
  'bitch',
  'crap',
  'bollocks',
  'wanker',
  'twat',
  'arsehole',
];

/** Words that might mean someone is at risk: an urgent human look, never an automatic rejection. */
export const SAFEGUARDING_WORDS = [
  'abuse',
  'abused',
  'abusive',
  'neglect',
  'neglected',
  'harm',
  'harmed',
  'assault',
  'assaulted',
  'hit me',
  'hit her',
  'hit him',
  'bruise',
  'bruises',
  'bruising',
  'slapped',
  'rough handling',
  'left alone for hours',
  'not fed',
  'stole',
  'stolen',
  'theft',
  'locked in',
  'bed sore',
  'pressure sore',
];

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b/g;
const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[\w-]+\.(?:com|co\.uk|org|net|uk|io|example)\b\S*/gi;

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0].trim());
}

function wordListHits(text: string, words: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return words.filter((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(lower));
}

export function isShouting(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length < 20) return false;
  const upper = letters.replace(/[^A-Z]/g, '').length;
  return upper / letters.length >= SHOUTING_SHARE;
}

function trigrams(text: string): Set<string> {
  const normal = ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= normal.length; i++) grams.add(normal.slice(i, i + 3));
  return grams;
}

/** Jaccard similarity of the two texts' character trigrams: 1 for the same words, 0 for nothing shared. */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 && tb.size === 0) return 1;
  let shared = 0;
  for (const gram of ta) if (tb.has(gram)) shared++;
  return shared / (ta.size + tb.size - shared);
}

export interface PrecheckInput {
  text: string;
  /** Other recent texts (e.g. reviews of the same service or by the same author) to compare against. */
  otherTexts?: readonly string[];
  /** Minimum length for this kind of text (answers can be shorter than reviews). */
  minLength?: number;
  /** Full names the provider lists as its staff: any of them in the text is flagged (see staff-names.ts). */
  staffNames?: readonly string[];
  /** The service's and organisation's names and town: capitalised words that are not people. */
  placeNames?: readonly string[];
}

export function precheckText({
  text,
  otherTexts = [],
  minLength = MIN_USEFUL_LENGTH,
  staffNames = [],
  placeNames = [],
}: PrecheckInput): PrecheckFlag[] {
  const flags: PrecheckFlag[] = [];
  const add = (code: PrecheckCode, found: string[]) => {
    for (const match of new Set(found)) flags.push({ code, match });
  };
  add('email', matches(text, EMAIL));
  const withoutEmails = text.replace(EMAIL, ' ');
  add('phone', matches(withoutEmails, PHONE));
  add('link', matches(withoutEmails, LINK));
  add('staff_name', findStaffNames({ text, staffNames, placeNames }));
  if (isShouting(text)) add('shouting', [text.slice(0, 40)]);
  add('profanity', wordListHits(text, PROFANITY_WORDS));
  if (text.trim().length < minLength) add('too_short', [`${text.trim().length} characters`]);
  const duplicate = otherTexts.find((other) => trigramSimilarity(text, other) >= NEAR_DUPLICATE_THRESHOLD);
  if (duplicate !== undefined) add('near_duplicate', [duplicate.slice(0, 60)]);
  add('safeguarding', wordListHits(text, SAFEGUARDING_WORDS));
  return flags;
}

/** Whether a review's words say someone may be being harmed: its writer is shown who to call at once. */
export function mentionsHarm(...texts: string[]): boolean {
  return wordListHits(texts.join('\n'), SAFEGUARDING_WORDS).length > 0;
}

export function needsSafeguarding(flags: readonly PrecheckFlag[]): boolean {
  return flags.some((f) => f.code === 'safeguarding');
}

export const PRECHECK_LABELS: Record<PrecheckCode, string> = {
  email: 'Email address',
  phone: 'Phone number',
  link: 'Link',
  staff_name: 'Staff member named in full',
  shouting: 'Written in capitals',
  profanity: 'Bad language',
  too_short: 'Very short',
  near_duplicate: 'Nearly the same as another text',
  safeguarding: 'Possible safeguarding concern',
  burst: 'Many reviews of this service in a short time',
  network_burst: 'Several reviews of this service from one network',
  new_account: 'Account created just before writing',
  shared_device: 'Another account reviewed this service from the same browser',
};

/** A burst flag when the service had BURST_REVIEW_COUNT or more reviews (this one included) in the window. */
export function burstFlag(reviewsInWindow: number): PrecheckFlag[] {
  return reviewsInWindow >= BURST_REVIEW_COUNT
    ? [{ code: 'burst', match: `${reviewsInWindow} reviews in ${BURST_WINDOW_HOURS} hours` }]
    : [];
}

/** A network burst flag when NETWORK_BURST_REVIEW_COUNT or more reviews (this one included) came from one network. */
export function networkBurstFlag(reviewsFromNetworkInWindow: number): PrecheckFlag[] {
  return reviewsFromNetworkInWindow >= NETWORK_BURST_REVIEW_COUNT
    ? [
        {
          code: 'network_burst',
          match: `${reviewsFromNetworkInWindow} reviews from one network in ${BURST_WINDOW_HOURS} hours`,
        },
      ]
    : [];
}

/**
 * The network an address belongs to, as a short text: IPv4 /24 ("203.0.113.0/24"), IPv6 /64. One household
 * or office usually shares it, and a router handing out new addresses stays inside it. IPv4-mapped IPv6
 * addresses count as IPv4. Anything unparseable is returned as it is.
 */
export function networkOf(ip: string): string {
  const address = ip.trim().toLowerCase();
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? headGroups
      : [
          ...headGroups,
          ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'),
          ...tailGroups,
        ];
  const prefix = groups.slice(0, 4).map((g) => (g === '' ? '0' : g).replace(/^0+(?=.)/, ''));
  while (prefix.length < 4) prefix.push('0');
  return `${prefix.join(':')}::/64`;
}

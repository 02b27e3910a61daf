// Finding staff members named in full in a review ("Susan Miller was rude to Mum, the other carers..."):
// a review may name a carer by first name, but a full name singles out a person, so a moderator looks first.
// Three ways in: a title or role right before the name (the older rule), a capitalised first-and-last-name
// pair within a few words of a word about staff, and any full name the provider lists among its staff.

/** Words that say the text is talking about the people who give care. */
export const STAFF_WORDS = [
  'carer',
  'carers',
  'care worker',
  'care workers',
  'worker',
  'nurse',
  'nurses',
  'manager',
  'managers',
  'deputy',
  'staff',
  'staff member',
  'team leader',
  'key worker',
  'senior',
  'owner',
  'receptionist',
  'cook',
  'chef',
  'cleaner',
  'activities coordinator',
  'coordinator',
  'supervisor',
] as const;

/** How many words either side of a name pair a staff word may be for the pair to count. */
export const STAFF_WORD_WINDOW = 10;

/** A role or title immediately before a capitalised first and last name. */
const TITLED_NAME =
  /\b(?:(?:carer|nurse|manager|staff member|worker|Mr|Mrs|Ms|Miss|Dr)\.?\s+)([A-Z][a-z]+\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b/g;

/** Two capitalised words in a row, the second possibly double-barrelled: "Susan Miller", "Jo Smith-Jones". */
const NAME_PAIR = /\b([A-Z][a-z]+)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b/g;

/**
 * Capitalised words that begin sentences or name places, days and things, so a pair containing one is not a
 * person: "Last Tuesday", "Writtle Grange", "Care Home", "The Manager". Lower case here; compared lower case.
 */
const NOT_NAMES = new Set(
  [
    'the a an and but or so if when while after before because then this that these those there here what',
    'my our your his her their its we they she he it i me us him them you',
    'mum mam mom dad mother father nan nana gran grandma grandad grandpa aunt auntie uncle son daughter wife husband',
    'monday tuesday wednesday thursday friday saturday sunday',
    'january february march april may june july august september october november december',
    'last next every each all some most many few one two three first second new old',
    'very really always never sometimes often also even only just still',
    'care home homes house lodge court hall manor grange park road street lane close view gardens place',
    'centre center hospital surgery practice council nhs cqc team staff service services agency group ltd',
    'nursing residential day night live living support supported help healthcare health',
    'carer carers nurse nurses manager worker deputy senior owner chef cook cleaner',
    'good great excellent lovely kind poor bad terrible awful thank thanks please overall',
    'christmas easter covid',
  ]
    .join(' ')
    .split(' '),
);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const STAFF_WORD_PATTERN = new RegExp(`\\b(?:${STAFF_WORDS.map(escape).join('|')})\\b`, 'gi');

/** Word offsets (0-based) at which a staff word starts. */
function staffWordPositions(text: string): number[] {
  return [...text.matchAll(STAFF_WORD_PATTERN)].map((m) => wordIndexAt(text, m.index));
}

function wordIndexAt(text: string, charIndex: number): number {
  return (text.slice(0, charIndex).match(/\S+/g) ?? []).length;
}

export interface StaffNameInput {
  text: string;
  /** Full names the provider lists as its staff (its members' names); matched whatever their case. */
  staffNames?: readonly string[];
  /** Names that are not people here: the service's and its organisation's names and its town. */
  placeNames?: readonly string[];
}

/** Every full name of a member of staff found in the text, each once, in the order found. */
export function findStaffNames({ text, staffNames = [], placeNames = [] }: StaffNameInput): string[] {
  const found: string[] = [...text.matchAll(TITLED_NAME)].map((m) => m[1]!);
  const notNames = new Set(placeNames.flatMap((name) => name.toLowerCase().match(/[a-z]+/g) ?? []));
  const isNotName = (word: string) => NOT_NAMES.has(word.toLowerCase()) || notNames.has(word.toLowerCase());
  const staffAt = staffWordPositions(text);
  for (const match of text.matchAll(NAME_PAIR)) {
    const [, first, last] = match;
    if (isNotName(first!) || last!.split('-').some(isNotName)) continue;
    const start = wordIndexAt(text, match.index);
    const end = start + 1;
    if (staffAt.some((at) => at >= start - STAFF_WORD_WINDOW && at <= end + STAFF_WORD_WINDOW)) {
      found.push(`${first} ${last}`);
    }
  }
  for (const name of staffNames) {
    const parts = name.trim().split(/\s+/);
    if (parts.length < 2) continue; // a first name alone is fine to publish
    const listed = new RegExp(`\\b${parts.map(escape).join('\\s+')}\\b`, 'i').exec(text);
    if (listed) found.push(listed[0]);
  }
  // One flag per person, however they were found ("Mrs Susan Miller" is found twice).
  const seen = new Set<string>();
  return found.filter((name) => {
    const key = name.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

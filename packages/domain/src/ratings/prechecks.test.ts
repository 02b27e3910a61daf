import { describe, expect, it } from 'vitest';
import {
  burstFlag,
  mentionsHarm,
  needsSafeguarding,
  networkBurstFlag,
  networkOf,
  precheckText,
  trigramSimilarity,
} from './prechecks.ts';

const codes = (text: string, otherTexts: string[] = []) => precheckText({ text, otherTexts }).map((f) => f.code);
const CLEAN = 'The carers were kind and always on time, and my mother looked forward to their visits.';

describe('review pre-checks', () => {
  it('passes an ordinary review', () => {
    expect(codes(CLEAN)).toEqual([]);
  });

  it('finds personal details', () => {
    expect(codes(`${CLEAN} Email me at pat.smith@example.com`)).toContain('email');
    expect(codes(`${CLEAN} Ring 07700 900123 any time`)).toContain('phone');
    expect(codes(`${CLEAN} See www.example.com/complaints`)).toContain('link');
    const flags = precheckText({ text: `${CLEAN} The manager Sarah Jones ignored us.` });
    expect(flags).toContainEqual({ code: 'staff_name', match: 'Sarah Jones' });
  });

  it('finds shouting, bad language and very short texts', () => {
    expect(codes('THIS IS THE WORST CARE COMPANY I HAVE EVER USED, AVOID')).toContain('shouting');
    expect(codes(`${CLEAN} What a load of crap though.`)).toContain('profanity');
    expect(codes('Good.')).toContain('too_short');
    expect(codes('Scunthorpe residents were cared for well, with grass cuttings cleared.')).not.toContain('profanity');
  });

  it('finds near-duplicates by trigram similarity', () => {
    expect(trigramSimilarity(CLEAN, CLEAN)).toBe(1);
    expect(codes(CLEAN, [CLEAN.replace('kind', 'kind!')])).toContain('near_duplicate');
    expect(codes(CLEAN, ['A completely different review about the food and the garden.'])).not.toContain(
      'near_duplicate',
    );
  });

  it('routes abuse, neglect and harm to the safeguarding queue', () => {
    const flags = precheckText({ text: `${CLEAN} But I think Dad was neglected at weekends and had bruises.` });
    expect(needsSafeguarding(flags)).toBe(true);
    expect(flags.filter((f) => f.code === 'safeguarding').map((f) => f.match)).toEqual(['neglected', 'bruises']);
    expect(needsSafeguarding(precheckText({ text: CLEAN }))).toBe(false);
  });

  it('tells the writer of a review that mentions harm, in the title or the body, who to call', () => {
    expect(mentionsHarm('Left in pain', 'Mum had bruises on her arms after the visit.')).toBe(true);
    expect(mentionsHarm('Neglected at night', CLEAN)).toBe(true);
    expect(mentionsHarm('Lovely staff', CLEAN)).toBe(false);
  });

  it('flags a burst of reviews for one service', () => {
    expect(burstFlag(4)).toEqual([]);
    expect(burstFlag(5)).toEqual([{ code: 'burst', match: '5 reviews in 24 hours' }]);
  });

  it('flags three or more reviews of one service from one network', () => {
    expect(networkBurstFlag(1)).toEqual([]);
    expect(networkBurstFlag(2)).toEqual([]);
    expect(networkBurstFlag(3)).toEqual([{ code: 'network_burst', match: '3 reviews from one network in 24 hours' }]);
    expect(networkBurstFlag(7).map((f) => f.code)).toEqual(['network_burst']);
  });

  it('groups addresses into networks (IPv4 /24, IPv6 /64)', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('203.0.113.250')).toBe(networkOf('203.0.113.7'));
    expect(networkOf('203.0.114.7')).not.toBe(networkOf('203.0.113.7'));
    expect(networkOf('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
    expect(networkOf('2001:db8:1:3::1')).not.toBe(networkOf('2001:db8:1:2::1'));
  });
});

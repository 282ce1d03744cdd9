/**
 * cyrb53 (bryc, public domain): a fast, well-mixed 53-bit string hash. Kept here in full because
 * the lottery must be reproducible by anyone from the published rules, without this code base.
 */
export function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A pupil's lottery number in an admission run: `cyrb53("<seed>:<citizenId>")`, an integer from
 * 0 to 2^53 − 1; lower wins. It depends only on the run's seed and the pupil, not on the order of
 * submissions, so the same seed always gives the same draw.
 */
export function lotteryNumber(seed: string, citizenId: string): number {
  return cyrb53(`${seed}:${citizenId}`);
}

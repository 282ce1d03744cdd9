/**
 * Waits for the next turn of the event loop. The embedded store reads synchronously, so a long
 * loop over the log (a catch-up, a rebuild, a payment run's paid items and entitlements) awaits
 * this between pages; without it, it would run to its end in one go and no request would be
 * served meanwhile.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

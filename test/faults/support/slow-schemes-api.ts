/**
 * The API as `apps/api/src/main.ts` starts it, except that a payment run computes each scheme
 * after its first slowly, as a national-scale run does (seconds per scheme). A test that kills
 * the process once the first scheme's run is in the log then kills it with the later schemes
 * still to be written, however fast the machine; on a small data set the next scheme otherwise
 * takes milliseconds, and the kill can come too late.
 */
import { PayoutInputs } from '../../../apps/api/src/payouts/payout-inputs';

const SLOW_SCHEME_MS = 5_000;
const preview = PayoutInputs.prototype.preview;
let previews = 0;
PayoutInputs.prototype.preview = async function (...args) {
  if (previews++ > 0) await new Promise((resolve) => setTimeout(resolve, SLOW_SCHEME_MS));
  return preview.apply(this, args);
};

void import('../../../apps/api/src/main');

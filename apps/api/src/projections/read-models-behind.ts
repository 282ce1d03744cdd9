import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';

/**
 * 503 for work that needs the read models at the log's head while they are still applying it
 * (after a start on new or rebuilt read models): folding the log instead would, at national scale,
 * hold every entitlement in memory at once.
 */
export function readModelsBehind(): ProblemException {
  return new ProblemException(
    problem(
      503,
      'READ_MODELS_BEHIND',
      'Read models are catching up',
      'The read models have not yet applied the log; try again shortly',
    ),
  );
}

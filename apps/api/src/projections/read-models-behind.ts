import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';

/**
 * 503 while the read models have not applied the log as far as a request needs: the head, for
 * work that reads them whole (after a start on new or rebuilt read models; folding the log
 * instead would, at national scale, hold every entitlement in memory at once), or the position
 * a client asked to read its writes at. One code for both, so a client retries both alike.
 */
export function readModelsBehind(
  detail = 'The read models have not yet applied the log; try again shortly',
): ProblemException {
  return new ProblemException(
    problem(503, 'READ_MODELS_BEHIND', 'Read models are catching up', detail),
  );
}

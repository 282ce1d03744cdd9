import { ExpectedRevision } from '../port/expected-revision';

/** The stream was not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';

  constructor(
    readonly streamId: string,
    readonly expectedRevision: ExpectedRevision,
    /** The stream's actual last revision, or -1 when the stream does not exist. */
    readonly actualRevision: number,
  ) {
    super(
      `Stream "${streamId}" is at revision ${actualRevision}, expected ${String(expectedRevision)}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

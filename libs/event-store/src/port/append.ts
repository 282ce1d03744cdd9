import { ExpectedRevision } from './expected-revision';

export interface AppendOptions {
  /** Defaults to `any`. */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append: pass it as the next expected revision. */
  nextExpectedRevision: number;
  /** Global log position of the last event of the append. */
  position: number;
}

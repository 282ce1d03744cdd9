/** An event that cannot be stored: no id, no type, or a payload that is not JSON. */
export class InvalidEventError extends Error {
  readonly code = 'INVALID_EVENT';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

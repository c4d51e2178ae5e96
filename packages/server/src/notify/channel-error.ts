/** A channel refused or could not be reached; `retryable` says whether trying again later may help. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

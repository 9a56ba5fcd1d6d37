/** A failure that retrying cannot fix; its message is shown to the user as the reason. */
export class OperationFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationFailure';
  }
}

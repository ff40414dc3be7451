/** What the store tells its callers about a database file it will not (or cannot) use. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'newer-version' | 'not-galley' | 'corrupt' | 'open-failed' | 'missing' | 'in-use'
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

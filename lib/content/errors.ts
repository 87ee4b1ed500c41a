/** A content file that does not satisfy its schema. The message names the file and what is wrong. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ContentError';
  }
}

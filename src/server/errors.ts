/**
 * @module One error class per HTTP status family, mapped to a JSON response in one place (app.onError).
 * Messages say how to fix the problem.
 */
export class CachelabError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
/** The request itself is wrong (400): bad body, unknown node. */
export class BadRequestError extends CachelabError {
  constructor(message: string) {
    super(400, message);
  }
}
/** No or invalid identity (401). */
export class UnauthorizedError extends CachelabError {
  constructor(message: string) {
    super(401, message);
  }
}
/** The thing does not exist for this learner (404); someone else's sandbox is reported the same way. */
export class NotFoundError extends CachelabError {
  constructor(message: string) {
    super(404, message);
  }
}
/** The state forbids it right now (409): e.g. failover on a sandbox without replicas. */
export class ConflictError extends CachelabError {
  constructor(message: string) {
    super(409, message);
  }
}
/** A per-learner cap (429) or a machine-wide cap (503) was hit. */
export class CapacityError extends CachelabError {
  constructor(status: 429 | 503, message: string) {
    super(status, message);
  }
}

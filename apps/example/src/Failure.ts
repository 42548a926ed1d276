/**
 * Turning any expected failure of the app into one readable line and what to do about it.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Predicate from "effect/Predicate"

/**
 * A step failed and the failure has already been told to the user; the app exits with code 1.
 *
 * @since 0.1.0
 */
export class Reported extends Data.TaggedError("Reported")<{}> {
  override get message(): string {
    return "the run failed (already reported)"
  }
}

/**
 * A step waited for something (a webhook delivery, the end of a call) that did not come in time.
 *
 * @since 0.1.0
 */
export class StepTimeout extends Data.TaggedError("StepTimeout")<{
  readonly waitingFor: string
  readonly hint: string
}> {
  override get message(): string {
    return `gave up waiting for ${this.waitingFor}`
  }
}

/**
 * The app cannot run in this mode (e.g. a step that needs the sandbox while a real API key is set).
 *
 * @since 0.1.0
 */
export class Unsupported extends Data.TaggedError("Unsupported")<{
  readonly what: string
  readonly hint: string
}> {
  override get message(): string {
    return this.what
  }
}

/**
 * What to tell the user: the failure in one line, and what to do.
 *
 * @since 0.1.0
 */
export interface Explanation {
  readonly what: string
  readonly hint: string
}

const hints: Record<string, string> = {
  UnauthorizedError: "check AGENTPHONE_API_KEY, or unset it to run against the local sandbox",
  ValidationError: "the server rejected the request; see the field named above",
  InvalidRequestError: "the request broke its type before it was sent; see the field named above",
  NotFoundError: "check the id (for --call-id, copy it from your dashboard or from `calls.listCalls`)",
  ConflictError: "the resource already exists; pick another value or reuse the existing one",
  RateLimitedError: "wait a moment and run again",
  ServerError: "the API had a problem; run again in a moment",
  ApiError: "see the status above; run again, or report it if it persists",
  TransportError: "is the API reachable from here? Unset AGENTPHONE_API_KEY to run against the local sandbox",
  TimeoutError: "the API did not answer in time; run again, or raise AGENTPHONE_TIMEOUT",
  DecodeError: "the response did not have the documented shape; please report it",
  ConfigError: "check the environment variables (AGENTPHONE_API_KEY, AGENTPHONE_BASE_URL, AGENTPHONE_TIMEOUT)",
  ServeError: "the local webhook server could not start; free a port or check your firewall"
}

const messageOf = (error: unknown): string => {
  if (Predicate.hasProperty(error, "message") && typeof error.message === "string" && error.message !== "") {
    return error.message
  }
  return String(error)
}

/**
 * Explain a failure: its own message (every error of the SDK says what happened) and a hint
 * chosen by its tag.
 *
 * @example
 * ```ts
 * import * as Failure from "./Failure.js"
 *
 * Failure.explain(new Failure.StepTimeout({ waitingFor: "the SMS webhook", hint: "run again" }))
 * // { what: "gave up waiting for the SMS webhook", hint: "run again" }
 * ```
 *
 * @since 0.1.0
 */
export const explain = (error: unknown): Explanation => {
  if (Predicate.hasProperty(error, "hint") && typeof error.hint === "string") {
    return { what: messageOf(error), hint: error.hint }
  }
  const tag = Predicate.hasProperty(error, "_tag") && typeof error._tag === "string" ? error._tag : undefined
  const firstLine = messageOf(error).split("\n")[0]
  return {
    what: firstLine,
    hint: (tag !== undefined ? hints[tag] : undefined) ?? "run again with --only <step> to retry one step"
  }
}

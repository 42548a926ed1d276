/**
 * The error responses the sandbox sends, in the API's shapes: `{"detail": "..."}` for most
 * statuses and FastAPI's `{"detail": [{loc, msg, type}]}` for 422.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as ParseResult from "effect/ParseResult"

/**
 * One FastAPI validation issue.
 *
 * @since 0.1.0
 */
export interface ValidationIssue {
  readonly loc: ReadonlyArray<string | number>
  readonly msg: string
  readonly type: string
}

/**
 * A request the sandbox answers with an error status.
 *
 * @since 0.1.0
 */
export class ApiFailure extends Data.TaggedError("ApiFailure")<{
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>> | undefined
}> {
  override get message(): string {
    return `sandbox answered ${this.status}: ${JSON.stringify(this.body)}`
  }
}

/**
 * `{"detail": detail}` with `status`.
 *
 * @example
 * ```ts
 * import { ApiFailure } from "@agentphone-effect/sandbox"
 *
 * const e = ApiFailure.detail(404, "Agent not found")
 * ```
 *
 * @since 0.1.0
 */
export const detail = (status: number, detail: string, headers?: Record<string, string>): ApiFailure =>
  new ApiFailure({ status, body: { detail }, headers })

/** @since 0.1.0 */
export const notFound = (what: string): ApiFailure => detail(404, `${what} not found`)

/** @since 0.1.0 */
export const badRequest = (message: string): ApiFailure => detail(400, message)

/** @since 0.1.0 */
export const conflict = (message: string): ApiFailure => detail(409, message)

/**
 * A 422 with FastAPI's `detail` list.
 *
 * @since 0.1.0
 */
export const validation = (issues: ReadonlyArray<ValidationIssue>): ApiFailure =>
  new ApiFailure({ status: 422, body: { detail: issues } })

/**
 * A 422 with one issue.
 *
 * @since 0.1.0
 */
export const invalid = (loc: ReadonlyArray<string | number>, msg: string, type = "value_error"): ApiFailure =>
  validation([{ loc, msg, type }])

const typeOf = (tag: string): string => {
  switch (tag) {
    case "Missing":
      return "missing"
    case "Unexpected":
      return "extra_forbidden"
    case "Type":
      return "type_error"
    default:
      return "value_error"
  }
}

/**
 * Turn a Schema `ParseError` into FastAPI issues under `prefix` (e.g. `["body"]`).
 *
 * @since 0.1.0
 */
export const fromParseError = (
  error: ParseResult.ParseError,
  prefix: ReadonlyArray<string | number>
): ApiFailure =>
  validation(
    ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
      loc: [...prefix, ...issue.path.map((p) => typeof p === "symbol" ? String(p) : p)],
      msg: issue._tag === "Missing" ? "Field required" : issue.message,
      type: typeOf(issue._tag)
    }))
  )

/**
 * The error responses the sandbox sends, in the API's shapes: `{"detail": "..."}` for most
 * statuses and FastAPI's `{"detail": [{loc, msg, type}]}` for 422.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as ParseResult from "effect/ParseResult"

/**
 * One FastAPI validation issue: where (`loc`, e.g. `["body", "name"]`), what, and its kind.
 *
 * @example
 * ```ts
 * import { ApiFailure } from "@agentphone-effect/sandbox"
 *
 * const issue: ApiFailure.ValidationIssue = { loc: ["body", "name"], msg: "Field required", type: "missing" }
 * ```
 *
 * @since 0.1.0
 */
export interface ValidationIssue {
  readonly loc: ReadonlyArray<string | number>
  readonly msg: string
  readonly type: string
}

/**
 * A request the sandbox answers with an error status; also the error of the control functions
 * (`Sandbox.injectMessage` and friends), with the status and body the HTTP route would send.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * // No number is provisioned yet, so the sandbox answers 400 ("No active phone number ...").
 * const status = Sandbox.injectMessage({ from: "+14155550123", body: "hi" }).pipe(
 *   Effect.map(() => 200),
 *   Effect.catchTag("ApiFailure", (failure) => Effect.succeed(failure.status))
 * )
 * ```
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

/**
 * A 404 `{"detail": "<what> not found"}`.
 *
 * @example
 * ```ts
 * import { ApiFailure } from "@agentphone-effect/sandbox"
 *
 * ApiFailure.notFound("Agent").body // { detail: "Agent not found" }
 * ```
 *
 * @since 0.1.0
 */
export const notFound = (what: string): ApiFailure => detail(404, `${what} not found`)

/**
 * A 400 `{"detail": message}`.
 *
 * @example
 * ```ts
 * import { ApiFailure } from "@agentphone-effect/sandbox"
 *
 * ApiFailure.badRequest("The number is released").status // 400
 * ```
 *
 * @since 0.1.0
 */
export const badRequest = (message: string): ApiFailure => detail(400, message)

/**
 * A 409 `{"detail": message}`.
 *
 * @example
 * ```ts
 * import { ApiFailure } from "@agentphone-effect/sandbox"
 *
 * ApiFailure.conflict("A webhook already exists for this agent").status // 409
 * ```
 *
 * @since 0.1.0
 */
export const conflict = (message: string): ApiFailure => detail(409, message)

/**
 * A 422 with FastAPI's `detail` list.
 *
 * @example
 * ```ts
 * import { ApiFailure } from "@agentphone-effect/sandbox"
 *
 * ApiFailure.validation([{ loc: ["query", "limit"], msg: "must be at most 100", type: "value_error" }])
 * ```
 *
 * @since 0.1.0
 */
export const validation = (issues: ReadonlyArray<ValidationIssue>): ApiFailure =>
  new ApiFailure({ status: 422, body: { detail: issues } })

/**
 * A 422 with one issue (`type` defaults to `value_error`).
 *
 * @example
 * ```ts
 * import { ApiFailure } from "@agentphone-effect/sandbox"
 *
 * ApiFailure.invalid(["body", "to_number"], "not a valid phone number")
 * ```
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
 * Turn a Schema `ParseError` into FastAPI issues under `prefix` (e.g. `["body"]`), so a body the
 * schema rejects gets the 422 the service would send.
 *
 * @example
 * ```ts
 * import { ApiFailure } from "@agentphone-effect/sandbox"
 * import { Effect, Schema } from "effect"
 *
 * const Body = Schema.Struct({ name: Schema.String })
 * const decoded = Schema.decodeUnknown(Body)({}).pipe(
 *   Effect.mapError((error) => ApiFailure.fromParseError(error, ["body"]))
 * )
 * // fails with 422 { detail: [{ loc: ["body", "name"], msg: "Field required", type: "missing" }] }
 * ```
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

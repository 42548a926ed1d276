/**
 * Request and response helpers shared by the sandbox's routes: JSON bodies validated with a
 * Schema (422 in FastAPI's shape), query parameters, and responses encoded with the client's own
 * response Schemas so the sandbox and the client cannot drift apart.
 *
 * @since 0.1.0
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as ApiFailure from "../ApiFailure.js"

const parseJson = Schema.decodeUnknownEither(Schema.parseJson())

/**
 * Read and validate the JSON body. An empty body is read as `{}` (body-less calls with all
 * fields optional), malformed JSON and schema violations are 422s under `["body", ...]`.
 *
 * @example
 * ```ts
 * import { Http } from "@agentphone-effect/sandbox"
 * import { Schema } from "effect"
 *
 * const readName = Http.body(Schema.Struct({ name: Schema.String }))
 * ```
 *
 * @since 0.1.0
 */
export const body = <A, I>(
  schema: Schema.Schema<A, I>
): Effect.Effect<A, ApiFailure.ApiFailure, HttpServerRequest.HttpServerRequest> =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const text = yield* Effect.orElseSucceed(request.text, () => "")
    let value: unknown = {}
    if (text.trim().length > 0) {
      const parsed = parseJson(text)
      if (Either.isLeft(parsed)) {
        return yield* ApiFailure.invalid(["body", 0], "JSON decode error", "json_invalid")
      }
      value = parsed.right
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return yield* ApiFailure.invalid(["body"], "Input should be a valid dictionary or object", "model_type")
    }
    const decoded = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "ignore" })(value)
    if (Either.isLeft(decoded)) return yield* ApiFailure.fromParseError(decoded.left, ["body"])
    return decoded.right
  })

/**
 * The fields of a request Struct, minus the ones that are not in the JSON body (path parameters
 * and the `X-Sub-Account-Id` header property).
 *
 * @since 0.1.0
 */
export const bodySchema = <F extends Schema.Struct.Fields, K extends keyof F & string = never>(
  struct: Schema.Struct<F>,
  ...omit: ReadonlyArray<K>
): Schema.Struct<Omit<F, K | "X-Sub-Account-Id">> => {
  const fields: Record<string, Schema.Struct.Field> = { ...struct.fields }
  for (const key of [...omit, "X-Sub-Account-Id"]) delete fields[key]
  return Schema.Struct(fields as Omit<F, K | "X-Sub-Account-Id">)
}

/**
 * A path parameter (decoded; `+` arrives as `%2B`).
 *
 * @since 0.1.0
 */
export const param = (name: string): Effect.Effect<string, never, HttpRouter.RouteContext> =>
  Effect.map(HttpRouter.params, (params) => {
    const raw = params[name] ?? ""
    try {
      return decodeURIComponent(raw)
    } catch {
      return raw
    }
  })

/**
 * The query parameters of the request.
 *
 * @since 0.1.0
 */
export const query: Effect.Effect<
  Readonly<Record<string, string | undefined>>,
  never,
  HttpServerRequest.HttpServerRequest
> = Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
  const url = new URL(request.url, "http://sandbox.local")
  const out: Record<string, string> = {}
  for (const [k, v] of url.searchParams) out[k] = v
  return out
})

/**
 * An optional string query parameter; an empty value (`tz=`, the official SDK's `null`) is absent.
 *
 * @since 0.1.0
 */
export const queryString = (
  name: string
): Effect.Effect<string | undefined, never, HttpServerRequest.HttpServerRequest> =>
  Effect.map(query, (q) => {
    const v = q[name]
    return v === undefined || v === "" ? undefined : v
  })

/**
 * An integer query parameter with a default and bounds (422 otherwise, as FastAPI answers).
 *
 * @since 0.1.0
 */
export const queryInt = (
  name: string,
  options: { readonly default: number; readonly min?: number | undefined; readonly max?: number | undefined }
): Effect.Effect<number, ApiFailure.ApiFailure, HttpServerRequest.HttpServerRequest> =>
  Effect.flatMap(queryString(name), (raw) => {
    if (raw === undefined) return Effect.succeed(options.default)
    if (!/^-?\d+$/.test(raw.trim())) {
      return Effect.fail(
        ApiFailure.invalid(
          ["query", name],
          "Input should be a valid integer, unable to parse string as an integer",
          "int_parsing"
        )
      )
    }
    const n = Number(raw)
    if (options.min !== undefined && n < options.min) {
      return Effect.fail(
        ApiFailure.invalid(
          ["query", name],
          `Input should be greater than or equal to ${options.min}`,
          "greater_than_equal"
        )
      )
    }
    if (options.max !== undefined && n > options.max) {
      return Effect.fail(
        ApiFailure.invalid(["query", name], `Input should be less than or equal to ${options.max}`, "less_than_equal")
      )
    }
    return Effect.succeed(n)
  })

/**
 * A JSON response, validated and encoded with `schema` (a response Schema of the client). Keys
 * the schema does not model are kept (as the client keeps them).
 *
 * @since 0.1.0
 */
export const json = <A, I>(
  schema: Schema.Schema<A, I>,
  value: unknown,
  status = 200
): Effect.Effect<HttpServerResponse.HttpServerResponse> =>
  Schema.decodeUnknown(schema, { onExcessProperty: "preserve" })(value).pipe(
    Effect.flatMap(Schema.encode(schema, { onExcessProperty: "preserve" })),
    Effect.map((encoded) => HttpServerResponse.unsafeJson(encoded, { status })),
    Effect.orDie
  )

/**
 * A JSON response with no response Schema (acknowledgements the API does not publish).
 *
 * @since 0.1.0
 */
export const plain = (value: unknown, status = 200): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(value, { status })

/**
 * An offset page of `items` in the API's `{data, hasMore, total}` envelope.
 *
 * @since 0.1.0
 */
export const page = <A>(items: ReadonlyArray<A>, offset: number, limit: number) => {
  const data = items.slice(offset, offset + limit)
  return { data, hasMore: offset + data.length < items.length, total: items.length }
}

/**
 * Newest first (insertion order reversed).
 *
 * @since 0.1.0
 */
export const newestFirst = <A>(map: ReadonlyMap<string, A>): Array<A> => Array.from(map.values()).reverse()

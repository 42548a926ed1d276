/**
 * Building blocks for the wire models: forward-compatible enums and the optional / nullable
 * field shapes that `models.md` distinguishes.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { ParseOptions } from "effect/SchemaAST"
import * as FastDecode from "./internal/fastDecode.js"

/**
 * An enum in a *response*: the documented values keep their literal types, and a value the
 * server adds later still decodes (as a plain string) instead of failing.
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const VoiceMode = Model.openEnum("webhook", "hosted")
 * Schema.decodeUnknownSync(VoiceMode)("sip") // "sip"
 * ```
 *
 * @since 0.1.0
 */
export const openEnum = <const Ls extends readonly [string, ...Array<string>]>(
  ...literals: Ls
): Schema.Union<[Schema.Literal<[...Ls]>, Schema.brand<typeof Schema.String, "UnknownEnumValue">]> =>
  Schema.Union(Schema.Literal(...literals), Schema.String.pipe(Schema.brand("UnknownEnumValue")))

/**
 * A key that may be absent (`?` in `models.md`), never `null`.
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const Page = Schema.Struct({ total: Schema.Number, cursor: Model.optional(Schema.String) })
 * Schema.decodeUnknownSync(Page)({ total: 0 }) // { total: 0 }: no `cursor` key
 * // Schema.decodeUnknownSync(Page)({ total: 0, cursor: null }) throws: null is not a string
 * ```
 *
 * @since 0.1.0
 */
export const optional = <S extends Schema.Schema.All>(schema: S): Schema.optionalWith<S, { exact: true }> =>
  Schema.optionalWith(schema, { exact: true })

/**
 * A key that may be absent or `null` (both "Optional" and "Nullable" in `models.md`).
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const Contact = Schema.Struct({ name: Schema.String, email: Model.optionalNullable(Schema.String) })
 * Schema.decodeUnknownSync(Contact)({ name: "Ada", email: null }) // { name: "Ada", email: null }
 * Schema.decodeUnknownSync(Contact)({ name: "Ada" }) // { name: "Ada" }
 * ```
 *
 * @since 0.1.0
 */
export const optionalNullable = <S extends Schema.Schema.All>(
  schema: S
): Schema.optionalWith<Schema.NullOr<S>, { exact: true }> => Schema.optionalWith(Schema.NullOr(schema), { exact: true })

/**
 * A JSON object of unknown shape (`Record<string, unknown>` in the official types).
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * // Conversation metadata is whatever the app stored.
 * const Conversation = Schema.Struct({ id: Schema.String, metadata: Schema.NullOr(Model.JsonObject) })
 * ```
 *
 * @since 0.1.0
 */
export const JsonObject: Schema.Record$<typeof Schema.String, typeof Schema.Unknown> = Schema.Record({
  key: Schema.String,
  value: Schema.Unknown
})

/**
 * An integer, as the wire's `int` fields are.
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * Schema.decodeUnknownSync(Model.Int)(3) // 3
 * Schema.decodeUnknownEither(Model.Int)(3.5) // Left: not an integer
 * ```
 *
 * @since 0.1.0
 */
export const Int: typeof Schema.Int = Schema.Int

/**
 * The optional `X-Sub-Account-Id` property that 15 official request types carry; the client
 * sends it as a header. Every other endpoint takes the same via `AgentPhone.withSubAccount` or
 * the `subAccountId` request option.
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * // A request type that, like the official one, may name the sub-account it acts for.
 * const ListNumbersRequest = Schema.Struct({ ...Model.subAccountHeader, limit: Model.optional(Model.Int) })
 * const request: typeof ListNumbersRequest.Type = { "X-Sub-Account-Id": "sa_123", limit: 10 }
 * ```
 *
 * @since 0.1.0
 */
export const subAccountHeader = {
  "X-Sub-Account-Id": Schema.optionalWith(
    // what an HTTP header can carry (a value a transport would refuse fails here, before any I/O)
    Schema.String.pipe(
      Schema.filter((s) => /^[^\0\r\n\u0100-\uffff]*$/.test(s), {
        message: () => "must be a valid HTTP header value (no line break, NUL or character above U+00FF)"
      })
    ),
    { exact: true }
  )
}

// A key that JSON text spells `__proto__` or `constructor`, escapes included (as `secure-json-parse`
// tells them): only then is the parsed value scanned.
const suspectKey =
  /"(?:(?:_|\\u005[Ff]){2}(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff]){2}|(?:c|\\u0063)(?:o|\\u006[Ff])(?:n|\\u006[Ee])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[Ff])(?:r|\\u0072))"\s*:/

/** Remove own `__proto__` keys, and `constructor` keys whose value has a `prototype`, at any depth (no recursion). */
const removePrototypeKeys = (value: object): void => {
  const pending: Array<object> = [value]
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (Object.hasOwn(node, "__proto__")) Reflect.deleteProperty(node, "__proto__")
    const ctor: unknown = Object.hasOwn(node, "constructor") ? Reflect.get(node, "constructor") : undefined
    if (typeof ctor === "object" && ctor !== null && Object.hasOwn(ctor, "prototype")) {
      Reflect.deleteProperty(node, "constructor")
    }
    for (const child of Object.values(node)) {
      if (typeof child === "object" && child !== null) pending.push(child)
    }
  }
}

// Effect's own JSON text → value (a parse failure is its `ParseIssue`, nothing thrown).
const parseJsonValue = ParseResult.decodeUnknownEither(Schema.parseJson())

/**
 * JSON text ↔ a value, like `Schema.parseJson()`, except that `__proto__` keys, and `constructor`
 * keys whose value has a `prototype` key, are removed while parsing (what `secure-json-parse` does
 * with both actions `"remove"`), so a hostile body cannot give a decoded object an attacker-chosen
 * prototype. Deeply nested or malformed text is a `ParseError`, never a thrown exception.
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * import { Either } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Model.JsonText)
 * decode(`{"a":1}`) // Right({ a: 1 })
 * Either.isLeft(decode("{not json")) // true: a ParseError, nothing thrown
 * ```
 *
 * @since 0.1.0
 */
export const JsonText: Schema.Schema<unknown, string> = Schema.transformOrFail(Schema.String, Schema.Unknown, {
  strict: true,
  decode: (text) => {
    const json = text.charCodeAt(0) === 0xFEFF ? text.slice(1) : text
    return Either.map(parseJsonValue(json), (value) => {
      if (typeof value === "object" && value !== null && suspectKey.test(json)) removePrototypeKeys(value)
      return value
    })
  },
  encode: (value, _, ast) =>
    ParseResult.try({
      try: () => JSON.stringify(value),
      catch: (e) => new ParseResult.Type(ast, value, e instanceof Error ? e.message : "not serialisable")
    })
})

/**
 * Decode JSON text with `schema`, safely (see `JsonText`).
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(Model.parseJson(Schema.Struct({ id: Schema.String })))
 * decode('{"id":"a","__proto__":{"admin":true}}') // Right({ id: "a" }), prototype untouched
 * ```
 *
 * @since 0.1.0
 */
export const parseJson = <A, I, R>(schema: Schema.Schema<A, I, R>): Schema.Schema<A, string, R> =>
  Schema.compose(JsonText, schema, { strict: false })

/**
 * The acknowledgement of a delete or test call whose shape is not published (a small JSON object
 * such as `{"success": true}`): every key optional, unknown keys kept.
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * Schema.decodeUnknownSync(Model.Acknowledgement)({ success: true }) // { success: true }
 * ```
 *
 * @since 0.1.0
 */
export const Acknowledgement = Schema.Struct({
  success: optional(Schema.Boolean),
  message: optional(Schema.String)
})

/**
 * A decoded acknowledgement.
 *
 * @example
 * ```ts
 * import { AgentPhone, type Model } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const deleted = (ack: Model.Acknowledgement) => ack.success !== false
 * const removeWebhook = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.webhooks.deleteWebhook()).pipe(Effect.map(deleted))
 * ```
 *
 * @since 0.1.0
 */
export type Acknowledgement = typeof Acknowledgement.Type

/**
 * String values of a JSON object whose values may be `null` (`variables`, tool `headers`).
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * Schema.decodeUnknownSync(Model.NullableStringRecord)({ "X-Trace": "abc", Authorization: null })
 * ```
 *
 * @since 0.1.0
 */
export const NullableStringRecord = Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) })

/**
 * `TreeFormatter.formatErrorSync`, made safe for hostile input: describing an absurdly nested
 * value cannot overflow the stack (a fixed message instead), and the text is capped at `max`
 * characters.
 *
 * @example
 * ```ts
 * import { Model } from "@agentphone-effect/core"
 * import { Either, Schema } from "effect"
 *
 * const result = Schema.decodeUnknownEither(Schema.String)(42)
 * if (Either.isLeft(result)) Model.describeParseError(result.left) // "Expected string, actual 42"
 * ```
 *
 * @since 0.1.0
 */
export const describeParseError = (error: ParseResult.ParseError, max = 2000): string => {
  let text: string
  try {
    text = ParseResult.TreeFormatter.formatErrorSync(error)
  } catch {
    return "the value does not match, and is too deeply nested to describe"
  }
  return text.length > max ? text.slice(0, max) + "…" : text
}

/**
 * A decoder for JSON data (what `JsonText` or `JSON.parse` gives): the same value, classes and
 * error as `Schema.decodeUnknownEither(schema, options)`, but compiled once into plain closures
 * when the schema allows it (about 3x faster on a 4.5 KB list); the Schema decoder still runs for
 * every error and for schemas the compiler does not handle. Inputs must be plain JSON data.
 *
 * @example
 * ```ts
 * import { Contacts, Model } from "@agentphone-effect/core"
 *
 * const decodeContact = Model.decodeJsonEither(Contacts.ContactResponse)
 * const missing = decodeContact({ id: "ct_1" }) // Left(ParseError): the other fields are missing
 * ```
 *
 * @since 0.1.0
 */
export const decodeJsonEither = <A, I>(
  schema: Schema.Schema<A, I>,
  options?: ParseOptions
): (json: unknown) => Either.Either<A, ParseResult.ParseError> => {
  const decode = Schema.decodeUnknownEither(schema, options)
  const fast = FastDecode.compile(schema.ast, options, FastDecode.all)
  if (fast === undefined) return decode
  return (json) => {
    const value = fast(json)
    // The compiled decoder gives exactly the Schema decoder's value (tested on every response model).
    return value === FastDecode.Fail ? decode(json) : Either.right(value as A)
  }
}

/**
 * The compiled decoder (`internal/fastDecode`) must agree with the Schema decoder exactly, for every
 * response schema of the endpoint table (as `Endpoint.makeDecode` compiles it: `NullOr` for the
 * `jsonOrNull` rows, `onExcessProperty: "preserve"`): both accept with the same value (same
 * prototypes, so the same class instances, same own keys in the same order, same `Redacted`
 * contents), or both reject. Inputs: Schema arbitraries of the encoded side, after a JSON round
 * trip, and mutations of them (values replaced, keys removed, extra keys added — `__proto__` and
 * other `Object.prototype` names included, as own keys, as `JSON.parse` makes them — deep nesting).
 */
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck, ParseResult, Redacted, Schema } from "effect"
import type { ParseOptions } from "effect/SchemaAST"
import * as AgentPhone from "../src/AgentPhone.js"
import * as Calls from "../src/Calls.js"
import * as Contacts from "../src/Contacts.js"
import * as Endpoint from "../src/Endpoint.js"
import * as FastDecode from "../src/internal/fastDecode.js"
import * as Webhooks from "../src/Webhooks.js"
import responses from "./fixtures/responses.json" with { type: "json" }
import { DELETE, mutate, type Mutation } from "./utils/Mutate.js"

const preserve: ParseOptions = { onExcessProperty: "preserve" }

// Every distinct schema a JSON row decodes, named by the rows that use it.
const tableSchemas = (() => {
  const out = new Map<Schema.Schema<any, any>, Array<string>>()
  const nullOr = new Map<Schema.Schema<any, any>, Schema.Schema<any, any>>()
  for (const [group, table] of Object.entries(AgentPhone.groups)) {
    for (const [method, row] of Object.entries(table as Record<string, Endpoint.Endpoint<unknown, unknown>>)) {
      const spec = row.response
      if (spec._tag !== "Json" && spec._tag !== "JsonOrNull") continue
      let schema = spec.schema
      if (spec._tag === "JsonOrNull") {
        if (!nullOr.has(schema)) nullOr.set(schema, Schema.NullOr(schema))
        schema = nullOr.get(schema)!
      }
      const names = out.get(schema) ?? []
      names.push(`${group}.${method}`)
      out.set(schema, names)
    }
  }
  return out
})()

// Other shapes the compiler claims to handle (struct transformations, a tagged union), so its
// generality is tested beyond the response models, with and without excess keys kept.
const Tagged = Schema.Union(
  Schema.TaggedStruct("A", { a: Schema.Number }),
  Schema.TaggedStruct("B", { a: Schema.String, b: Schema.optional(Schema.Boolean) }),
  Schema.Struct({ kind: Schema.Literal("x", "y"), a: Schema.Unknown }),
  Schema.Struct({ a: Schema.Number })
)
const shapes: Record<string, Schema.Schema<any, any>> = {
  refinedFields: Schema.Struct({
    n: Schema.Number.pipe(Schema.int(), Schema.positive()),
    s: Schema.optional(Schema.NonEmptyString)
  }),
  defaultsAndTag: Schema.Struct({
    xs: Schema.optionalWith(Schema.Array(Schema.Number), { default: () => [] }),
    k: Schema.optionalWith(Schema.String, { nullable: true }),
    o: Schema.optionalWith(Schema.NullOr(Schema.Struct({ id: Schema.String })), { exact: true })
  }).pipe(Schema.attachPropertySignature("_tag", "X")),
  filteredStruct: Schema.Struct({ a: Schema.Number, b: Schema.Number }).pipe(Schema.filter((x) => x.a < x.b)),
  record: Schema.Record({ key: Schema.String, value: Schema.Union(Schema.Number, Schema.Null) }),
  structWithRecord: Schema.Struct({ id: Schema.String }, { key: Schema.String, value: Schema.Unknown }),
  renamedKey: Schema.Struct({
    a: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("b")),
    c: Schema.Boolean
  }),
  taggedUnion: Tagged,
  arrayOfTagged: Schema.Array(Tagged),
  transformToClass: Calls.CallTranscriptResponse,
  redacted: Schema.Struct({ secret: Schema.Redacted(Schema.String), n: Schema.NullOr(Schema.Finite) })
}

const deep = (depth: number, leaf: unknown): unknown => {
  let u = leaf
  for (let i = 0; i < depth; i++) u = i % 2 === 0 ? [u] : { data: u }
  return u
}

const replacement = FastCheck.oneof(
  FastCheck.constant(DELETE),
  FastCheck.constant(null),
  FastCheck.constant(undefined),
  FastCheck.jsonValue({ maxDepth: 2 }),
  FastCheck.constantFrom(0, -0, 1.5, -1, 1e300, Infinity, NaN, "", "x", true, false, [], {}),
  FastCheck.constantFrom("active", "inbound", "sms", "voice", "webhook", "hosted", "completed", "A", "B", "x"),
  FastCheck.nat({ max: 200 }).map((depth) => deep(depth, null))
)

const extraKey = FastCheck.oneof(
  FastCheck.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "0",
    "10",
    "extra",
    "id",
    "data",
    "_tag"
  ),
  FastCheck.string({ maxLength: 6 })
)

const mutation: FastCheck.Arbitrary<Mutation> = FastCheck.oneof(
  FastCheck.record({ _tag: FastCheck.constant("Replace" as const), at: FastCheck.nat(), value: replacement }),
  FastCheck.record({
    _tag: FastCheck.constant("AddKey" as const),
    at: FastCheck.nat(),
    key: extraKey,
    value: FastCheck.oneof(FastCheck.jsonValue({ maxDepth: 2 }), FastCheck.constant(null), FastCheck.constant({}))
  })
)

/** What a decoder gets: the value after a JSON round trip (so `__proto__` keys stay own keys). */
const viaJson = (u: unknown): unknown => {
  const text = JSON.stringify(u)
  return text === undefined ? undefined : JSON.parse(text)
}

/** Same value: same primitives, prototypes, own keys in order, `Redacted` contents; recursively. */
const assertSame = (actual: unknown, expected: unknown, path: string): void => {
  if (actual === expected) return
  if (Redacted.isRedacted(expected)) {
    assert.isTrue(Redacted.isRedacted(actual), `${path}: not Redacted`)
    assert.strictEqual(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), `${path}: prototype`)
    assertSame(Redacted.value(actual as Redacted.Redacted), Redacted.value(expected), `${path}<redacted>`)
    return
  }
  if (typeof expected !== "object" || expected === null) {
    assert.isTrue(Object.is(actual, expected), `${path}: ${String(actual)} !== ${String(expected)}`)
    return
  }
  assert.isTrue(typeof actual === "object" && actual !== null, `${path}: not an object`)
  const prototype = Object.getPrototypeOf(expected)
  // The same prototype (a class's, `Object.prototype`), or, when an own `__proto__` key was
  // assigned (as Effect assigns it), the same value.
  if (Object.getPrototypeOf(actual) !== prototype) {
    assertSame(Object.getPrototypeOf(actual), prototype, `${path}<prototype>`)
  }
  const keys = Reflect.ownKeys(expected)
  assert.deepStrictEqual(Reflect.ownKeys(actual as object), keys, `${path}: own keys`)
  for (const key of keys) {
    assertSame(
      (actual as Record<PropertyKey, unknown>)[key],
      (expected as Record<PropertyKey, unknown>)[key],
      `${path}.${String(key)}`
    )
  }
}

// Table schemas are compiled as `Endpoint` compiles them (the core forms only); other shapes with
// every feature (as `Model.decodeJsonEither` compiles them).
const agreement = (schema: Schema.Schema<any, any>, options: ParseOptions, features?: FastDecode.Features) => {
  const fast = FastDecode.compile(schema.ast, options, features)
  const slow = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>, options)
  const same = (u: unknown) => {
    let expected: Either.Either<unknown, ParseResult.ParseIssue>
    try {
      expected = slow(u)
    } catch (e) {
      // Effect's union throws on a discriminator value that cannot become a string
      // (`{"_tag": {"toString": {}}}`): the compiled decoder must not accept it either.
      let actual: unknown = FastDecode.Fail
      try {
        actual = fast!(u)
      } catch {
        // the same throw
      }
      assert.strictEqual(actual, FastDecode.Fail, `Schema throws (${String(e)}), the fast decoder accepts`)
      return
    }
    const actual = fast!(u)
    assert.strictEqual(
      actual === FastDecode.Fail,
      Either.isLeft(expected),
      Either.isLeft(expected) ? "the fast decoder accepts what Schema rejects" : "the fast decoder rejects"
    )
    if (Either.isRight(expected)) assertSame(actual, expected.right, "value")
  }
  return { fast, same }
}

const examples = Object.values(responses.endpoints as Record<string, { readonly body?: unknown }>)
  .map((e) => e.body)
  .filter((b) => b !== undefined)

const suite = (
  name: string,
  schema: Schema.Schema<any, any>,
  options: ParseOptions,
  runs: number,
  features?: FastDecode.Features
) => {
  const { fast, same } = agreement(schema, options, features)
  const encoded = Arbitrary.make(Schema.encodedSchema(schema as Schema.Schema<unknown, unknown>))

  it(`${name} compiles`, () => {
    assert.isDefined(fast)
  })
  if (fast === undefined) return

  it.prop(`${name}: generated inputs`, [encoded], ([u]) => {
    same(u)
    same(viaJson(u))
  }, { timeout: 60_000, fastCheck: { numRuns: runs } })

  it.prop(
    `${name}: mutated inputs (values replaced, keys removed or added, deep nesting)`,
    [encoded, FastCheck.array(mutation, { minLength: 1, maxLength: 3 })],
    ([u, mutations]) => {
      const mutated = mutate(u, mutations)
      same(mutated)
      same(viaJson(mutated))
    },
    { timeout: 60_000, fastCheck: { numRuns: runs * 2 } }
  )

  it(`${name}: every shared response example`, () => {
    for (const body of examples) same(viaJson(body))
  })
}

describe("internal FastDecode agrees with the Schema decoder", () => {
  describe("every response schema of the endpoint table (onExcessProperty: preserve)", () => {
    it("covers every JSON row: 62 of the 67 methods (the rest are empty, binary or streamed), 45 schemas (NullOr for the jsonOrNull rows)", () => {
      assert.strictEqual([...tableSchemas.values()].flat().length, 62)
      assert.strictEqual(tableSchemas.size, 45)
    })
    for (const [schema, rows] of tableSchemas) suite(rows.join(", "), schema, preserve, 60)
  })

  describe("other shapes, excess keys kept", () => {
    for (const [name, schema] of Object.entries(shapes)) suite(name, schema, preserve, 100, FastDecode.all)
  })

  describe("other shapes, excess keys dropped (the default)", () => {
    for (const [name, schema] of Object.entries(shapes)) suite(name, schema, {}, 100, FastDecode.all)
  })

  it("keeps a class's excess keys, after its fields' own order, as Effect does", () => {
    const { fast } = agreement(Contacts.ContactCapabilitiesResponse, preserve)
    const input = JSON.parse(
      "{\"zeta\":1,\"phoneNumber\":\"+1\",\"capabilities\":{\"sms\":true,\"imessage\":false,\"x\":[1]}," +
        "\"__proto__\":{\"admin\":true},\"checkedAt\":\"t\"}"
    )
    const out = fast!(input) as Contacts.ContactCapabilitiesResponse
    assert.instanceOf(out, Contacts.ContactCapabilitiesResponse)
    assert.instanceOf(out.capabilities, Contacts.ContactCapabilityFlags)
    assert.deepStrictEqual(Object.keys(out), ["zeta", "phoneNumber", "capabilities", "checkedAt"])
    assert.deepStrictEqual(Object.keys(out.capabilities), ["x", "imessage", "sms"])
    assert.isUndefined((out as unknown as Record<string, unknown>).admin)
  })

  it("a class that does more than copy its fields is built by its own constructor", () => {
    let built = 0
    class Counted extends Schema.Class<Counted>("Counted")({ id: Schema.String }) {
      constructor(props: { readonly id: string }, options?: boolean) {
        super(props, options)
        built++
      }
    }
    class Stamped extends Schema.Class<Stamped>("Stamped")({ id: Schema.String }) {
      readonly stamp = "set by an initializer"
    }
    class Defaulted extends Schema.Class<Defaulted>("Defaulted")({
      id: Schema.String,
      kind: Schema.String.pipe(Schema.propertySignature, Schema.withConstructorDefault(() => "plain"))
    }) {}
    for (const schema of [Counted, Stamped, Defaulted, Contacts.ContactResponse] as const) {
      const { same } = agreement(schema, preserve)
      same({ id: "x", kind: "given" })
      same({ id: "x" })
    }
    const decode = FastDecode.compile(Counted.ast, preserve)!
    const before = built
    assert.instanceOf(decode({ id: "x" }), Counted)
    assert.strictEqual(built, before + 1) // the constructor ran for the decoded value
    assert.strictEqual(
      (FastDecode.compile(Stamped.ast, preserve)!({ id: "x" }) as Stamped).stamp,
      "set by an initializer"
    )
  })

  it("a webhook's secret is Redacted", () => {
    const { fast } = agreement(Webhooks.WebhookResponse, preserve)
    const body = viaJson(
      (responses.endpoints as Record<string, { readonly body?: unknown }>)["webhooks.getWebhook"].body
    )
    const out = fast!(body) as Webhooks.WebhookResponse
    assert.instanceOf(out, Webhooks.WebhookResponse)
    assert.isTrue(Redacted.isRedacted(out.secret))
  })

  it("rejects what Schema rejects: a non-finite total, a missing field, a wrong type", () => {
    const { fast } = agreement(Contacts.ContactListResponse, preserve)
    assert.strictEqual(fast!({ data: [], hasMore: false, total: Infinity }), FastDecode.Fail)
    assert.strictEqual(fast!({ data: [], hasMore: false }), FastDecode.Fail)
    assert.strictEqual(fast!({ data: [{}], hasMore: false, total: 1 }), FastDecode.Fail)
    assert.strictEqual(fast!([]), FastDecode.Fail)
    assert.notStrictEqual(fast!({ data: [], hasMore: false, total: 0 }), FastDecode.Fail)
  })

  it("leaves tagged unions and struct transformations to the Schema decoder unless given every feature", () => {
    for (const name of ["taggedUnion", "arrayOfTagged", "defaultsAndTag", "renamedKey"] as const) {
      for (const options of [preserve, {}]) {
        assert.isUndefined(FastDecode.compile(shapes[name].ast, options), name)
        assert.isDefined(FastDecode.compile(shapes[name].ast, options, FastDecode.all), name)
      }
    }
    // the core forms still take unions without literal-keyed members, and classes
    assert.isDefined(FastDecode.compile(shapes.transformToClass.ast, preserve))
    assert.isDefined(FastDecode.compile(shapes.record.ast, preserve))
  })

  it("a row whose response is a tagged union decodes it by the Schema decoder (the same value, typed issues)", () => {
    const row = Endpoint.make("GET", "/v1/tagged", { name: "test.tagged", response: Endpoint.json(Tagged) })
    const decoded = row.decode("{\"_tag\":\"B\",\"a\":\"x\",\"extra\":1}")
    assert.isTrue(Either.isRight(decoded))
    if (Either.isRight(decoded)) {
      assertSame(decoded.right, Schema.decodeUnknownSync(Tagged)({ _tag: "B", a: "x", extra: 1 }, preserve), "value")
    }
    const rejected = row.decode("{\"_tag\":\"A\",\"a\":\"not a number\"}")
    assert.isTrue(Either.isLeft(rejected))
    if (Either.isLeft(rejected)) assert.isAbove(rejected.left.length, 0)
  })

  it("refuses options it does not reproduce", () => {
    assert.isUndefined(FastDecode.compile(Contacts.ContactResponse.ast, { onExcessProperty: "error" }))
    assert.isUndefined(FastDecode.compile(Contacts.ContactResponse.ast, { exact: true }))
    assert.isUndefined(FastDecode.compile(Contacts.ContactResponse.ast, { propertyOrder: "original" }))
  })
})

import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Redacted } from "effect"
import * as AgentPhone from "../src/AgentPhone.js"
import * as Contacts from "../src/Contacts.js"
import * as Usage from "../src/Usage.js"
import * as TestServer from "./utils/TestServer.js"

const setup = Effect.gen(function*() {
  const server = yield* TestServer.make(() => ({ status: 200, body: { success: true } }))
  const ap = yield* AgentPhone.make({ apiKey: Redacted.make("k"), baseUrl: server.url }).pipe(
    Effect.provide(FetchHttpClient.layer)
  )
  return { server, ap }
})

const registration = {
  registration_type: "standard_brand" as const,
  first_name: "Marcus",
  last_name: "Oyelaran",
  email: "marcus@example.com",
  phone_number: "+13125550190",
  street_address: "2200 N Clark St",
  city: "Chicago",
  state: "IL",
  zip_code: "60614",
  description: "BrightPath Dental Group runs four family dental clinics and texts reminders.",
  use_cases: ["customer_care" as const],
  message_samples: ["BrightPath Dental: see you tomorrow at 9:30am.", "BrightPath Dental: reply STOP to opt out."],
  consent_flow: "Patients opt in by ticking an SMS consent box on the booking form.",
  opt_in_image_url: "https://example.com/optin.png"
}

describe("requests that break their type fail before any I/O, naming the field", () => {
  const cases: Array<[string, (ap: AgentPhone.Service) => Effect.Effect<unknown, any>, string]> = [
    ["days above 365", (ap) => ap.usage.getDailyUsage({ days: 1000 }), "days"],
    [
      "an X-Sub-Account-Id no header can carry",
      (ap) => ap.calls.listCalls({ "X-Sub-Account-Id": "sub_1\r\nx-evil: 1" }),
      "X-Sub-Account-Id"
    ],
    ["an X-Sub-Account-Id beyond Latin-1", (ap) => ap.contacts.listContacts({ "X-Sub-Account-Id": "子" }), "U+00FF"],
    ["a missing toNumber", (ap) => ap.calls.createOutboundCall({ agentId: "a" } as any), "toNumber"],
    [
      "a contextLimit above 50",
      (ap) => ap.webhooks.createOrUpdateWebhook({ body: { url: "https://x.example", contextLimit: 51 } }),
      "body.contextLimit"
    ],
    ["a period that is not week/month/year", (ap) => ap.usage.getUsageByAgent({ period: "day" as any }), "period"],
    [
      "a send_style that does not exist",
      (ap) => ap.messages.sendMessage({ body: "hi", send_style: "sparkles" as any }),
      "send_style"
    ],
    ["standard_brand without its business fields", (ap) => ap.registration.registerA2P(registration), "business_name"],
    [
      "a single message sample",
      (ap) =>
        ap.registration.registerA2P({
          ...registration,
          registration_type: "sole_proprietor",
          message_samples: ["one"]
        }),
      "message_samples"
    ],
    [
      "a custom tool name with a space",
      (ap) =>
        ap.agents.createAgent({ name: "A", customTools: [{ name: "look up", description: "d", url: "https://x" }] }),
      "customTools.0.name"
    ]
  ]
  for (const [label, call, field] of cases) {
    it.scoped(label, () =>
      Effect.gen(function*() {
        const { ap, server } = yield* setup
        const error = yield* Effect.flip(call(ap))
        assert.strictEqual(error._tag, "InvalidRequestError")
        assert.include(error.message, field)
        assert.strictEqual(server.requests.length, 0)
      }))
  }

  it.scoped("limits the docs give but the SDK does not are left to the server", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* setup
      yield* ap.webhooks.listDeliveries({ hours: 500, limit: 1000 }).pipe(Effect.ignore)
      yield* ap.usage.getMonthlyUsage({ months: 99 }).pipe(Effect.ignore)
      assert.strictEqual(server.requests.length, 2)
      assert.strictEqual(server.requests[0].rawQuery, "limit=1000&hours=500")
    }))
})

describe("sub-accounts on every endpoint", () => {
  it.scoped("withSubAccount sets X-Sub-Account-Id on endpoints whose request has no such property", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* setup
      yield* Effect.all([
        ap.location.refreshLocations().pipe(Effect.ignore),
        ap.messages.sendReaction({ message_id: "m", reaction: "love" }).pipe(Effect.ignore),
        ap.subAccounts.createSubAccount({ name: "x" }).pipe(Effect.ignore)
      ]).pipe(AgentPhone.withSubAccount("sub_42"))
      assert.deepStrictEqual(server.requests.map((r) => r.headers["x-sub-account-id"]), ["sub_42", "sub_42", "sub_42"])
    }))

  it.scoped("a request's own X-Sub-Account-Id wins over the ambient one", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* setup
      yield* ap.numbers.deleteNumber({ number_id: "n", "X-Sub-Account-Id": "sub_own" }).pipe(
        AgentPhone.withSubAccount("sub_ambient"),
        Effect.ignore
      )
      assert.strictEqual(server.requests[0].headers["x-sub-account-id"], "sub_own")
    }))
})

describe("requests as the official SDK sends them (api/endpoints.md)", () => {
  it.scoped("an optional key set to undefined is left out, at any depth, and is no error", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* setup
      // What a JavaScript caller, or TypeScript without `exactOptionalPropertyTypes`, may pass: the
      // casts are the point. (The reply is not a page of calls: what counts is that it was sent.)
      yield* Effect.ignore(ap.calls.listCalls({ status: undefined, offset: undefined } as any))
      yield* Effect.ignore(ap.agents.createAgent({
        name: "Support Bot",
        description: undefined,
        customTools: [{ name: "lookup", description: "d", url: "https://x.example", timeout: undefined }]
      } as any))
      assert.strictEqual(server.requests.length, 2)
      assert.strictEqual(server.requests[0].rawQuery, null)
      assert.strictEqual(
        server.requests[1].rawBody,
        JSON.stringify({
          name: "Support Bot",
          customTools: [{ name: "lookup", description: "d", url: "https://x.example" }]
        })
      )
    }))

  it.scoped("a body keeps the caller's key order, extra keys included", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* setup
      // (an extra key the type does not name: allowed from a variable, as from JavaScript)
      const contact = { notes: "n", zz_extra: null, name: "Jordan", phoneNumber: "+14155550123" }
      yield* Effect.ignore(ap.contacts.createContact(contact))
      yield* Effect.ignore(ap.webhooks.createOrUpdateWebhook({ body: { contextLimit: 5, url: "https://x.example" } }))
      assert.strictEqual(
        server.requests[0].rawBody,
        "{\"notes\":\"n\",\"zz_extra\":null,\"name\":\"Jordan\",\"phoneNumber\":\"+14155550123\"}"
      )
      assert.strictEqual(server.requests[1].rawBody, "{\"contextLimit\":5,\"url\":\"https://x.example\"}")
    }))

  it.scoped("an own __proto__ key is sent as JSON.stringify sends it, in a record field and at the top", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* setup
      const variables = JSON.parse("{\"__proto__\":\"p\",\"a\":\"1\"}")
      const metadata = JSON.parse("{\"__proto__\":{\"polluted\":true}}")
      yield* Effect.ignore(ap.conversations.updateConversation({ conversation_id: "c", metadata }))
      yield* Effect.ignore(ap.calls.createOutboundCall({ agentId: "ag", toNumber: "+14155550123", variables }))
      const top = JSON.parse("{\"name\":\"x\",\"__proto__\":{\"y\":1}}")
      yield* Effect.ignore(ap.subAccounts.createSubAccount(top))
      assert.strictEqual(
        server.requests[1].rawBody,
        "{\"agentId\":\"ag\",\"toNumber\":\"+14155550123\",\"variables\":{\"__proto__\":\"p\",\"a\":\"1\"}}"
      )
      assert.strictEqual(server.requests[0].rawBody, "{\"metadata\":{\"__proto__\":{\"polluted\":true}}}")
      assert.strictEqual(server.requests[2].rawBody, "{\"name\":\"x\",\"__proto__\":{\"y\":1}}")
    }))

  it.scoped("query names and values are escaped with encodeURIComponent: a space is %20, never +", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* setup
      yield* Effect.ignore(
        ap.calls.listCalls({ search: "Jordan Lee +1 a&b=c/d#e" }, { queryParams: { "my key": "x y" } })
      )
      assert.strictEqual(
        server.requests[0].rawQuery,
        "search=Jordan%20Lee%20%2B1%20a%26b%3Dc%2Fd%23e&my%20key=x%20y"
      )
      assert.deepStrictEqual(server.requests[0].query, [["search", "Jordan Lee +1 a&b=c/d#e"], ["my key", "x y"]])
    }))

  const lone = "abc\ud800"
  const surrogates: Array<[string, (ap: AgentPhone.Service) => Effect.Effect<unknown, any>, string]> = [
    ["a path parameter", (ap) => ap.agents.getAgent({ agent_id: lone }), "agent_id"],
    ["a query value", (ap) => ap.calls.listCalls({ search: lone }), "search"],
    ["a queryParams value", (ap) => ap.calls.listCalls({}, { queryParams: { q: lone } }), "query.q"],
    ["a queryParams name", (ap) => ap.calls.listCalls({}, { queryParams: { [lone]: "x" } }), "query"]
  ]
  for (const [label, call, field] of surrogates) {
    it.scoped(`a lone surrogate in ${label} is an InvalidRequestError, and nothing is sent`, () =>
      Effect.gen(function*() {
        const { ap, server } = yield* setup
        const error = yield* Effect.flip(call(ap))
        assert.strictEqual(error._tag, "InvalidRequestError")
        assert.include(error.message, field)
        assert.include(error.message, "lone surrogate")
        assert.strictEqual(server.requests.length, 0)
      }))
  }
})

describe("a call without a request (or with an empty one) is encoded once per row", () => {
  it("the same parts each time; a request with keys, or a failing one, is encoded anew", () => {
    const first = Contacts.listContacts.encode({})
    assert.isTrue(Either.isRight(first))
    assert.strictEqual(Contacts.listContacts.encode({}), first)
    const limited = Contacts.listContacts.encode({ limit: 5 })
    assert.notStrictEqual(limited, first)
    assert.deepStrictEqual(Either.getOrThrow(limited).query, [["limit", "5"]])
    // a row without a request is called with none
    const balance = Usage.getUsage.encode(undefined)
    assert.isTrue(Either.isRight(balance))
    assert.strictEqual(Usage.getUsage.encode(undefined), balance)
    // an object with a prototype of its own is no empty request
    const odd = Contacts.listContacts.encode(Object.create({ limit: 5 }))
    assert.notStrictEqual(odd, first)
    // a row whose request has required keys fails on an empty one, every time (never cached)
    const missing = Contacts.getContact.encode({})
    assert.isTrue(Either.isLeft(missing))
    assert.notStrictEqual(Contacts.getContact.encode({}), missing)
  })
})

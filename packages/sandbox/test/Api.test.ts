import { AgentPhone, Endpoint } from "@agentphone-effect/core"
import { Sandbox } from "@agentphone-effect/sandbox"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { api } from "./utils/Api.js"

const withoutRetries = { retry: false as const }

layer(Sandbox.layerClient({ seed: 1 }, withoutRetries), { excludeTestServices: true })("sandbox API", (it) => {
  describe("auth", () => {
    it.effect("401 with the API's shape for a missing or wrong key", () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.Sandbox
        const missing = yield* Effect.promise(() => fetch(`${sandbox.baseUrl}/v1/agents`))
        assert.strictEqual(missing.status, 401)
        assert.deepStrictEqual(yield* Effect.promise(() => missing.json()), { detail: "Not authenticated" })
        const wrong = yield* Effect.flatMap(
          AgentPhone.make({
            apiKey: Redacted.make("sk_wrong"),
            baseUrl: sandbox.baseUrl,
            retry: false
          }),
          (client) => client.agents.listAgents()
        ).pipe(Effect.provide(NodeHttpClient.layerUndici), Effect.flip)
        assert.strictEqual(wrong._tag, "UnauthorizedError")
        assert.strictEqual(wrong._tag === "UnauthorizedError" && wrong.detail, "Invalid API key")
      }))

    it.effect("405 with Allow for a known path and another method; 404 for an unknown path", () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.Sandbox
        const headers = { authorization: `Bearer ${Redacted.value(sandbox.apiKey)}` }
        const put = yield* Effect.promise(() => fetch(`${sandbox.baseUrl}/v1/usage`, { method: "PUT", headers }))
        assert.strictEqual(put.status, 405)
        assert.strictEqual(put.headers.get("allow"), "GET")
        assert.deepStrictEqual(yield* Effect.promise(() => put.json()), { detail: "Method Not Allowed" })
        const patch = yield* Effect.promise(() =>
          fetch(`${sandbox.baseUrl}/v1/agents/agent_1`, { method: "POST", headers })
        )
        assert.strictEqual(patch.status, 405)
        assert.strictEqual(patch.headers.get("allow"), "DELETE, GET, PATCH")
        const missing = yield* Effect.promise(() => fetch(`${sandbox.baseUrl}/v1/nothing-here`, { headers }))
        assert.strictEqual(missing.status, 404)
        assert.deepStrictEqual(yield* Effect.promise(() => missing.json()), { detail: "Not Found" })
        // Through the SDK, a 405 is an ApiError with the status and the detail.
        const ap = yield* AgentPhone.AgentPhone
        const error = yield* Effect.flip(
          ap.call(Endpoint.make("PUT", "/v1/usage", { response: Endpoint.json(Schema.Unknown) }), undefined, {})
        )
        assert.strictEqual(error._tag, "ApiError")
        assert.strictEqual(error._tag === "ApiError" && error.status, 405)
      }))

    it.effect("the key is redacted and derived from the seed", () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.Sandbox
        assert.strictEqual(String(sandbox.apiKey), "<redacted>")
        assert.strictEqual(Redacted.value(sandbox.apiKey), Sandbox.keyForSeed(1))
        assert.match(sandbox.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
      }))
  })

  describe("agents (typed client)", () => {
    it.effect("create → get → list → update → delete, 404 and 422", () =>
      Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        const created = yield* ap.agents.createAgent({ name: "Support", voiceMode: "hosted", systemPrompt: "Be kind" })
        assert.strictEqual(created.name, "Support")
        assert.strictEqual(created.voiceMode, "hosted")
        assert.match(created.id, /^agent_[0-9a-f]{8}$/)
        const got = yield* ap.agents.getAgent({ agent_id: created.id })
        assert.deepStrictEqual(got, created)
        const list = yield* ap.agents.listAgents()
        assert.isTrue(list.data.some((a) => a.id === created.id))
        assert.strictEqual(list.total, list.data.length)
        const updated = yield* ap.agents.updateAgent({ agent_id: created.id, name: "Support 2", voiceSpeed: 1.5 })
        assert.strictEqual(updated.name, "Support 2")
        assert.strictEqual(updated.voiceSpeed, 1.5)
        assert.strictEqual(updated.systemPrompt, "Be kind")
        const deleted = yield* ap.agents.deleteAgent({ agent_id: created.id })
        assert.deepStrictEqual([deleted.success, deleted.id, deleted.name], [true, created.id, "Support 2"])
        const gone = yield* Effect.flip(ap.agents.getAgent({ agent_id: created.id }))
        assert.strictEqual(gone._tag, "NotFoundError")
        const invalid = yield* api("POST", "/v1/agents", { name: 5 })
        assert.strictEqual(invalid.status, 422)
        assert.deepStrictEqual(invalid.json.detail[0].loc, ["body", "name"])
        const missing = yield* api("POST", "/v1/agents", {})
        assert.deepStrictEqual(missing.json.detail[0], {
          loc: ["body", "name"],
          msg: "Field required",
          type: "missing"
        })
      }))

    it.effect("attach / detach numbers; voices", () =>
      Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        const agent = yield* ap.agents.createAgent({ name: "Numbers" })
        const number = yield* api("POST", "/v1/numbers", { areaCode: "415" })
        assert.match(number.json.phoneNumber, /^\+1415555\d{4}$/)
        const attached = yield* ap.agents.attachNumberToAgent({ agent_id: agent.id, numberId: number.json.id })
        assert.strictEqual(attached.number.id, number.json.id)
        const withNumber = yield* ap.agents.getAgent({ agent_id: agent.id })
        assert.deepStrictEqual(withNumber.numbers?.map((n) => n.id), [number.json.id])
        yield* ap.agents.detachNumberFromAgent({ agent_id: agent.id, number_id: number.json.id })
        const after = yield* ap.agents.getAgent({ agent_id: agent.id })
        assert.deepStrictEqual(after.numbers, [])
        const voices = yield* ap.agents.listVoices()
        assert.isTrue(voices.data.length > 0)
      }))
  })

  describe("contacts (typed client)", () => {
    it.effect("create (E.164) → get → list → update → delete; 409, 404, 422", () =>
      Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        const created = yield* ap.contacts.createContact({ phoneNumber: "(415) 555-0123", name: "Jordan" })
        assert.strictEqual(created.phoneNumber, "+14155550123")
        const got = yield* ap.contacts.getContact({ contact_id: created.id })
        assert.deepStrictEqual(got, created)
        const list = yield* ap.contacts.listContacts({ limit: 1 })
        assert.strictEqual(list.data.length, 1)
        const dup = yield* Effect.flip(ap.contacts.createContact({ phoneNumber: "+1 415 555 0123", name: "Again" }))
        assert.strictEqual(dup._tag, "ConflictError")
        const other = yield* ap.contacts.createContact({ phoneNumber: "+14155550124", name: "Priya" })
        const conflict = yield* Effect.flip(
          ap.contacts.updateContact({ contact_id: other.id, phoneNumber: "4155550123" })
        )
        assert.strictEqual(conflict._tag, "ConflictError")
        const updated = yield* ap.contacts.updateContact({ contact_id: other.id, notes: "VIP" })
        assert.strictEqual(updated.notes, "VIP")
        const bad = yield* Effect.flip(ap.contacts.createContact({ phoneNumber: "not a number", name: "X" }))
        assert.strictEqual(bad._tag, "ValidationError")
        assert.deepStrictEqual(bad._tag === "ValidationError" && bad.issues[0].loc, ["body", "phoneNumber"])
        yield* ap.contacts.deleteContact({ contact_id: created.id })
        const gone = yield* Effect.flip(ap.contacts.getContact({ contact_id: created.id }))
        assert.strictEqual(gone._tag, "NotFoundError")
        const caps = yield* ap.contacts.getContactCapabilities({ phone_number: "+14155550123" })
        assert.isTrue(caps.capabilities.sms)
      }))
  })

  describe("numbers", () => {
    it.effect("provision → get → list → release; messages page by timestamp cursors", () =>
      Effect.gen(function*() {
        const n = yield* api("POST", "/v1/numbers", {})
        assert.strictEqual(n.status, 200)
        assert.strictEqual(n.json.country, "US")
        const got = yield* api("GET", `/v1/numbers/${n.json.id}`)
        assert.deepStrictEqual(got.json, n.json)
        for (const body of ["one", "two", "three"]) {
          yield* Sandbox.injectMessage({ from: "+14155550999", to: n.json.phoneNumber, body })
        }
        const page1 = yield* api("GET", `/v1/numbers/${n.json.id}/messages?limit=2`)
        assert.deepStrictEqual(page1.json.data.map((m: any) => m.body), ["three", "two"])
        assert.strictEqual(page1.json.hasMore, true)
        assert.strictEqual(page1.json.data[0].from_, "+14155550999")
        const page2 = yield* api(
          "GET",
          `/v1/numbers/${n.json.id}/messages?limit=2&before=${encodeURIComponent(page1.json.data[1].receivedAt)}`
        )
        assert.deepStrictEqual(page2.json.data.map((m: any) => m.body), ["one"])
        assert.strictEqual(page2.json.hasMore, false)
        const released = yield* api("DELETE", `/v1/numbers/${n.json.id}`)
        assert.strictEqual(released.json.success, true)
        const list = yield* api("GET", "/v1/numbers")
        assert.isFalse(list.json.data.some((x: any) => x.id === n.json.id))
        const stillThere = yield* api("GET", `/v1/numbers/${n.json.id}`)
        assert.strictEqual(stillThere.json.status, "released")
        const bad = yield* api("POST", "/v1/numbers", { country: "ZZ" })
        assert.strictEqual(bad.status, 422)
        const badQuery = yield* api("GET", "/v1/numbers?offset=abc")
        assert.deepStrictEqual(badQuery.json.detail[0].loc, ["query", "offset"])
        const missing = yield* api("GET", "/v1/numbers/num_nope")
        assert.deepStrictEqual([missing.status, missing.json], [404, { detail: "Number not found" }])
      }))
  })

  describe("sub-accounts", () => {
    it.effect("X-Sub-Account-Id scopes every resource", () =>
      Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        const sub = yield* api("POST", "/v1/sub-accounts", { name: "Clinic" })
        assert.match(sub.json.id, /^sub_/)
        const inSub = yield* ap.agents.createAgent({ name: "Scoped" }).pipe(AgentPhone.withSubAccount(sub.json.id))
        const subList = yield* ap.agents.listAgents().pipe(AgentPhone.withSubAccount(sub.json.id))
        assert.deepStrictEqual(subList.data.map((a) => a.id), [inSub.id])
        const rootList = yield* ap.agents.listAgents()
        assert.isFalse(rootList.data.some((a) => a.id === inSub.id))
        const renamed = yield* api("PATCH", `/v1/sub-accounts/${sub.json.id}`, { name: "Clinic 2" })
        assert.strictEqual(renamed.json.name, "Clinic 2")
        const list = yield* api("GET", "/v1/sub-accounts")
        assert.isTrue(list.json.data.some((s: any) => s.id === sub.json.id))
        yield* api("DELETE", `/v1/sub-accounts/${sub.json.id}`)
        const unknown = yield* Effect.flip(ap.agents.listAgents().pipe(AgentPhone.withSubAccount(sub.json.id)))
        assert.strictEqual(unknown._tag, "NotFoundError")
      }))
  })

  describe("recording", () => {
    it.effect("is public, 404 until the call has ended, then a WAV", () =>
      Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        const agent = yield* ap.agents.createAgent({ name: "Caller" })
        yield* api("POST", "/v1/numbers", { agentId: agent.id })
        const call = yield* api("POST", "/v1/calls", { agentId: agent.id, toNumber: "+14155550142" })
        assert.strictEqual(call.json.status, "in-progress")
        const sandbox = yield* Sandbox.Sandbox
        const early = yield* Effect.promise(() => fetch(`${sandbox.baseUrl}/v1/calls/${call.json.id}/recording`))
        assert.strictEqual(early.status, 404)
        const ended = yield* api("POST", `/v1/calls/${call.json.id}/end`)
        assert.strictEqual(ended.json.status, "completed")
        const wav = yield* Effect.promise(() => fetch(`${sandbox.baseUrl}/v1/calls/${call.json.id}/recording`))
        assert.strictEqual(wav.status, 200)
        assert.strictEqual(wav.headers.get("content-type"), "audio/wav")
        const bytes = new Uint8Array(yield* Effect.promise(() => wav.arrayBuffer()))
        assert.strictEqual(new TextDecoder().decode(bytes.slice(0, 4)), "RIFF")
        assert.strictEqual(new TextDecoder().decode(bytes.slice(8, 12)), "WAVE")
      }))
  })
})

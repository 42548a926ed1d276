import { AgentPhoneError } from "@agentphone-effect/core"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as App from "../src/App.js"
import * as Brain from "../src/Brain.js"
import * as Failure from "../src/Failure.js"
import * as Steps from "../src/Steps.js"

describe("steps", () => {
  it("--only runs a step after the steps it needs, in scenario order", () => {
    assert.deepStrictEqual(Steps.plan("sms"), ["agent", "number", "webhook", "sms"])
    assert.deepStrictEqual(Steps.plan("usage"), ["usage"])
    assert.deepStrictEqual(Steps.plan(undefined), Steps.names)
  })

  it("against the real API only the free, read-only steps run unless asked for", () => {
    assert.deepStrictEqual(App.planFor("live", Option.none()), ["usage", "conversations"])
    assert.deepStrictEqual(App.planFor("live", Option.some("number")), ["agent", "number"])
    assert.deepStrictEqual(App.planFor("sandbox", Option.none()), Steps.names)
  })
})

describe("brain", () => {
  it.effect("speaks its answer as pieces that join back into it", () =>
    Effect.gen(function*() {
      const said = "Hi, I'm calling about my order. It hasn't arrived yet."
      const pieces = yield* Stream.runCollect(Brain.speak(said))
      assert.isAbove(pieces.length, 1)
      assert.strictEqual([...pieces].join(" "), Brain.answer(said).text)
    }))

  it("hangs up on goodbye only", () => {
    assert.isTrue(Brain.answer("Great, thanks for your help. Bye!").hangup)
    assert.isFalse(Brain.answer("What are your opening hours?").hangup)
  })
})

describe("failures", () => {
  it("an SDK error becomes its message and a hint chosen by its tag", () => {
    const error = new AgentPhoneError.UnauthorizedError({
      endpoint: "agents.listAgents",
      method: "GET",
      path: "/v1/agents",
      status: 401,
      detail: "Invalid API key",
      body: { detail: "Invalid API key" }
    })
    const { hint, what } = Failure.explain(error)
    assert.include(what, "Invalid API key")
    assert.notInclude(what, "\n")
    assert.include(hint, "AGENTPHONE_API_KEY")
  })

  it("a timeout says what it waited for and what to do", () => {
    const explained = Failure.explain(new Failure.StepTimeout({ waitingFor: "the SMS", hint: "run again" }))
    assert.deepStrictEqual(explained, { what: "gave up waiting for the SMS", hint: "run again" })
  })
})

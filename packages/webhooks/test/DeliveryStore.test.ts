import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import * as DeliveryStore from "../src/DeliveryStore.js"

describe("DeliveryStore (memory)", () => {
  it.effect("claim / complete / release", () =>
    Effect.gen(function*() {
      const store = yield* DeliveryStore.makeMemory()
      assert.strictEqual(yield* store.claim("a"), "New")
      assert.strictEqual(yield* store.claim("a"), "InFlight")
      yield* store.release("a")
      assert.strictEqual(yield* store.claim("a"), "New")
      yield* store.complete("a")
      assert.strictEqual(yield* store.claim("a"), "Duplicate")
      yield* store.release("a") // releasing a completed id keeps it
      assert.strictEqual(yield* store.claim("a"), "Duplicate")
    }))

  it.effect("forgets handled ids after the TTL (TestClock) and stale in-flight claims", () =>
    Effect.gen(function*() {
      const store = yield* DeliveryStore.makeMemory({ ttl: "1 hour", inFlightTtl: "1 minute" })
      yield* store.claim("done")
      yield* store.complete("done")
      yield* store.claim("stuck")
      yield* TestClock.adjust("59 minutes")
      assert.strictEqual(yield* store.claim("done"), "Duplicate")
      assert.strictEqual(yield* store.claim("stuck"), "New")
      yield* TestClock.adjust("2 minutes")
      assert.strictEqual(yield* store.claim("done"), "New")
    }))

  it.effect("is bounded: the oldest ids are forgotten first", () =>
    Effect.gen(function*() {
      const store = yield* DeliveryStore.makeMemory({ capacity: 3 })
      for (const id of ["a", "b", "c", "d"]) {
        yield* store.claim(id)
        yield* store.complete(id)
      }
      assert.strictEqual(yield* store.claim("b"), "Duplicate")
      assert.strictEqual(yield* store.claim("a"), "New")
    }))
})

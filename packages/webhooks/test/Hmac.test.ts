import { assert, describe, it } from "@effect/vitest"
import { FastCheck, Redacted } from "effect"
import * as Hmac from "../src/internal/hmac.js"

// The fast HMAC (precomputed pads + one-shot crypto.hash into reused buffers) must equal
// createHmac for any key, timestamp and body, whatever was hashed before it.
describe("internal HMAC", () => {
  const key = FastCheck.oneof(
    FastCheck.string({ maxLength: 80 }),
    FastCheck.string({ minLength: 65, maxLength: 200 }), // longer than a block: hashed first
    FastCheck.fullUnicodeString({ maxLength: 40 })
  )
  const timestamp = FastCheck.integer({ min: 0, max: 9_999_999_999 }).map(String)
  const body = FastCheck.oneof(
    FastCheck.string({ maxLength: 300 }),
    FastCheck.fullUnicodeString({ maxLength: 300 }),
    FastCheck.string({ minLength: 9000, maxLength: 12000 }), // grows the reused buffer
    FastCheck.uint8Array({ maxLength: 300 })
  )

  it.prop("equals createHmac", [key, timestamp, body], ([k, t, b]) => {
    const secret = Redacted.make(k)
    const fast = Hmac.digest(secret, t, b)
    assert.strictEqual(fast.toString("hex"), Hmac.digestReference(secret, t, b).toString("hex"))
    // and again (the cached pads and the reused buffer are not disturbed by a use)
    assert.strictEqual(Hmac.digest(secret, t, b).toString("hex"), fast.toString("hex"))
  }, { fastCheck: { numRuns: 300 } })

  it("a body larger than the kept buffer still matches, and so does a small one after it", () => {
    const secret = Redacted.make("whsec_large")
    const large = "é".repeat(200_000) // 400 KB of UTF-8
    assert.strictEqual(Hmac.hex(secret, "1", large), Hmac.digestReference(secret, "1", large).toString("hex"))
    assert.strictEqual(Hmac.hex(secret, "2", "{}"), Hmac.digestReference(secret, "2", "{}").toString("hex"))
  })

  it("lone surrogates are encoded like createHmac does (replacement character)", () => {
    const secret = Redacted.make("whsec_s")
    for (const b of ["\ud800", "a\udc00b", "\ud83d"]) {
      assert.strictEqual(Hmac.hex(secret, "1", b), Hmac.digestReference(secret, "1", b).toString("hex"))
    }
  })
})

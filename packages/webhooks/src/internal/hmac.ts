import * as Redacted from "effect/Redacted"
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from "node:crypto"

// The secret as a `KeyObject`, imported once per `Redacted` (HMAC with a KeyObject skips importing
// the key on every delivery). Held weakly: dropping the Redacted drops its key.
const keys = new WeakMap<Redacted.Redacted<string>, KeyObject>()
const keyOf = (secret: Redacted.Redacted<string>): KeyObject => {
  let key = keys.get(secret)
  if (key === undefined) {
    key = createSecretKey(Buffer.from(Redacted.value(secret), "utf8"))
    keys.set(secret, key)
  }
  return key
}

/** @internal */
export const digest = (secret: Redacted.Redacted<string>, timestamp: string, body: string | Uint8Array): Buffer =>
  typeof body === "string" ?
    createHmac("sha256", keyOf(secret)).update(`${timestamp}.${body}`).digest() :
    createHmac("sha256", keyOf(secret)).update(`${timestamp}.`).update(body).digest()

/**
 * Whether `given` (32 bytes) is the HMAC of `{timestamp}.{body}` under any of `secrets`. Every
 * secret is tried (no early exit), each comparison is constant-time.
 *
 * @internal
 */
export const matchesAny = (
  secrets: ReadonlyArray<Redacted.Redacted<string>>,
  timestamp: string,
  body: string | Uint8Array,
  given: Buffer
): boolean => {
  let ok = false
  for (let i = 0; i < secrets.length; i++) {
    if (timingSafeEqual(digest(secrets[i], timestamp, body), given)) ok = true
  }
  return ok
}

/**
 * The 32 signature bytes of `sha256=<64 hex>`, or `undefined` when the value is malformed.
 * (`Buffer.from(hex)` stops at the first non-hex pair, so a short result means malformed.)
 *
 * @internal
 */
export const parseSignature = (header: string): Buffer | undefined => {
  const value = header.length === 71 ? header : header.trim()
  if (value.length !== 71 || !value.startsWith("sha256=")) return undefined
  const bytes = Buffer.from(value.slice(7), "hex")
  return bytes.length === 32 ? bytes : undefined
}

const DIGITS = /^\d{1,15}$/

/** @internal */
export const parseTimestamp = (header: string): number | undefined => {
  const value = DIGITS.test(header) ? header : header.trim()
  return DIGITS.test(value) ? Number(value) : undefined
}

/** @internal */
export const hex = (secret: Redacted.Redacted<string>, timestamp: string, body: string | Uint8Array): string =>
  digest(secret, timestamp, body).toString("hex")

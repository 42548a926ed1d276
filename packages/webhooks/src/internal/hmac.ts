import * as Redacted from "effect/Redacted"
import { createHmac, timingSafeEqual } from "node:crypto"

/** @internal */
export const digest = (secret: Redacted.Redacted<string>, timestamp: string, body: string | Uint8Array): Buffer =>
  typeof body === "string" ?
    createHmac("sha256", Redacted.value(secret)).update(`${timestamp}.${body}`).digest() :
    createHmac("sha256", Redacted.value(secret)).update(`${timestamp}.`).update(body).digest()

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

const HEX_64 = /^[0-9a-fA-F]{64}$/

/**
 * The 32 signature bytes of `sha256=<64 hex>`, or `undefined` when the value is malformed.
 *
 * @internal
 */
export const parseSignature = (header: string): Buffer | undefined => {
  const value = header.trim()
  if (!value.startsWith("sha256=")) return undefined
  const hex = value.slice(7)
  return HEX_64.test(hex) ? Buffer.from(hex, "hex") : undefined
}

const DIGITS = /^\d{1,15}$/

/** @internal */
export const parseTimestamp = (header: string): number | undefined => {
  const value = header.trim()
  return DIGITS.test(value) ? Number(value) : undefined
}

/** @internal */
export const hex = (secret: Redacted.Redacted<string>, timestamp: string, body: string | Uint8Array): string =>
  digest(secret, timestamp, body).toString("hex")

import * as Redacted from "effect/Redacted"
import * as Crypto from "node:crypto"

// HMAC-SHA256 (RFC 2104) of "{timestamp}.{body}".
//
// Fast path (Node >= 20.12, where `crypto.hash` exists): the padded key blocks `K ^ ipad` and
// `K ^ opad` are derived once per secret, and each delivery costs two one-shot `crypto.hash`
// calls over `ipad || timestamp "." body` and `opad || inner digest`, written into reused buffers.
// That skips creating an `Hmac` stream object, the `"{timestamp}.{body}"` string concatenation and
// the key import per delivery (about 10-15% of a 1 KB verification). Tests check it against
// `createHmac` on every vector and on random keys and bodies. Older Nodes use `createHmac` with a
// `KeyObject` imported once per secret.

const BLOCK = 64
const oneShot: typeof Crypto.hash | undefined = typeof Crypto.hash === "function" ? Crypto.hash : undefined

interface Key {
  /** `K ^ 0x36` (64 bytes). */
  readonly ipad: Buffer
  /** `K ^ 0x5c` (64 bytes) followed by room for the 32-byte inner digest. */
  readonly outer: Buffer
}

// Derived once per `Redacted` and held weakly: dropping the Redacted drops its key material.
const keys = new WeakMap<Redacted.Redacted<string>, Key>()
const keyObjects = new WeakMap<Redacted.Redacted<string>, Crypto.KeyObject>()

const deriveKey = (secret: Redacted.Redacted<string>): Key => {
  let raw = Buffer.from(Redacted.value(secret), "utf8")
  if (raw.length > BLOCK) raw = Crypto.createHash("sha256").update(raw).digest()
  const ipad = Buffer.alloc(BLOCK, 0x36)
  const outer = Buffer.alloc(BLOCK + 32)
  outer.fill(0x5c, 0, BLOCK)
  for (let i = 0; i < raw.length; i++) {
    ipad[i] ^= raw[i]
    outer[i] ^= raw[i]
  }
  raw.fill(0)
  return { ipad, outer }
}

const keyOf = (secret: Redacted.Redacted<string>): Key => {
  let key = keys.get(secret)
  if (key === undefined) {
    key = deriveKey(secret)
    keys.set(secret, key)
  }
  return key
}

const keyObjectOf = (secret: Redacted.Redacted<string>): Crypto.KeyObject => {
  let key = keyObjects.get(secret)
  if (key === undefined) {
    key = Crypto.createSecretKey(Buffer.from(Redacted.value(secret), "utf8"))
    keyObjects.set(secret, key)
  }
  return key
}

// The inner message `ipad || timestamp "." body`, reused across deliveries (verification is
// synchronous, so there is one user at a time). Its key block is zeroed after each use. It grows
// for larger bodies; buffers above `KEEP` bytes are used once and dropped.
const KEEP = 256 * 1024
let work = Buffer.allocUnsafe(8 * 1024)

const innerMessage = (key: Key, timestamp: string, body: string | Uint8Array): [Buffer, number] => {
  const most = BLOCK + timestamp.length * 3 + 1 + (typeof body === "string" ? body.length * 3 : body.length)
  let buffer = work
  if (most > buffer.length) {
    const need = BLOCK + Buffer.byteLength(timestamp) + 1 +
      (typeof body === "string" ? Buffer.byteLength(body) : body.length)
    if (need > buffer.length) {
      buffer = Buffer.allocUnsafe(need)
      if (need <= KEEP) work = buffer
    }
  }
  key.ipad.copy(buffer, 0)
  let n = BLOCK + buffer.write(timestamp, BLOCK, "utf8")
  buffer[n++] = 0x2e // "."
  if (typeof body === "string") {
    n += buffer.write(body, n, "utf8")
  } else {
    buffer.set(body, n)
    n += body.length
  }
  return [buffer, n]
}

/** @internal */
export const digest = (secret: Redacted.Redacted<string>, timestamp: string, body: string | Uint8Array): Buffer => {
  if (oneShot === undefined) {
    const hmac = Crypto.createHmac("sha256", keyObjectOf(secret))
    return typeof body === "string" ?
      hmac.update(`${timestamp}.${body}`).digest() :
      hmac.update(`${timestamp}.`).update(body).digest()
  }
  const key = keyOf(secret)
  const [buffer, length] = innerMessage(key, timestamp, body)
  const inner = oneShot("sha256", buffer.subarray(0, length), "buffer")
  buffer.fill(0, 0, BLOCK)
  inner.copy(key.outer, BLOCK)
  return oneShot("sha256", key.outer, "buffer")
}

/** @internal The `createHmac` computation, the reference the fast path is tested against. */
export const digestReference = (
  secret: Redacted.Redacted<string>,
  timestamp: string,
  body: string | Uint8Array
): Buffer => Crypto.createHmac("sha256", Redacted.value(secret)).update(`${timestamp}.`).update(body).digest()

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
    if (Crypto.timingSafeEqual(digest(secrets[i], timestamp, body), given)) ok = true
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

// A deterministic synthetic live-transcript SSE body and its random chunking (adapted from the
// reference harness in shared/bench/sse-parse/body.mjs, with the turn shape the API sends:
// `{role, content, createdAt}`). Each event: "event: turn\nid: <n>\ndata: <json>\n\n"; every 25th
// event is preceded by ": heartbeat\n\n". Some phrases carry non-ASCII (é, ñ, —, emoji), so random
// chunk boundaries split UTF-8 sequences.
import { createHash } from "node:crypto"

const PHRASES = [
  "Hi, this is Acme Outfitters calling about your order A-10042.",
  "Sure, I can help with that. Could you confirm the delivery address?",
  "It's 1200 Market Street, apartment 5B, San Francisco.",
  "Perfect — the package is scheduled for Thursday between 2 and 5 pm.",
  "¿Puede llamarme mañana por la mañana? Estoy en una reunión.",
  "Café order confirmed: two lattes and a croissant, pickup at 8:15.",
  "Great, thanks! 👍 Anything else I should know before then?",
  "No, that's everything. Have a nice day and thank you for calling.",
  "One moment please, I'm checking the tracking number for you now.",
  "The driver will text you 30 minutes before arrival; reply STOP to opt out."
]

/** Seeded PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The text of events `from..to` (1-based, inclusive), and their digest lines. */
function* eventTexts(events, seed) {
  const rnd = prng(seed)
  const start = Date.UTC(2026, 10, 25)
  for (let n = 1; n <= events; n++) {
    const hb = n % 25 === 0 ? ": heartbeat\n\n" : ""
    const data = JSON.stringify({
      role: n % 2 ? "agent" : "user",
      content: PHRASES[Math.floor(rnd() * PHRASES.length)],
      createdAt: new Date(start + n * 1733).toISOString(),
      callId: "call_9c2e7f1a",
      confidence: Math.round(800 + rnd() * 199) / 1000
    })
    yield { text: `${hb}event: turn\nid: ${n}\ndata: ${data}\n\n`, digest: `turn\0${n}\0${data}\n` }
  }
}

/** The whole body in memory, with the expected digest of its events. */
export function makeBody({ events = 24_000, seed = 42 } = {}) {
  const parts = []
  const expected = createHash("sha256")
  for (const e of eventTexts(events, seed)) {
    parts.push(e.text)
    expected.update(e.digest)
  }
  return { body: Buffer.from(parts.join(""), "utf8"), events, expectedHash: expected.digest("hex") }
}

/** Split `body` into views of random size 1..maxChunk (fixed seed). */
export function chunk(body, { seed = 7, maxChunk = 4096 } = {}) {
  const rnd = prng(seed)
  const chunks = []
  for (let i = 0; i < body.length;) {
    const n = 1 + Math.floor(rnd() * maxChunk)
    chunks.push(body.subarray(i, Math.min(body.length, i + n)))
    i += n
  }
  return chunks
}

/**
 * The same body generated lazily as random 1..maxChunk byte chunks, never held whole in memory
 * (for the peak-memory check: memory must not grow with the stream's length).
 */
export function* lazyChunks({ events, seed = 42, chunkSeed = 7, maxChunk = 4096 }) {
  const rnd = prng(chunkSeed)
  const encoder = new TextEncoder()
  let pending = new Uint8Array(0)
  let want = 1 + Math.floor(rnd() * maxChunk)
  for (const e of eventTexts(events, seed)) {
    const bytes = encoder.encode(e.text)
    const joined = new Uint8Array(pending.length + bytes.length)
    joined.set(pending)
    joined.set(bytes, pending.length)
    pending = joined
    while (pending.length >= want) {
      yield pending.slice(0, want)
      pending = pending.subarray(want)
      want = 1 + Math.floor(rnd() * maxChunk)
    }
  }
  if (pending.length > 0) yield pending.slice()
}

/** Order-sensitive digest of an event list: sha256 over `${event}\0${id}\0${data}\n`. */
export function digester() {
  const h = createHash("sha256")
  let count = 0
  return {
    onEvent(event, id, data) {
      count++
      h.update(`${event}\0${id}\0${data}\n`)
    },
    result: () => ({ count, hash: h.digest("hex") })
  }
}

/**
 * Group consecutive chunks into runs of at most `max` bytes (a chunk larger than `max` is a run of
 * its own): what a transport that hands over everything already buffered delivers per read.
 */
export function group(chunks, max) {
  const groups = []
  let current = []
  let bytes = 0
  for (const c of chunks) {
    if (current.length > 0 && bytes + c.length > max) {
      groups.push(current)
      current = []
      bytes = 0
    }
    current.push(c)
    bytes += c.length
  }
  if (current.length > 0) groups.push(current)
  return groups
}

#!/usr/bin/env node
// Differential wire fuzz: agentphone-effect (built dist of @agentphone-effect/core) against the
// official `agentphone` SDK 1.0.17. Both SDKs are pointed at one local HTTP server (127.0.0.1,
// port 0) that records every request and replies with the method's example response from
// the recorded example responses (packages/core/test/fixtures/responses.json, a copy of ../shared/wire); for each argument object both are called in turn and the two
// recorded requests are compared.
//
//   node bench/wire-diff/wire-diff.mjs [--runs N] [--seed S] [--only group.method[,…]] [--out FILE] [--no-shrink]
//
// Cases per method: N fast-check samples of `Arbitrary.make(row.request)` (the Schema's Type side;
// some string leaves swapped for URL-hostile strings, kept only when the result still satisfies
// `Schema.is(row.request)`), plus hand-picked edge cases built from the recorded vectors' `sdkArgs`
// (hostile strings in every string field, numbers 0 / negative / large, booleans, null where the
// field is nullable and — as a probe — where it is only optional, nested objects with nulls, arrays,
// undefined-valued and removed optional keys, extra unknown keys, reversed key order).
//
// Compared: method; path (raw, percent-encoding included); query as an ordered [key, value] list
// (form-decoded, what the server sees) and the raw query string; JSON body (deep-equal after parse;
// key order and formatting reported separately); content-type presence; authorization;
// x-sub-account-id. Other headers (accept, …) are reported as informational; headers that only
// identify the SDK (user-agent, x-fern-*) and framing headers are ignored. Response decoding is
// ignored. Cases where only one SDK sends a request (the other throws, or ours fails with a typed
// InvalidRequestError or a defect) are "disagreements", listed separately.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import http from "node:http"
import { dirname, join } from "node:path"
import { fileURLToPath, URLSearchParams } from "node:url"
import { isDeepStrictEqual, parseArgs } from "node:util"
import { deserialize, serialize } from "node:v8"

import { AgentPhone, Endpoint } from "@agentphone-effect/core"
import { FetchHttpClient } from "@effect/platform"
import { AgentPhoneClient as OfficialClient } from "agentphone"
import { Cause, Effect, Exit, Option, Predicate, Redacted, Schema, Stream } from "effect"
import * as Arbitrary from "effect/Arbitrary"
import * as FastCheck from "effect/FastCheck"
import * as SchemaAST from "effect/SchemaAST"

const here = dirname(fileURLToPath(import.meta.url))

const { values: cli } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    seed: { type: "string", default: "20250601" },
    only: { type: "string" },
    out: { type: "string", default: join(here, "../bench-results/wire-diff.json") },
    "no-shrink": { type: "boolean", default: false },
    "no-edge": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false }
  }
})
const RUNS = Number(cli.runs)
const SEED = Number(cli.seed)
const ONLY = cli.only ? new Set(cli.only.split(",")) : undefined
const SHRINK = !cli["no-shrink"]

const vectors = JSON.parse(readFileSync(join(here, "../../packages/core/test/fixtures/vectors.json"), "utf8"))
const examples =
  JSON.parse(readFileSync(join(here, "../../packages/core/test/fixtures/responses.json"), "utf8")).endpoints

// ---------------------------------------------------------------------------------------------
// Recording server
// ---------------------------------------------------------------------------------------------

const state = { key: "", requests: [] }

const reply = (res, key) => {
  const ex = examples[key]
  if (ex === undefined || (ex.body === undefined && ex.bodyBase64 === undefined) || ex.body === null) {
    res.writeHead(ex?.status ?? 204, ex?.headers ?? {})
    return res.end()
  }
  const headers = { ...ex.headers, ...(ex.contentType ? { "content-type": ex.contentType } : {}) }
  if (ex.bodyBase64 !== undefined) {
    res.writeHead(ex.status, headers)
    return res.end(Buffer.from(ex.bodyBase64, "base64"))
  }
  const text = typeof ex.body === "string" && !/json/.test(ex.contentType ?? "") ? ex.body : JSON.stringify(ex.body)
  res.writeHead(ex.status, headers)
  res.end(text)
}

const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  const chunks = []
  req.on("data", (c) => chunks.push(c))
  req.on("end", () => {
    const raw = Buffer.concat(chunks)
    state.requests.push({
      method: req.method,
      url: req.url,
      headers: { ...req.headers },
      body: raw.length > 0 ? raw.toString("utf8") : null
    })
    reply(res, state.key)
  })
})
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
const baseUrl = `http://127.0.0.1:${server.address().port}`

// ---------------------------------------------------------------------------------------------
// The two clients
// ---------------------------------------------------------------------------------------------

const official = new OfficialClient({ token: "test-token", baseUrl, maxRetries: 0, fetch: globalThis.fetch })
const ours = await Effect.runPromise(
  AgentPhone.make({ apiKey: Redacted.make("test-token"), baseUrl, retry: false }).pipe(
    Effect.provide(FetchHttpClient.layer)
  )
)

const clone = (v) => {
  try {
    return deserialize(serialize(v))
  } catch {
    return v
  }
}

const firstLine = (e) => String(e?.message ?? e).split("\n")[0].slice(0, 160)
const stableMessage = (e) => firstLine(e).replace(/\d+/g, "N").replace(/"[^"]*"?/g, "\"…\"")

async function callOfficial(group, method, args) {
  state.requests = []
  let error
  try {
    const fn = official[group][method].bind(official[group])
    await (args === null ? fn() : fn(clone(args)))
  } catch (e) {
    error = e
  }
  return { requests: state.requests, error }
}

async function callOurs(group, method, args) {
  state.requests = []
  let outcome = { tag: "ok" }
  try {
    const fn = ours[group][method]
    const called = args === null ? fn() : fn(clone(args))
    const eff = Predicate.hasProperty(called, Stream.StreamTypeId) ? Stream.runCollect(called) : called
    const exit = await Effect.runPromiseExit(eff)
    if (Exit.isFailure(exit)) {
      const failure = Cause.failureOption(exit.cause)
      if (Option.isSome(failure)) {
        const f = failure.value
        outcome = f?._tag === "InvalidRequestError"
          ? { tag: "InvalidRequestError", issues: (f.issues ?? []).map((i) => `${i.loc.join(".")}: ${i.msg}`) }
          : { tag: `failure:${f?._tag ?? "?"}`, message: firstLine(f) }
      } else {
        outcome = { tag: "defect", message: firstLine(Cause.squash(exit.cause)) }
      }
    }
  } catch (e) {
    outcome = { tag: "thrown", message: firstLine(e) }
  }
  return { requests: state.requests, outcome }
}

// ---------------------------------------------------------------------------------------------
// Normalising and comparing requests
// ---------------------------------------------------------------------------------------------

const IGNORED_HEADERS = new Set([
  "user-agent",
  "host",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
  "accept-encoding",
  "accept-language",
  "sec-fetch-mode",
  "authorization",
  "content-type",
  "x-sub-account-id"
])
const isIdentityHeader = (h) => h.startsWith("x-fern-") || IGNORED_HEADERS.has(h)

const normalize = (r) => {
  const q = r.url.indexOf("?")
  const rawQuery = q < 0 ? null : r.url.slice(q + 1)
  let json
  let jsonOk = false
  if (r.body !== null) {
    try {
      json = JSON.parse(r.body)
      jsonOk = true
    } catch { /* not JSON */ }
  }
  return {
    method: r.method,
    path: q < 0 ? r.url : r.url.slice(0, q),
    rawQuery,
    query: rawQuery === null ? [] : [...new URLSearchParams(rawQuery)],
    headers: r.headers,
    body: r.body,
    json,
    jsonOk
  }
}

const topDiffKeys = (a, b, prefix = "", depth = 0) => {
  if (isDeepStrictEqual(a, b)) return []
  const isObj = (x) => typeof x === "object" && x !== null && !Array.isArray(x)
  if (!isObj(a) || !isObj(b) || depth >= 2) return [prefix || "<root>"]
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  const out = []
  for (const k of keys) {
    const p = prefix ? `${prefix}.${k}` : k
    if (!(k in a)) out.push(`+${p}`)
    else if (!(k in b)) out.push(`-${p}`)
    else out.push(...topDiffKeys(a[k], b[k], p, depth + 1))
  }
  return out
}

/** The kinds of difference between the official request `o` and ours `u`. */
const compare = (o, u) => {
  const kinds = []
  if (o.method !== u.method) kinds.push(["method", `${o.method}→${u.method}`])
  if (o.path !== u.path) kinds.push(["path", ""])
  if (!isDeepStrictEqual(o.query, u.query)) {
    const sameMultiset = isDeepStrictEqual([...o.query].map(String).sort(), [...u.query].map(String).sort())
    if (sameMultiset) kinds.push(["query-order", ""])
    else {
      const keys = new Set([...o.query, ...u.query].map(([k]) => k))
      const diff = [...keys].filter((k) =>
        !isDeepStrictEqual(o.query.filter(([x]) => x === k), u.query.filter(([x]) => x === k))
      )
      kinds.push(["query", diff.join(",")])
    }
  } else if (o.rawQuery !== u.rawQuery) {
    kinds.push(["query-raw-encoding-only", ""])
  }
  if ((o.body === null) !== (u.body === null)) {
    kinds.push(["body-presence", o.body === null ? "official none, ours has body" : "official has body, ours none"])
  } else if (o.body !== null) {
    if (o.jsonOk && u.jsonOk) {
      if (!isDeepStrictEqual(o.json, u.json)) kinds.push(["body", topDiffKeys(o.json, u.json).join(",")])
      else if (JSON.stringify(o.json) !== JSON.stringify(u.json)) kinds.push(["body-key-order", ""])
      else if (o.body !== u.body) kinds.push(["body-formatting-only", ""])
    } else if (o.body !== u.body) kinds.push(["body-raw", ""])
  }
  const ct = (r) => r.headers["content-type"]
  if ((ct(o) === undefined) !== (ct(u) === undefined)) {
    kinds.push(["content-type-presence", ct(o) === undefined ? "ours only" : "official only"])
  } else if (ct(o) !== undefined && /^application\/json/.test(ct(o)) !== /^application\/json/.test(ct(u))) {
    kinds.push(["content-type-value", `${ct(o)}→${ct(u)}`])
  }
  if (o.headers.authorization !== u.headers.authorization) kinds.push(["authorization", ""])
  if (o.headers["x-sub-account-id"] !== u.headers["x-sub-account-id"]) kinds.push(["x-sub-account-id", ""])
  const info = []
  const hs = new Set([...Object.keys(o.headers), ...Object.keys(u.headers)].filter((h) => !isIdentityHeader(h)))
  for (const h of hs) {
    if (o.headers[h] !== u.headers[h]) info.push([`header:${h}`, `${o.headers[h] ?? "∅"}→${u.headers[h] ?? "∅"}`])
  }
  return { kinds, info }
}

// "Type-valid" below means `Schema.is(row.request, { onExcessProperty: "error" })`: what a TypeScript
// user (with exactOptionalPropertyTypes) may pass; extra keys and `undefined` values fall outside.
// Kinds that change what the server receives; the others are reported but are not wire mismatches.
const COSMETIC = new Set(["query-raw-encoding-only", "body-key-order", "body-formatting-only"])

// ---------------------------------------------------------------------------------------------
// Running one case
// ---------------------------------------------------------------------------------------------

/** Every kind a case shows: `{ key, class, field, detail }`, plus the two requests. */
const validators = new WeakMap()
const isOf = (row) => {
  let is = validators.get(row)
  if (is === undefined) {
    validators.set(
      row,
      is = row.request === Endpoint.NoRequest
        ? () => true
        : Schema.is(row.request, { onExcessProperty: "error" })
    )
  }
  return is
}

async function runCase(row, group, method, args) {
  state.key = `${group}.${method}`
  const off = await callOfficial(group, method, args)
  const our = await callOurs(group, method, args)
  const offSent = off.requests.length > 0
  const ourSent = our.requests.length > 0
  const found = []
  const result = { off, our, found }
  if (off.requests.length > 1) {
    found.push({ cls: "mismatch", field: "request-count", detail: `official sent ${off.requests.length}` })
  }
  if (our.requests.length > 1) {
    found.push({ cls: "mismatch", field: "request-count", detail: `ours sent ${our.requests.length}` })
  }
  if (offSent && ourSent) {
    const o = normalize(off.requests[0])
    const u = normalize(our.requests[0])
    result.o = o
    result.u = u
    const { kinds, info } = compare(o, u)
    for (const [field, detail] of kinds) {
      found.push({ cls: COSMETIC.has(field) ? "cosmetic" : "mismatch", field, detail })
    }
    for (const [field, detail] of info) found.push({ cls: "info", field, detail })
  } else if (offSent !== ourSent) {
    const offState = offSent ? "official sends" : `official throws: ${stableMessage(off.error)}`
    const ourState = ourSent
      ? "ours sends"
      : our.outcome.tag === "InvalidRequestError"
      ? `ours InvalidRequestError at ${[...new Set(our.outcome.issues.map((s) => s.split(":")[0]))].join(",")}`
      : `ours ${our.outcome.tag}`
    found.push({ cls: "disagreement", field: offState, detail: ourState })
  } else {
    result.bothRejected = true
    if (our.outcome.tag === "defect" || our.outcome.tag === "thrown") {
      found.push({
        cls: "defect",
        field: `official throws: ${stableMessage(off.error)}`,
        detail: `ours ${our.outcome.tag}: ${our.outcome.message}`
      })
    }
  }
  if (offSent && ourSent && our.outcome.tag !== "ok" && !our.outcome.tag.startsWith("failure:")) {
    // Sent, then died: worth knowing (response handling is otherwise ignored).
    found.push({ cls: "info", field: "ours-after-send", detail: our.outcome.tag })
  }
  const typeValid = args === null || isOf(row)(args)
  result.typeValid = typeValid
  for (const f of found) {
    // Cosmetic and informational kinds are keyed across methods; the others per method.
    const where = f.cls === "cosmetic" || f.cls === "info" ? "*" : `${group}.${method}`
    const input = f.cls === "disagreement" ? (typeValid ? " | Type-valid input" : " | input outside the Type") : ""
    f.key = `${where} | ${f.cls} | ${f.field} | ${f.detail}${input}`
  }
  return result
}

// ---------------------------------------------------------------------------------------------
// Type-directed values
// ---------------------------------------------------------------------------------------------

const NASTY = [
  "",
  " ",
  "a b",
  "a/b",
  "../x",
  "a?b=c",
  "a#b",
  "a&b=c",
  "k=v",
  "a+b",
  "50%",
  "%2F",
  "%zz",
  "é",
  "日本語",
  "😀",
  ".",
  "..",
  "~!*'()",
  "a;b,c:d@e$",
  "[x]{y}|\\^`\"<>",
  "tab\there",
  "line\nbreak",
  "nul\u0000",
  "\ud800",
  "null",
  "  padded  "
]

const NUMBERS_INT = [0, -1, -2147483648, 2147483647, 9007199254740991]
const NUMBERS_FLOAT = [0, -1, 1.5, -0, 1e-7, 1e21]

const OBJECTS = () => [
  {},
  { a: null },
  { nested: { deep: [1, null, { x: "y" }], flag: false }, empty: "", n: 0 },
  { "k y": "v&w", "a/b": "c?d", "é": "😀" },
  JSON.parse("{\"__proto__\":{\"polluted\":true},\"ok\":1}"),
  JSON.parse("{\"__proto__\":\"p\",\"k\":\"v\"}"),
  { constructor: { prototype: { x: 1 } }, y: 2 },
  { toString: "x", valueOf: null }
]

const stripRefinements = (ast) => {
  while (ast._tag === "Refinement" || ast._tag === "Suspend") ast = ast._tag === "Suspend" ? ast.f() : ast.from
  return ast
}
const membersOf = (ast) => {
  const a = stripRefinements(ast)
  return a._tag === "Union" ? a.types.flatMap(membersOf) : [a]
}
const isIntAst = (ast) => {
  for (let a = ast; a._tag === "Refinement"; a = a.from) {
    const id = SchemaAST.getSchemaIdAnnotation(a)
    if (Option.isSome(id) && String(id.value).includes("Int")) return true
  }
  return false
}

/** What a field of type `ast` may hold: edge values chosen by its Type. */
function edgeValuesFor(ast) {
  const out = []
  for (const raw of (stripRefinements(ast)._tag === "Union" ? stripRefinements(ast).types : [ast])) {
    const m = stripRefinements(raw)
    switch (m._tag) {
      case "StringKeyword":
      case "TemplateLiteral":
        out.push(...NASTY)
        break
      case "NumberKeyword":
        out.push(...(isIntAst(raw) ? NUMBERS_INT : NUMBERS_FLOAT))
        break
      case "BooleanKeyword":
        out.push(true, false)
        break
      case "Literal":
        out.push(m.literal)
        break
      case "Enums":
        out.push(...m.enums.map(([, v]) => v))
        break
      case "TupleType":
        out.push([], ["a b", "c/d", ""], ["x", "y", "z"], [null], [{ a: null }])
        break
      case "TypeLiteral":
        if (m.indexSignatures.length > 0) out.push(...OBJECTS())
        break
      case "UnknownKeyword":
      case "AnyKeyword":
        out.push(null, "", 0, false, [], ...OBJECTS())
        break
      case "Union":
        out.push(...edgeValuesFor(m))
        break
    }
  }
  return out
}

const typeLiteralOf = (ast) => {
  const a = stripRefinements(SchemaAST.typeAST(ast))
  return a._tag === "TypeLiteral" ? a : undefined
}

/** Hand-picked variants of `base` (a request object): `[label, args]`. */
function edgeCases(schema, base, label) {
  const tl = typeLiteralOf(schema.ast)
  if (tl === undefined) return []
  const cases = [[`${label}`, base]]
  const props = tl.propertySignatures
  const names = props.map((p) => String(p.name))
  for (const p of props) {
    const name = String(p.name)
    const members = membersOf(p.type)
    const nullable = members.some((m) => m._tag === "Literal" && m.literal === null)
    for (const v of edgeValuesFor(p.type)) cases.push([`${label} ${name}=${show(v)}`, { ...base, [name]: v }])
    if (nullable) cases.push([`${label} ${name}=null`, { ...base, [name]: null }])
    if (p.isOptional) {
      const { [name]: _, ...rest } = base
      cases.push([`${label} -${name}`, rest])
      cases.push([`${label} ${name}=undefined`, { ...base, [name]: undefined }])
      if (!nullable) cases.push([`${label} ${name}=null (probe: optional, not nullable)`, { ...base, [name]: null }])
    }
    // One level into nested structs (e.g. the webhook `body`).
    const nested = members.find((m) => m._tag === "TypeLiteral" && m.propertySignatures.length > 0)
    if (nested !== undefined) {
      const inner = typeof base[name] === "object" && base[name] !== null ? base[name] : {}
      for (const q of nested.propertySignatures) {
        const qn = String(q.name)
        const qNullable = membersOf(q.type).some((m) => m._tag === "Literal" && m.literal === null)
        for (const v of edgeValuesFor(q.type)) {
          cases.push([`${label} ${name}.${qn}=${show(v)}`, { ...base, [name]: { ...inner, [qn]: v } }])
        }
        if (qNullable) cases.push([`${label} ${name}.${qn}=null`, { ...base, [name]: { ...inner, [qn]: null } }])
        if (q.isOptional) {
          cases.push([`${label} ${name}.${qn}=undefined`, { ...base, [name]: { ...inner, [qn]: undefined } }])
          if (!qNullable) {
            cases.push([`${label} ${name}.${qn}=null (probe)`, { ...base, [name]: { ...inner, [qn]: null } }])
          }
        }
      }
      cases.push([`${label} ${name}+extra`, { ...base, [name]: { ...inner, zz_extra: { a: null, b: [1, "two"] } } }])
    }
  }
  cases.push([`${label} +extra string`, { ...base, zz_extra: "x y/z" }])
  cases.push([`${label} +extra nested`, { ...base, zz_extra: { a: null, b: [1, "two", { c: true }] } }])
  cases.push([`${label} +extra null`, { ...base, zz_extra: null }])
  cases.push([`${label} +extra undefined`, { ...base, zz_extra: undefined }])
  if (!names.includes("X-Sub-Account-Id")) {
    cases.push([`${label} +X-Sub-Account-Id (not in the request type)`, { ...base, "X-Sub-Account-Id": "sub_extra" }])
  }
  cases.push([`${label} reversed key order`, Object.fromEntries(Object.entries(base).reverse())])
  const allOptionalOut = Object.fromEntries(
    Object.entries(base).filter(([k]) => !props.find((p) => String(p.name) === k)?.isOptional)
  )
  cases.push([`${label} only required keys`, allOptionalOut])
  return cases
}

// A small seeded PRNG for the string swaps of the fuzz samples.
const mulberry32 = (a) => () => {
  a |= 0
  a = (a + 0x6d2b79f5) | 0
  let t = Math.imul(a ^ (a >>> 15), 1 | a)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** Swap some string leaves (by the AST) of `value` for hostile strings. */
function mutate(ast, value, rnd) {
  const members = membersOf(ast)
  if (typeof value === "string") {
    const free = members.some((m) => m._tag === "StringKeyword" || m._tag === "TemplateLiteral")
    return free && rnd() < 0.3 ? NASTY[Math.floor(rnd() * NASTY.length)] : value
  }
  if (Array.isArray(value)) {
    const tuple = members.find((m) => m._tag === "TupleType")
    if (tuple === undefined) return value
    const el = tuple.rest[0]?.type ?? tuple.elements[0]?.type
    return el === undefined ? value : value.map((v) => mutate(el, v, rnd))
  }
  if (typeof value === "object" && value !== null) {
    const tl = members.find((m) => m._tag === "TypeLiteral")
    if (tl === undefined) return value
    const out = {}
    for (const [k, v] of Object.entries(value)) {
      const ps = tl.propertySignatures.find((p) => String(p.name) === k)
      const is = tl.indexSignatures[0]
      const newKey = ps === undefined && is !== undefined && rnd() < 0.1 ? NASTY[Math.floor(rnd() * NASTY.length)] : k
      out[newKey] = ps !== undefined ? mutate(ps.type, v, rnd) : is !== undefined ? mutate(is.type, v, rnd) : v
    }
    return out
  }
  return value
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

function show(v) {
  if (v === undefined) return "undefined"
  if (v === null || typeof v === "boolean") return String(v)
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v)
  if (typeof v === "string") return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`
  if (typeof v === "object") {
    return `{${
      Object.keys(v).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${show(v[k])}`).join(", ")
    }}`
  }
  return String(v)
}

const showRequest = (r) => {
  if (r === undefined) return "(none)"
  const h = r.headers
  const hs = ["authorization", "content-type", "x-sub-account-id", "accept"]
    .filter((k) => h[k] !== undefined)
    .map((k) => `${k}: ${h[k]}`)
  return `${r.method} ${r.url}\n      headers: ${hs.join(" | ")}\n      body: ${r.body === null ? "(none)" : r.body}`
}

const size = (v) => show(v).length

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

const kinds = new Map() // key → { cls, group, method, field, detail, count, example: { args, label, off, our } }
const perMethod = []
const bothRejected = new Map()

const record = (group, method, label, args, result) => {
  for (const f of result.found) {
    const k = kinds.get(f.key)
    const example = {
      label,
      args,
      off: result.off.requests[0],
      our: result.our.requests[0],
      offError: result.off.error && firstLine(result.off.error),
      ourOutcome: result.our.outcome,
      typeValid: result.typeValid
    }
    if (k === undefined) {
      kinds.set(f.key, {
        ...f,
        group,
        method,
        methods: new Set([`${group}.${method}`]),
        count: 1,
        typeValidCount: result.typeValid ? 1 : 0,
        example
      })
    } else {
      k.methods.add(`${group}.${method}`)
      k.count++
      if (result.typeValid) k.typeValidCount++
      // Prefer a Type-valid example, then the smallest.
      const better = (result.typeValid && !k.example.typeValid) ||
        (result.typeValid === k.example.typeValid && size(args) < size(k.example.args))
      if (better) k.example = example
    }
  }
  if (result.bothRejected) {
    const key = `${group}.${method} | official: ${stableMessage(result.off.error)} | ours: ${result.our.outcome.tag}`
    if (!bothRejected.has(key)) bothRejected.set(key, { label, args, count: 0 })
    bothRejected.get(key).count++
  }
}

const started = Date.now()
let methodIndex = 0
for (const [group, table] of Object.entries(AgentPhone.groups)) {
  for (const [method, row] of Object.entries(table)) {
    methodIndex++
    const name = `${group}.${method}`
    if (ONLY && !ONLY.has(name) && !ONLY.has(group)) continue
    const noRequest = row.request === Endpoint.NoRequest
    const isValid = isOf(row)
    const cases = []
    if (noRequest) {
      cases.push(["no request", null])
    } else {
      const rnd = mulberry32(SEED + methodIndex)
      const samples = FastCheck.sample(Arbitrary.make(row.request), { numRuns: RUNS, seed: SEED + methodIndex })
      for (const [i, s] of samples.entries()) {
        const m = mutate(SchemaAST.typeAST(row.request.ast), s, rnd)
        cases.push([`fuzz#${i}`, isValid(m) ? m : s])
      }
      if (!cli["no-edge"]) {
        for (const v of vectors.filter((v) => v.resource === group && v.method === method)) {
          cases.push(...edgeCases(row.request, v.sdkArgs, v.id.split("#")[1]))
        }
      }
    }
    let mismatched = 0
    let disagreed = 0
    let cosmetic = 0
    for (const [label, args] of cases) {
      const result = await runCase(row, group, method, args)
      record(group, method, label, args, result)
      if (result.found.some((f) => f.cls === "mismatch")) mismatched++
      if (result.found.some((f) => f.cls === "disagreement")) disagreed++
      if (result.found.some((f) => f.cls === "cosmetic")) cosmetic++
    }
    perMethod.push({ name, cases: cases.length, mismatched, disagreed, cosmetic })
    if (cli.verbose) console.error(`${name}: ${cases.length} cases, ${mismatched} mismatched`)
  }
}

// Greedy shrink of each kind's example: drop keys (top level, then one level down) while the kind persists.
if (SHRINK) {
  for (const [key, k] of kinds) {
    if (k.cls === "info" || k.example.args === null || typeof k.example.args !== "object") continue
    const row = AgentPhone.groups[k.group][k.method]
    const still = async (args) => {
      const r = await runCase(row, k.group, k.method, args)
      return r.typeValid === k.example.typeValid && r.found.some((f) => f.key === key) ? r : undefined
    }
    let args = k.example.args
    let last
    for (let changed = true; changed;) {
      changed = false
      for (const key1 of Object.keys(args)) {
        const { [key1]: _, ...rest } = args
        const r = await still(rest)
        if (r) {
          args = rest
          last = r
          changed = true
          continue
        }
        const inner = args[key1]
        if (typeof inner === "object" && inner !== null && !Array.isArray(inner)) {
          for (const key2 of Object.keys(inner)) {
            const { [key2]: __, ...innerRest } = args[key1]
            const candidate = { ...args, [key1]: innerRest }
            const r2 = await still(candidate)
            if (r2) {
              args = candidate
              last = r2
              changed = true
            }
          }
        }
      }
    }
    if (last) {
      k.example = {
        ...k.example,
        args,
        off: last.off.requests[0],
        our: last.our.requests[0],
        offError: last.off.error && firstLine(last.off.error),
        ourOutcome: last.our.outcome,
        shrunk: true
      }
    }
  }
}

server.close()
server.closeAllConnections?.()

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const lines = []
const p = (s = "") => lines.push(s)
p(`wire-diff: agentphone-effect vs agentphone 1.0.17 — runs=${RUNS} seed=${SEED} (${
  ((Date.now() - started) / 1000).toFixed(1)
} s)`)
p()
p("per method: cases (fuzz + edge), cases with a wire mismatch, disagreements (only one side sends), cosmetic-only")
for (const m of perMethod) {
  p(`  ${m.name.padEnd(44)} ${String(m.cases).padStart(5)}  mismatch ${String(m.mismatched).padStart(4)}  disagree ${
    String(m.disagreed).padStart(4)
  }  cosmetic ${String(m.cosmetic).padStart(4)}`)
}
const total = perMethod.reduce(
  (a, m) => ({
    cases: a.cases + m.cases,
    mismatched: a.mismatched + m.mismatched,
    disagreed: a.disagreed + m.disagreed
  }),
  { cases: 0, mismatched: 0, disagreed: 0 }
)
p(`  ${"TOTAL".padEnd(44)} ${String(total.cases).padStart(5)}  mismatch ${
  String(total.mismatched).padStart(4)
}  disagree ${String(total.disagreed).padStart(4)}`)

const section = (cls, title) => {
  const list = [...kinds.values()].filter((k) => k.cls === cls).sort((a, b) => a.key.localeCompare(b.key))
  p()
  p(`== ${title}: ${list.length} distinct kind(s)`)
  for (const k of list) {
    p()
    p(`-- ${k.key}   [${k.count} case(s), ${k.typeValidCount} Type-valid${
      k.methods.size > 1 ? `; ${k.methods.size} methods: ${[...k.methods].join(", ")}` : ""
    }]`)
    p(`   args (${k.example.label}${k.example.shrunk ? ", shrunk" : ""}${
      k.example.typeValid ? "" : ", NOT Type-valid"
    }): ${show(k.example.args)}`)
    p(`   official: ${k.example.off ? showRequest(k.example.off) : `(no request) ${k.example.offError ?? ""}`}`)
    p(`   ours:     ${k.example.our ? showRequest(k.example.our) : `(no request) ${show(k.example.ourOutcome)}`}`)
  }
}
section("mismatch", "WIRE MISMATCHES (both send, requests differ)")
section("disagreement", "DISAGREEMENTS (only one side sends a request)")
section("defect", "BOTH REFUSE, BUT OURS WITH A DEFECT (not a typed error)")
section("cosmetic", "COSMETIC (same meaning on the wire: raw query encoding, JSON key order/formatting)")
section("info", "INFORMATIONAL (other headers, failures after sending)")
p()
p(`== both SDKs refused to send: ${bothRejected.size} kind(s)`)
for (const [k, v] of bothRejected) p(`   ${k}   [${v.count}] e.g. ${v.label}: ${show(v.args).slice(0, 160)}`)

const text = lines.join("\n")
console.log(text)
mkdirSync(dirname(cli.out), { recursive: true })
writeFileSync(
  cli.out,
  JSON.stringify(
    {
      runs: RUNS,
      seed: SEED,
      perMethod,
      kinds: [...kinds.values()].map((k) => ({
        ...k,
        methods: [...k.methods],
        example: { ...k.example, args: show(k.example.args) }
      })),
      bothRejected: [...bothRejected].map(([k, v]) => ({ key: k, count: v.count, label: v.label, args: show(v.args) }))
    },
    null,
    2
  )
)

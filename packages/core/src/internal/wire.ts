/**
 * How a request object becomes the bytes the official SDK sends (`api/endpoints.md`): optional
 * keys set to `undefined` are left out, a body keeps the caller's key order, path parameters and
 * query names and values are escaped with `encodeURIComponent` (space `%20`, never `+`).
 *
 * @internal
 */

// How deep `withoutUndefined` and `inOrderOf` look (a request object is a few levels deep; past
// this, a value is left as it is, so a cyclic value cannot recurse without end).
const maxDepth = 64

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const isPlainObject = (u: unknown): u is Record<string, unknown> => {
  if (!isObject(u)) return false
  const proto = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

/**
 * `out[key] = value`, that also holds for a key named `__proto__` (an own key, as `JSON.parse`
 * makes it, rather than the prototype).
 *
 * @internal
 */
export const put = (out: Record<string, unknown>, key: string, value: unknown): void => {
  if (key === "__proto__") {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  } else {
    out[key] = value
  }
}

/**
 * `u` without the keys of plain objects whose value is `undefined`, at any depth (what
 * `JSON.stringify` leaves out, and what the official SDK skips in a query); `u` itself when it has
 * none.
 *
 * @internal
 */
export const withoutUndefined = (u: unknown, depth = 0): unknown => {
  if (depth >= maxDepth || typeof u !== "object" || u === null) return u
  if (Array.isArray(u)) {
    let copy: Array<unknown> | undefined
    for (let i = 0; i < u.length; i++) {
      const v = withoutUndefined(u[i], depth + 1)
      if (v !== u[i]) (copy ??= u.slice())[i] = v
    }
    return copy ?? u
  }
  if (!isPlainObject(u)) return u
  const keys = Object.keys(u)
  let out: Record<string, unknown> | undefined
  for (let i = 0; i < keys.length; i++) {
    const value = u[keys[i]]
    const next = value === undefined ? undefined : withoutUndefined(value, depth + 1)
    if (out === undefined && (value === undefined || next !== value)) {
      out = {}
      for (let j = 0; j < i; j++) put(out, keys[j], u[keys[j]])
    }
    if (out !== undefined && next !== undefined) put(out, keys[i], next)
  }
  return out ?? u
}

/**
 * `encoded` (what the request schema made of `input`) with the keys of its plain objects in
 * `input`'s order, at any depth: the body's key order is the caller's, as `JSON.stringify` of the
 * request object gives it. Keys `input` does not have come last; an own `__proto__` key of `input`
 * that the encoded value lacks is kept, as `JSON.stringify` keeps it.
 *
 * @internal
 */
export const inOrderOf = (encoded: unknown, input: unknown, depth = 0): unknown => {
  if (depth >= maxDepth || typeof encoded !== "object" || encoded === null) return encoded
  if (Array.isArray(encoded)) {
    if (!Array.isArray(input)) return encoded
    return encoded.map((v, i) => inOrderOf(v, input[i], depth + 1))
  }
  // (an encoder that copies an own `__proto__` key by assignment gives its output that prototype)
  if (!isPlainObject(input) || !isObject(encoded)) return encoded
  if (!isPlainObject(encoded) && !Object.hasOwn(input, "__proto__")) return encoded
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(input)) {
    if (Object.hasOwn(encoded, key)) put(out, key, inOrderOf(encoded[key], input[key], depth + 1))
    // an own `__proto__` key is data to `JSON.stringify`, which Schema's encoders leave out
    else if (key === "__proto__") put(out, key, input[key])
  }
  for (const key of Object.keys(encoded)) {
    if (!Object.hasOwn(out, key)) put(out, key, encoded[key])
  }
  return out
}

/**
 * What an issue says of a name or value that is not well-formed Unicode.
 *
 * @internal
 */
export const malformed = "is not well-formed Unicode (it holds a lone surrogate)"

/**
 * `encodeURIComponent(s)`, or `undefined` when `s` is not well-formed Unicode (it holds a lone
 * surrogate, which no URL can carry).
 *
 * @internal
 */
export const component = (s: string): string | undefined => {
  try {
    return encodeURIComponent(s)
  } catch {
    return undefined
  }
}

/**
 * The query string of `pairs` (no leading `?`; empty for none), each name and value escaped with
 * `encodeURIComponent`; or the first pair whose name or value is not well-formed Unicode.
 *
 * @internal
 */
export const queryString = (
  pairs: ReadonlyArray<readonly [string, string]>
): { readonly query: string } | { readonly malformed: readonly [string, string] } => {
  let query = ""
  for (const pair of pairs) {
    const name = component(pair[0])
    const value = component(pair[1])
    if (name === undefined || value === undefined) return { malformed: pair }
    query += (query === "" ? "" : "&") + name + "=" + value
  }
  return { query }
}

/**
 * Mutations of plain JSON-like data for property tests of decoders (core's compiled decoder against
 * the Schema decoder; the webhooks package uses it too): replace or remove any value, add a key to
 * any object. Copies keep every own key as an own data property (`__proto__` too), as `JSON.parse`
 * makes them.
 */

/** A replacement value that removes the slot instead. */
export const DELETE = Symbol("delete")

/** An own enumerable data property, as `JSON.parse` makes it (`__proto__` included). */
export const define = (target: object, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })

/** A deep copy of plain data, own keys (`__proto__` too) kept as own data properties. */
export const clone = (u: unknown): unknown => {
  if (Array.isArray(u)) return u.map(clone)
  if (typeof u === "object" && u !== null) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(u)) define(out, key, clone((u as Record<string, unknown>)[key]))
    return out
  }
  return u
}

type Slot = readonly [Record<string, unknown> | Array<unknown>, string | number]

/** Every (container, key) pair inside `u`. */
export const slots = (u: unknown, out: Array<Slot> = []): Array<Slot> => {
  if (Array.isArray(u)) {
    u.forEach((v, i) => {
      out.push([u, i])
      slots(v, out)
    })
  } else if (typeof u === "object" && u !== null) {
    const record = u as Record<string, unknown>
    for (const key of Object.keys(record)) {
      out.push([record, key])
      slots(record[key], out)
    }
  }
  return out
}

/** Every object inside `u` (itself included). */
export const objects = (u: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> => {
  if (Array.isArray(u)) u.forEach((v) => objects(v, out))
  else if (typeof u === "object" && u !== null) {
    out.push(u as Record<string, unknown>)
    for (const v of Object.values(u)) objects(v, out)
  }
  return out
}

/** Replace (or, with `DELETE`, remove) the value at slot `at`; or add `key` to object `at`. */
export type Mutation =
  | { readonly _tag: "Replace"; readonly at: number; readonly value: unknown }
  | { readonly _tag: "AddKey"; readonly at: number; readonly key: string; readonly value: unknown }

/** A mutated copy of `u` (slots and objects are counted modulo how many there are). */
export const mutate = (u: unknown, mutations: ReadonlyArray<Mutation>): unknown => {
  let copy = clone(u)
  for (const m of mutations) {
    if (m._tag === "AddKey") {
      const targets = objects(copy)
      if (targets.length > 0) define(targets[m.at % targets.length], m.key, clone(m.value))
      continue
    }
    const all = slots(copy)
    if (all.length === 0) {
      copy = m.value === DELETE ? copy : clone(m.value)
      continue
    }
    const [container, key] = all[m.at % all.length]
    if (m.value === DELETE) {
      if (Array.isArray(container)) container.splice(key as number, 1)
      else delete container[key as string]
    } else {
      define(container, String(key), clone(m.value))
    }
  }
  return copy
}

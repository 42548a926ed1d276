/**
 * Building the Chunks a parsing stage emits so that V8 never pretenures them.
 *
 * V8 decides per literal site ("allocation site") whether to allocate its objects straight in the
 * old generation, from how many of them survived recent minor GCs. `Chunk.unsafeFromArray` builds
 * every array chunk from one object literal in `effect`, shared by the whole process; once V8 has
 * decided to pretenure it (which depends on what the process happened to run first: a parsing
 * stage that is the first Stream to run triggers it), each output chunk is born old, and though
 * dead a moment later it keeps its events alive through every minor GC until the next full GC.
 * Every event and its data string is then copied and promoted: the SSE stage ran about 5x slower
 * (`bench/sse-parse.mjs`; `node --no-allocation-site-pretenuring` removed the gap, and so does
 * building the chunk here). Objects made by `new` carry no allocation site, so they are born young.
 *
 * @internal
 */
import * as Chunk from "effect/Chunk"

/** The representation `effect`'s Chunk uses for an array (`{ _tag: "IArray", array }`). */
class ArrayBacking<A> {
  readonly _tag = "IArray"
  constructor(readonly array: ReadonlyArray<A>) {}
}

const emptyChunk: Chunk.Chunk<never> = Chunk.empty()
const chunkPrototype: object | null = Object.getPrototypeOf(emptyChunk)

const buildChunk = <A>(array: ReadonlyArray<A>): Chunk.Chunk<A> => {
  const chunk = Object.create(chunkPrototype)
  chunk.backing = new ArrayBacking(array)
  chunk.length = array.length
  chunk.depth = 0
  chunk.left = emptyChunk
  chunk.right = emptyChunk
  return chunk
}

/**
 * Whether this `effect` lays out an array chunk exactly as `buildChunk` does (it has since effect
 * 2.0); if not, `unsafeChunkFromArray` falls back to the public constructor.
 */
export const chunkLayoutMatches: boolean = ((): boolean => {
  const array = [0, 1]
  const probe = Chunk.unsafeFromArray(array)
  const backing: unknown = Reflect.get(probe, "backing")
  if (
    Object.keys(probe).join(",") !== "backing,length,depth,left,right" ||
    typeof backing !== "object" || backing === null || Object.keys(backing).join(",") !== "_tag,array" ||
    Reflect.get(backing, "_tag") !== "IArray" || Reflect.get(backing, "array") !== array ||
    Reflect.get(probe, "depth") !== 0 || Reflect.get(probe, "left") !== emptyChunk ||
    Reflect.get(probe, "right") !== emptyChunk
  ) return false
  const built = buildChunk([0, 1])
  return Chunk.isChunk(built) && Chunk.size(built) === 2 && Chunk.unsafeGet(built, 1) === 1 &&
    Chunk.toReadonlyArray(Chunk.appendAll(built, probe)).join(",") === "0,1,0,1"
})()

/** A Chunk over `array` (not copied), with no pretenurable allocation site on the way. */
export const unsafeChunkFromArray = <A>(array: ReadonlyArray<A>): Chunk.Chunk<A> =>
  chunkLayoutMatches ? buildChunk(array) : Chunk.unsafeFromArray(array)

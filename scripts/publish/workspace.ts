/**
 * The workspace's publishable packages, found by globbing `packages/*`, so a package that lands is
 * checked without editing these scripts.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

export interface PackageJson {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly type?: string
  readonly license?: string
  readonly sideEffects?: boolean | ReadonlyArray<string>
  readonly engines?: Record<string, string>
  readonly exports?: Record<string, unknown>
  readonly files?: ReadonlyArray<string>
  readonly homepage?: string
  readonly repository?: unknown
  readonly bugs?: unknown
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>
  readonly devDependencies?: Record<string, string>
  readonly bin?: string | Record<string, string>
}

export interface WorkspacePackage {
  /** The folder name under `packages/`, e.g. `core`. */
  readonly dir: string
  readonly path: string
  readonly json: PackageJson
  /** The modules under `src/` (one subpath export each), without `index` and `bin` scripts. */
  readonly modules: ReadonlyArray<string>
}

const readJson = (file: string): PackageJson => JSON.parse(fs.readFileSync(file, "utf8"))

/** Every non-private package under `packages/`, sorted so dependencies come before dependents. */
export const packages = (): ReadonlyArray<WorkspacePackage> => {
  const dir = path.join(root, "packages")
  const found = fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "package.json")))
    .map((d): WorkspacePackage => {
      const pkgPath = path.join(dir, d.name)
      const srcDir = path.join(pkgPath, "src")
      const json = readJson(path.join(pkgPath, "package.json"))
      // A `bin` script runs when imported: it is not a library module.
      const bins = new Set(
        Object.values(typeof json.bin === "string" ? { bin: json.bin } : json.bin ?? {})
          .map((b) => path.basename(b).replace(/\.js$/, ""))
      )
      const modules = fs.existsSync(srcDir)
        ? fs.readdirSync(srcDir)
          .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
          .map((f) => f.replace(/\.tsx?$/, ""))
          .filter((m) => m !== "index" && !bins.has(m))
          .sort()
        : []
      return { dir: d.name, path: pkgPath, json, modules }
    })
    .filter((p) => p.json.private !== true)
  const names = new Set(found.map((p) => p.json.name))
  const deps = (p: WorkspacePackage) =>
    Object.keys({ ...p.json.dependencies, ...p.json.peerDependencies }).filter((n) => names.has(n))
  const sorted: Array<WorkspacePackage> = []
  const visit = (p: WorkspacePackage, seen: Set<string>) => {
    if (sorted.includes(p) || seen.has(p.json.name)) return
    seen.add(p.json.name)
    for (const d of deps(p)) visit(found.find((q) => q.json.name === d)!, seen)
    sorted.push(p)
  }
  for (const p of [...found].sort((a, b) => a.dir.localeCompare(b.dir))) visit(p, new Set())
  return sorted
}

/**
 * Server-side packages, not bundled for the browser: the sandbox listens on sockets, webhooks
 * verifies signatures with `node:crypto` (Node, Bun, Deno and edge runtimes with Node compat).
 */
export const nodeOnly: ReadonlySet<string> = new Set([
  "@agentphone-effect/node",
  "@agentphone-effect/sandbox",
  "@agentphone-effect/webhooks"
])

export interface RunResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command without a shell and collects its output. Never rejects: check `code`. */
export const run = (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly cwd: string; readonly env?: Record<string, string> }
): Promise<RunResult> =>
  new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("error", (error) => resolve({ code: 127, stdout, stderr: stderr + String(error) }))
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })

/** A workspace binary from the root `node_modules/.bin`. */
export const bin = (name: string): string => path.join(root, "node_modules", ".bin", name)

/** Formats a failed command for an assertion message. */
export const explain = (what: string, result: RunResult): string =>
  `${what} exited ${result.code}\n--- stdout ---\n${result.stdout.slice(-6000)}\n--- stderr ---\n${
    result.stderr.slice(-6000)
  }`

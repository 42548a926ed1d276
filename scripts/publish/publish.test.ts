/**
 * Packaging checks for every package under `packages/*`, run on the tarballs `pnpm pack` makes:
 * manifest rules, publint, @arethetypeswrong/cli, a scratch install with npm outside the
 * workspace (Node import of every entry point, a tsc type-check, a run against a local server),
 * esbuild bundles for the browser, and the release plan (every package starts at 0.1.0).
 *
 * Needs `pnpm build` first (the tarballs ship `dist/`). Run with `pnpm run check:publish`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import ts from "typescript"
import { afterAll, beforeAll } from "vitest"
import { bin, explain, nodeOnly, packages, root, run, type WorkspacePackage } from "./workspace.js"

const all = packages()
/** Where every package's `repository`, `homepage` and `bugs` point. */
const repositoryUrl = "https://github.com/agentphone-effect/agentphone-effect"
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "agentphone-effect-publish-"))
const packDir = path.join(tmp, "packs")
const scratch = path.join(tmp, "scratch")
const tarballs = new Map<string, string>()

afterAll(() => {
  if (process.env.KEEP_PUBLISH_TMP === undefined) fs.rmSync(tmp, { recursive: true, force: true })
})

beforeAll(async () => {
  fs.mkdirSync(packDir, { recursive: true })
  for (const p of all) {
    assert.isTrue(
      fs.existsSync(path.join(p.path, "dist", "index.js")),
      `${p.json.name}: dist/index.js is missing; run \`pnpm build\` first`
    )
    const result = await run("pnpm", ["pack", "--pack-destination", packDir], { cwd: p.path })
    assert.strictEqual(result.code, 0, explain(`pnpm pack (${p.json.name})`, result))
    const file = fs.readdirSync(packDir).find((f) =>
      f.startsWith(p.json.name.replace("@", "").replace("/", "-") + "-" + p.json.version + ".tgz")
    )
    assert.isDefined(file, `${p.json.name}: pnpm pack wrote no tarball to ${packDir}`)
    tarballs.set(p.json.name, path.join(packDir, file!))
  }
}, 120_000)

const tarballOf = (p: WorkspacePackage): string => tarballs.get(p.json.name)!

const listTarball = async (p: WorkspacePackage): Promise<ReadonlyArray<string>> => {
  const result = await run("tar", ["tzf", tarballOf(p)], { cwd: tmp })
  assert.strictEqual(result.code, 0, explain("tar tzf", result))
  return result.stdout.split("\n").filter((l) => l.length > 0).map((l) => l.replace(/^package\//, ""))
}

const packedJson = async (p: WorkspacePackage): Promise<Record<string, unknown>> => {
  const result = await run("tar", ["xzfO", tarballOf(p), "package/package.json"], { cwd: tmp })
  assert.strictEqual(result.code, 0, explain("tar xzfO", result))
  return JSON.parse(result.stdout)
}

/** Bare module specifiers imported by `src/` (not relative, not `node:`), reduced to package names. */
const importedPackages = (p: WorkspacePackage): ReadonlySet<string> => {
  const names = new Set<string>()
  const srcDir = path.join(p.path, "src")
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (/\.tsx?$/.test(entry.name)) {
        // The TypeScript pre-processor lists real imports only (not comments or strings).
        const imports = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles
        for (const { fileName: spec } of imports) {
          if (spec.startsWith(".") || spec.startsWith("node:")) continue
          const parts = spec.split("/")
          names.add(spec.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!)
        }
      }
    }
  }
  if (fs.existsSync(srcDir)) walk(srcDir)
  return names
}

describe.each(all.map((p) => [p.json.name, p] as const))("%s", (_name, p) => {
  it("package.json: ESM exports (source condition, types, default), per-module subpaths", () => {
    const json = p.json
    assert.strictEqual(json.type, "module")
    const exp = json.exports as Record<string, Record<string, string>> | undefined
    assert.isDefined(exp, "exports is missing")
    for (const key of [".", "./*"]) {
      const entry = exp![key]
      assert.isDefined(entry, `exports["${key}"] is missing (per-module subpaths need "./*")`)
      assert.deepStrictEqual(
        Object.keys(entry!),
        ["@agentphone-effect/source", "types", "default"],
        `exports["${key}"] must list the source condition, then types, then default`
      )
      const ext = key === "." ? "index" : "*"
      assert.strictEqual(entry!.types, `./dist/${ext}.d.ts`)
      assert.strictEqual(entry!.default, `./dist/${ext}.js`)
    }
    assert.strictEqual(exp!["./package.json"], "./package.json")
  })

  it("package.json: sideEffects, license, engines, files", () => {
    const json = p.json
    assert.strictEqual(json.sideEffects, false, "sideEffects: false lets bundlers drop unused modules")
    assert.strictEqual(json.license, "MIT")
    assert.match(json.engines?.node ?? "", /^>=\s*20(\.|$)/, "engines.node must be \">=20\"")
    assert.includeMembers([...(json.files ?? [])], ["dist", "README.md", "LICENSE"])
  })

  it("package.json: repository, homepage and bugs point at the one repository", () => {
    const json = p.json
    assert.deepStrictEqual(json.repository, {
      type: "git",
      url: `git+${repositoryUrl}.git`,
      directory: `packages/${p.dir}`
    })
    assert.strictEqual(json.homepage, `${repositoryUrl}/tree/main/packages/${p.dir}#readme`)
    assert.deepStrictEqual(json.bugs, { url: `${repositoryUrl}/issues` })
  })

  it("package.json: README and LICENSE in the package folder", () => {
    assert.isTrue(fs.existsSync(path.join(p.path, "README.md")), "README.md is missing")
    const license = fs.existsSync(path.join(p.path, "LICENSE"))
      ? fs.readFileSync(path.join(p.path, "LICENSE"), "utf8")
      : ""
    assert.match(license, /^MIT License/, "LICENSE (MIT) is missing")
  })

  it("package.json: effect, @effect/* and react are peers (also dev deps); every import is declared", () => {
    const json = p.json
    const deps = json.dependencies ?? {}
    const peers = json.peerDependencies ?? {}
    const dev = json.devDependencies ?? {}
    for (const [name, range] of Object.entries({ ...deps, ...peers, ...dev })) {
      assert.notMatch(range, /^(latest|\*|)$/, `${name}: "${range}" is not an explicit range`)
    }
    assert.property(peers, "effect", "effect must be a peer dependency")
    const imported = importedPackages(p)
    for (const name of imported) {
      if (name === p.json.name) continue
      assert.isTrue(
        name in deps || name in peers,
        `src imports ${name}, which is neither a dependency nor a peer dependency`
      )
      if (/^(effect|@effect\/|react$|react-dom$)/.test(name)) {
        assert.notProperty(deps, name, `${name} must be a peer dependency, not a dependency`)
        assert.property(dev, name, `${name} is a peer, so it must be a dev dependency too`)
      }
    }
    for (const [name, range] of Object.entries(deps)) {
      if (name.startsWith("@agentphone-effect/")) assert.strictEqual(range, "workspace:^")
    }
  })

  it("tarball: dist with types for every module, README, LICENSE; no tests or build info", async () => {
    const files = await listTarball(p)
    for (const f of ["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts"]) {
      assert.include(files, f)
    }
    for (const m of p.modules) {
      assert.include(files, `dist/${m}.js`, `module ${m} has no dist/${m}.js`)
      assert.include(files, `dist/${m}.d.ts`, `module ${m} has no dist/${m}.d.ts`)
    }
    for (const f of files) {
      assert.notMatch(
        f,
        /(^test\/|\.tsbuildinfo$|\.test\.|^bench\/|^docs\/|node_modules)/,
        `${f} must not be published`
      )
    }
    const packed = await packedJson(p)
    assert.notInclude(JSON.stringify(packed), "workspace:", "pnpm pack left a workspace: range")
  })

  it("publint --strict on the tarball: no errors, warnings or suggestions", async () => {
    const { publint } = await import("publint")
    const { formatMessage } = await import("publint/utils")
    const tarball = fs.readFileSync(tarballOf(p))
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      level: "suggestion",
      strict: true
    })
    assert.deepStrictEqual(messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`), [])
  })

  it.concurrent("attw (esm-only profile) on the tarball, for the root and every module subpath", async () => {
    const entrypoints = [".", ...p.modules.map((m) => `./${m}`)]
    const result = await run(
      bin("attw"),
      [tarballOf(p), "--profile", "esm-only", "--format", "ascii", "--entrypoints", ...entrypoints],
      { cwd: tmp, env: { FORCE_COLOR: "0" } }
    )
    assert.strictEqual(result.code, 0, explain("attw", result))
  }, 60_000)
})

describe("scratch project outside the workspace (npm install of the tarballs)", () => {
  const server = http.createServer((req, res) => {
    const auth = req.headers.authorization
    res.setHeader("content-type", "application/json")
    if (auth !== "Bearer sk_smoke") {
      res.statusCode = 401
      res.end(JSON.stringify({ detail: `bad authorization: ${auth}` }))
    } else if (req.method === "GET" && req.url === "/v1/agents") {
      res.end(JSON.stringify({
        data: [{
          id: "agt_1",
          name: "Smoke",
          description: null,
          voiceMode: "hosted",
          voice: "alloy",
          createdAt: "2026-01-01T00:00:00Z"
        }],
        total: 1
      }))
    } else {
      res.statusCode = 404
      res.end(JSON.stringify({ detail: "Agent not found" }))
    }
  })
  let baseUrl = ""
  const programs = ["smoke.ts", "sandbox-smoke.ts"]

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    fs.mkdirSync(scratch, { recursive: true })
    fs.writeFileSync(
      path.join(scratch, "package.json"),
      JSON.stringify({ name: "agentphone-effect-smoke", private: true, type: "module" }, null, 2)
    )
    // Peers come with the explicit ranges the packages declare (never `latest`: Effect 4 is).
    const peers = new Map<string, string>()
    for (const p of all) {
      for (const [name, range] of Object.entries(p.json.peerDependencies ?? {})) {
        if (!name.startsWith("@agentphone-effect/")) peers.set(name, range)
      }
    }
    const typesNode =
      JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).devDependencies["@types/node"]
    const specs = [
      ...all.map(tarballOf),
      ...[...peers].map(([name, range]) => `${name}@${range}`),
      `@types/node@${typesNode}`
    ]
    const result = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], {
      cwd: scratch
    })
    assert.strictEqual(result.code, 0, explain("npm install", result))
    for (const f of programs) fs.copyFileSync(path.join(root, "scripts/publish/fixtures", f), path.join(scratch, f))
  }, 240_000)

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it("Node imports every package and every module subpath", async () => {
    const specifiers = all.flatMap((p) => [p.json.name, ...p.modules.map((m) => `${p.json.name}/${m}`)])
    const script = `
      const specifiers = ${JSON.stringify(specifiers)}
      const empty = []
      for (const s of specifiers) {
        const mod = await import(s)
        if (Object.keys(mod).length === 0) empty.push(s)
      }
      if (empty.length > 0) throw new Error("no exports: " + empty.join(", "))
      console.log("imported " + specifiers.length)
    `
    const result = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: scratch })
    assert.strictEqual(result.code, 0, explain("node import", result))
    assert.include(result.stdout, `imported ${specifiers.length}`)
  }, 60_000)

  it("tsc (NodeNext, strict) type-checks and compiles a program against the published types", async () => {
    fs.writeFileSync(
      path.join(scratch, "tsconfig.json"),
      JSON.stringify(
        {
          compilerOptions: {
            target: "ES2022",
            module: "NodeNext",
            moduleResolution: "NodeNext",
            strict: true,
            exactOptionalPropertyTypes: true,
            skipLibCheck: true,
            lib: ["ES2022", "DOM"],
            types: [],
            outDir: "out"
          },
          files: programs
        },
        null,
        2
      )
    )
    const result = await run(bin("tsc"), ["-p", "tsconfig.json"], { cwd: scratch })
    assert.strictEqual(result.code, 0, explain("tsc", result))
  }, 120_000)

  it("the compiled program runs on Node against a local server", async () => {
    const script = `const { main } = await import("./out/smoke.js"); console.log(await main(${
      JSON.stringify(baseUrl)
    }))`
    const result = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: scratch })
    assert.strictEqual(result.code, 0, explain("node out/smoke.js", result))
    assert.strictEqual(result.stdout.trim(), "1 agent(s): Smoke; typed 404")
  }, 60_000)

  it("the compiled program runs on Node against the packed sandbox", async () => {
    const script = `const { main } = await import("./out/sandbox-smoke.js"); console.log(await main())`
    const result = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: scratch })
    assert.strictEqual(result.code, 0, explain("node out/sandbox-smoke.js", result))
    assert.strictEqual(result.stdout.trim(), "1 agent(s): Support; typed 404")
  }, 60_000)

  it("esbuild bundles the program for the browser, and the bundle runs", async () => {
    const esbuild = await import("esbuild")
    const outfile = path.join(scratch, "bundle", "smoke.browser.js")
    await esbuild.build({
      absWorkingDir: scratch,
      entryPoints: ["smoke.ts"],
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      outfile,
      logLevel: "silent"
    })
    const script = `const { main } = await import(${JSON.stringify(outfile)}); console.log(await main(${
      JSON.stringify(baseUrl)
    }))`
    const result = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: scratch })
    assert.strictEqual(result.code, 0, explain("node bundle/smoke.browser.js", result))
    assert.strictEqual(result.stdout.trim(), "1 agent(s): Smoke; typed 404")
  }, 60_000)

  it("every browser package bundles for the browser, and an unused import tree-shakes away", async () => {
    const esbuild = await import("esbuild")
    for (const p of all.filter((p) => !nodeOnly.has(p.json.name))) {
      const used = await esbuild.build({
        absWorkingDir: scratch,
        stdin: {
          contents: `import * as M from "${p.json.name}"; console.log(Object.keys(M).length)`,
          resolveDir: scratch,
          loader: "js"
        },
        bundle: true,
        platform: "browser",
        format: "esm",
        write: false,
        logLevel: "silent"
      })
      assert.isAbove(used.outputFiles[0]!.contents.length, 0)
      const unused = await esbuild.build({
        absWorkingDir: scratch,
        stdin: { contents: `import "${p.json.name}"`, resolveDir: scratch, loader: "js" },
        bundle: true,
        platform: "browser",
        format: "esm",
        minify: true,
        write: false,
        logLevel: "silent"
      })
      const size = unused.outputFiles[0]!.contents.length
      assert.isBelow(size, 200, `${p.json.name}: a side-effect-only import left ${size} bytes (sideEffects?)`)
    }
  }, 120_000)
})

describe("release plan", () => {
  it("changesets take every package from 0.0.0 to 0.1.0 (or it is already released)", async () => {
    const { default: getReleasePlan } = await import("@changesets/get-release-plan")
    const plan = await getReleasePlan(root)
    for (const p of all) {
      const release = plan.releases.find((r) => r.name === p.json.name)
      if (p.json.version === "0.0.0") {
        assert.isDefined(release, `${p.json.name} has no pending changeset: add .changeset/<name>.md with "minor"`)
        assert.strictEqual(release!.newVersion, "0.1.0", `${p.json.name} would be released as ${release!.newVersion}`)
      } else {
        assert.notMatch(p.json.version, /^0\.0\./, `${p.json.name}: versions start at 0.1.0`)
      }
    }
  })
})

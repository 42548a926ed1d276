// Adds the fields every published package needs (homepage, repository, LICENSE) where missing.
// Usage: node scripts/publish/fix-manifest.mjs packages/<name>...
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"

const repo = "https://github.com/agentphone-effect/agentphone-effect"
for (const dir of process.argv.slice(2)) {
  const file = path.join(dir, "package.json")
  const json = JSON.parse(readFileSync(file, "utf8"))
  const name = path.basename(dir)
  const out = {}
  for (const [key, value] of Object.entries(json)) {
    if (key === "homepage" || key === "repository") continue
    out[key] = value
    if (key === "license") {
      out.homepage = `${repo}/tree/main/packages/${name}#readme`
      out.repository = { type: "git", url: `git+${repo}.git`, directory: `packages/${name}` }
    }
  }
  const text = JSON.stringify(out, null, 2).replace(
    /"files": \[([^\]]*)\]/,
    (_, items) => `"files": [${items.trim().split(/,\s*/).join(", ")}]`
  )
  writeFileSync(file, text + "\n")
  if (!existsSync(path.join(dir, "LICENSE"))) copyFileSync("LICENSE", path.join(dir, "LICENSE"))
}

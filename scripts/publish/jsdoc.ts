/**
 * Reads the JSDoc of every export in a package's `src/` with the TypeScript parser: which exports
 * lack `@since` or `@example`, and the fenced code blocks of every `@example` (so they can be
 * type-checked). `@internal` exports are skipped.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import ts from "typescript"
import type { WorkspacePackage } from "./workspace.js"

export interface Export {
  readonly file: string
  readonly line: number
  readonly name: string
  readonly since: boolean
  readonly example: boolean
}

export interface Example {
  readonly file: string
  readonly line: number
  readonly lang: "ts" | "tsx"
  readonly code: string
}

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const file = path.join(dir, d.name)
      if (d.isDirectory()) return d.name === "internal" ? [] : sourceFiles(file)
      return /\.tsx?$/.test(d.name) && !d.name.endsWith(".d.ts") ? [file] : []
    })
    : []

const isExported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)

const nameOf = (node: ts.Node): string => {
  if (ts.isVariableStatement(node)) return node.declarationList.declarations.map((d) => d.name.getText()).join(", ")
  if (ts.isExportDeclaration(node)) {
    return node.exportClause ? node.exportClause.getText() : `* from ${node.moduleSpecifier?.getText()}`
  }
  const name = (node as ts.Node & { readonly name?: ts.Node }).name
  return name ? name.getText() : ts.SyntaxKind[node.kind]
}

/** Every export (declaration or re-export) of the package's public modules, with its tags. */
export const exportsOf = (p: WorkspacePackage): ReadonlyArray<Export> =>
  sourceFiles(path.join(p.path, "src")).flatMap((file) => {
    const text = fs.readFileSync(file, "utf8")
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    const out: Array<Export> = []
    for (const statement of source.statements) {
      const reexport = ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined
      if (!reexport && !isExported(statement) && !ts.isExportAssignment(statement)) continue
      const tags = ts.getJSDocTags(statement).map((t) => t.tagName.text)
      if (tags.includes("internal")) continue
      out.push({
        file: path.relative(p.path, file),
        line: source.getLineAndCharacterOfPosition(statement.getStart()).line + 1,
        name: nameOf(statement),
        since: tags.includes("since"),
        example: tags.includes("example")
      })
    }
    return out
  })

/** The fenced `ts`/`tsx` code blocks inside the package's JSDoc comments. */
export const examplesOf = (p: WorkspacePackage): ReadonlyArray<Example> =>
  sourceFiles(path.join(p.path, "src")).flatMap((file) => {
    const text = fs.readFileSync(file, "utf8")
    const out: Array<Example> = []
    for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
      const startLine = text.slice(0, comment.index).split("\n").length
      const lines = comment[0].split("\n").map((l) => l.replace(/^\s*\*( |$)/, "").replace(/^\/\*\*\s?/, ""))
      for (let i = 0; i < lines.length; i++) {
        const open = /^```(ts|tsx|typescript)\s*$/.exec(lines[i]!.trim())
        if (!open) continue
        const end = lines.findIndex((l, j) => j > i && l.trim() === "```")
        if (end === -1) break
        out.push({
          file: path.relative(p.path, file),
          line: startLine + i + 1,
          lang: open[1] === "tsx" ? "tsx" : "ts",
          code: lines.slice(i + 1, end).join("\n")
        })
        i = end
      }
    }
    return out
  })

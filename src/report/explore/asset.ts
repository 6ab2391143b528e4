/** The prebuilt explorer script (assets/explorer.js, shipped in the package). */
import { readFile } from 'node:fs/promises'

// src/report/explore and dist/report/explore both sit three levels below the package root.
const ASSET_URL = new URL('../../../assets/explorer.js', import.meta.url)

let script: Promise<string> | undefined

export function explorerScript(): Promise<string> {
  script ??= readFile(ASSET_URL, 'utf8')
  return script
}

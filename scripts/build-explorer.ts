/** npm run build:explorer: writes assets/explorer.js (see explorer-build.ts). */
import { writeFileSync } from 'node:fs'
import { ASSET, buildExplorer } from './explorer-build.js'

const { code, inputs } = await buildExplorer()
writeFileSync(ASSET, code)
console.log(`${ASSET}: ${code.length} bytes from ${inputs.length} inputs`)

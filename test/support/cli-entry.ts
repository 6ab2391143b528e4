/** Runs the CLI from source (node --import tsx), for child-process tests that kill it. */
import { main } from '../../src/cli/main.js'

process.exitCode = await main(process.argv.slice(2))

/**
 * `node --import ./test/support/module-log.mjs …`: appends every module URL
 * the process resolves to $FUNDTRACE_MODULE_LOG, one a line, so a test can
 * see what a command really loaded.
 */
import { register } from 'node:module'

const file = process.env.FUNDTRACE_MODULE_LOG
if (file) {
  const hooks = `
    import { appendFileSync } from 'node:fs'
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context)
      appendFileSync(${JSON.stringify(file)}, result.url + '\\n')
      return result
    }`
  register(`data:text/javascript,${encodeURIComponent(hooks)}`)
}

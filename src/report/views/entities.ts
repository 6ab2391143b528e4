/** Exchange entities: hits grouped per entity and safe file names for them. */
import type { Hit, Report } from '../types.js'

/** Hits grouped by exchange entity, in first-appearance order. */
export function hitsByEntity(report: Report): Map<string, Hit[]> {
  const groups = new Map<string, Hit[]>()
  for (const hit of report.hits) {
    const list = groups.get(hit.entity) ?? []
    list.push(hit)
    groups.set(hit.entity, list)
  }
  return groups
}

/** A filesystem-safe slug for an entity name; hostile names cannot escape. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return slug || 'exchange'
}

/** Stable, unique slugs per entity (collisions get -2, -3 ...). */
export function entitySlugs(entities: Iterable<string>): Map<string, string> {
  const used = new Set<string>()
  const slugs = new Map<string, string>()
  for (const entity of entities) {
    const base = slugify(entity)
    let slug = base
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`
    used.add(slug)
    slugs.set(entity, slug)
  }
  return slugs
}
